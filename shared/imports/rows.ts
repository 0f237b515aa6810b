import type { DuplicateGroup, ImportSettings, RowProblem } from './contracts';
import { type CsvRow, readCsv } from './parse';
import { type AnyImportTarget, dedupeKeyId, type ImportScope, type ImportTarget } from './target';

/**
 * From decoded text to rows a target can write: each data row's mapped cells checked (text rules first,
 * then the field's schema), the row built by the target, and duplicates within the file found by every
 * key a row has. Pure: no reads, no writes, so the dry run and the run see the same rows.
 */

/** Longest cell any field takes; a field's own schema is usually stricter. */
const maxCellLength = 10_000;

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Control characters other than tab, line feed and carriage return (as typed text refuses them). */
const hasControlCharacter = (value: string) =>
  [...value].some((char) => {
    const code = char.charCodeAt(0);
    return (code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 127;
  });

/** The text rules every cell obeys, whatever field it fills. */
export const cellProblem = (value: string): string | null => {
  if (loneSurrogate.test(value)) return 'Contains a broken character (a lone UTF-16 surrogate)';
  if (hasControlCharacter(value)) return 'Contains control characters';
  if (value.length > maxCellLength) return `At most ${maxCellLength.toLocaleString('en-US')} characters`;
  return null;
};

/** The column names: the header's cells, or `Column 1`, … for a file without one. */
export const columnNames = (first: readonly string[], hasHeader: boolean): string[] =>
  first.map((cell, index) => (hasHeader && cell.trim() ? cell.trim() : `Column ${index + 1}`));

/** What the mapping lacks, as the target words it ("Map a column to Email or Phone"). */
export const missingFields = (target: AnyImportTarget, mapping: readonly (string | null)[]): string[] =>
  target.requirements
    .filter((requirement) => !requirement.fields.some((field) => mapping.includes(field)))
    .map((requirement) => requirement.message);

/** A row that passed its checks, with the file's cells (for the rejected rows file, should a write refuse it). */
export type CheckedRow<Row> = { readonly line: number; readonly row: Row; readonly cells: readonly string[] };

/** A rejected row with the file's cells when it could be read. */
export type RejectedRow = RowProblem & { readonly cells?: readonly string[] };

/** One row through its cells' checks and the target's rules: the row, or its problems. */
export const checkRow = <Row, Existing>(
  target: ImportTarget<Row, Existing>,
  mapping: readonly (string | null)[],
  csvRow: CsvRow,
): { row: Row } | { problems: RowProblem[] } => {
  const cells: Record<string, string> = {};
  const problems: RowProblem[] = [];
  mapping.forEach((fieldName, index) => {
    const field = fieldName ? target.fields.find((candidate) => candidate.name === fieldName) : undefined;
    const raw = csvRow.cells[index] ?? '';
    if (!field || raw.trim() === '') return;
    const textProblem = cellProblem(raw);
    if (textProblem) {
      problems.push({ line: csvRow.line, column: field.label, message: textProblem });
      return;
    }
    const parsed = field.cell.safeParse(raw);
    if (parsed.success) cells[field.name] = parsed.data;
    else
      problems.push({
        line: csvRow.line,
        column: field.label,
        message: parsed.error.issues[0]?.message ?? 'Not valid',
      });
  });
  if (problems.length > 0) return { problems };
  const built = target.toRow(cells);
  if ('issues' in built) return { problems: built.issues.map((issue) => ({ line: csvRow.line, ...issue })) };
  return { row: built.row };
};

export interface ReadResult<Row> {
  readonly columns: string[];
  /** Data rows read, good and bad. */
  readonly total: number;
  readonly rows: CheckedRow<Row>[];
  readonly problems: RejectedRow[];
  readonly duplicates: DuplicateGroup[];
}

/** Every row of the file, checked; rows sharing a key with an earlier row are rejected as duplicates. */
export const readRows = async <Row, Existing>(
  target: ImportTarget<Row, Existing>,
  text: string,
  settings: ImportSettings,
): Promise<ReadResult<Row>> => {
  let columns: string[] | undefined;
  let total = 0;
  const rows: CheckedRow<Row>[] = [];
  const problems: RejectedRow[] = [];
  const firstLine = new Map<string, { line: number; group?: DuplicateGroup }>();
  const duplicates: DuplicateGroup[] = [];
  for await (const item of readCsv(text, { delimiter: settings.delimiter })) {
    if ('problem' in item) {
      total++;
      problems.push(item.problem);
      continue;
    }
    if (!columns) {
      columns = columnNames(item.row.cells, settings.hasHeader);
      if (settings.hasHeader) continue;
    }
    total++;
    const checked = checkRow(target, settings.mapping, item.row);
    const { line, cells } = item.row;
    if ('problems' in checked) {
      problems.push(...checked.problems.map((problem) => ({ ...problem, cells })));
      continue;
    }
    const repeated = target.dedupeKeys(checked.row).find((key) => firstLine.has(dedupeKeyId(key)));
    if (repeated) {
      const first = firstLine.get(dedupeKeyId(repeated))!;
      if (!first.group) {
        first.group = { key: repeated.label, value: repeated.value, lines: [first.line] };
        duplicates.push(first.group);
      }
      first.group.lines.push(line);
      problems.push({
        line,
        column: null,
        message: `Same ${repeated.label} as line ${first.line}: only the first row is imported`,
        cells,
      });
      continue;
    }
    for (const key of target.dedupeKeys(checked.row)) firstLine.set(dedupeKeyId(key), { line });
    rows.push({ line, row: checked.row, cells });
  }
  return { columns: columns ?? [], total, rows, problems, duplicates };
};

export type Outcome<Existing> =
  | { readonly outcome: 'new' }
  | { readonly outcome: 'updated' | 'unchanged'; readonly existing: Existing }
  | { readonly outcome: 'rejected'; readonly reason: string };

/**
 * Each row against the organization's records: new when no record holds any of its keys, updated or
 * unchanged when one does, rejected when its keys point at two different records.
 */
export const classifyRows = async <Row, Existing>(
  target: ImportTarget<Row, Existing>,
  scope: ImportScope,
  rows: readonly CheckedRow<Row>[],
): Promise<Outcome<Existing>[]> => {
  const keys = rows.flatMap(({ row }) => target.dedupeKeys(row));
  const existing = await target.loadExisting(scope, keys);
  return rows.map(({ row }) => {
    const matches = new Map<string, { record: Existing; label: string }>();
    for (const key of target.dedupeKeys(row)) {
      const record = existing.get(dedupeKeyId(key));
      if (record && !matches.has(target.recordId(record)))
        matches.set(target.recordId(record), { record, label: key.label });
    }
    const found = [...matches.values()];
    if (found.length > 1)
      return {
        outcome: 'rejected',
        reason: `Its ${found.map((match) => `${match.label} belongs to ${target.recordName(match.record)}`).join(', its ')}: two different ${target.recordLabel}s`,
      };
    const [match] = found;
    if (!match) return { outcome: 'new' };
    return { outcome: target.changed(match.record, row) ? 'updated' : 'unchanged', existing: match.record };
  });
};
