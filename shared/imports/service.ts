import { ulid } from 'ulid';
import type { Principal } from '../auth/policy';
import { csvRow } from '../crm';
import { outboxPut, putOutbox } from '../events/outbox';
import {
  ConflictError,
  NotFoundError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../http/errors';
import {
  type CreateImportInput,
  type ImportSettings,
  type ImportView,
  maxImportBytes,
  type PreviewInput,
  type PreviewView,
  type RowProblem,
} from './contracts';
import {
  DecodeError,
  decode,
  detectDelimiter,
  detectEncoding,
  FileRefusedError,
  looksLikeHeader,
} from './detect';
import { guessMapping } from './mapping';
import { readCsv } from './parse';
import type { ImportItem } from './repository';
import * as imports from './repository';
import type { RejectedRow } from './rows';
import { checkRow, columnNames, missingFields } from './rows';
import { targetOf } from './targets';

const previewRows = 10;

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;

const tooLarge = (size: number) =>
  new PayloadTooLargeError(
    `The file is ${megabytes(size)}; an import takes at most ${megabytes(maxImportBytes)}. Split it into smaller files.`,
  );

/** What the API shows of an import. */
export const toImportView = (item: ImportItem): ImportView => {
  const { createdByUserId, validRows, chunkCount, attemptId, runBy, ...view } = item;
  // Imports stored before conferences could be targets name none.
  return { ...view, conferenceId: item.conferenceId ?? null };
};

const load = async (orgId: string, importId: string) => {
  const item = await imports.getImport(orgId, importId);
  if (!item) throw new NotFoundError();
  return item;
};

/** The target's own check of the caller, for the steps that lead to writes. */
const authorize = (principal: Principal, item: Pick<ImportItem, 'target' | 'orgId' | 'conferenceId'>) =>
  targetOf(item.target).authorize?.(principal, {
    orgId: item.orgId,
    conferenceId: item.conferenceId ?? null,
  });

const assertStatus = (item: ImportItem, allowed: readonly ImportItem['status'][], doing: string) => {
  if (!allowed.includes(item.status))
    throw new ConflictError(`This import is ${item.status}; it cannot ${doing} now`);
};

export const createImport = async (principal: Principal, orgId: string, input: CreateImportInput) => {
  if (input.size > maxImportBytes) throw tooLarge(input.size);
  await authorize(principal, { target: input.target, orgId, conferenceId: input.conferenceId ?? null });
  const now = new Date().toISOString();
  const item: ImportItem = {
    id: ulid(),
    orgId,
    target: input.target,
    conferenceId: input.conferenceId ?? null,
    fileName: input.fileName,
    size: input.size,
    status: 'uploading',
    createdAt: now,
    createdBy: principal.name,
    createdByUserId: principal.userId,
    updatedAt: now,
    detected: null,
    settings: null,
    totalRows: null,
    validRows: null,
    chunkCount: null,
    rejectedRows: 0,
    rejectedSample: [],
    duplicates: [],
    existingMatches: [],
    check: null,
    run: null,
    error: null,
    attemptId: null,
    runBy: null,
  };
  await imports.createImport(item);
  const upload = await imports.presignUpload(orgId, item.id, maxImportBytes);
  return { import: toImportView(item), upload: { ...upload, maxBytes: maxImportBytes } };
};

export const getImport = async (orgId: string, importId: string) => toImportView(await load(orgId, importId));

/** The decoded file, or a validation problem naming the encoding that does not fit. */
const decodeFile = (bytes: Uint8Array, encoding: ImportSettings['encoding']) => {
  try {
    return decode(bytes, encoding);
  } catch (error) {
    if (error instanceof DecodeError)
      throw new ValidationError([{ path: 'encoding', message: error.message }]);
    throw error;
  }
};

const firstRecords = async (text: string, settings: Pick<ImportSettings, 'delimiter'>, count: number) => {
  const records: { line: number; cells: readonly string[] }[] = [];
  const problems: RowProblem[] = [];
  for await (const item of readCsv(text, { delimiter: settings.delimiter, maxRecords: count })) {
    if ('row' in item) records.push(item.row);
    else if (records.length > 0) problems.push(item.problem);
  }
  return { records, problems };
};

const refused = async (item: ImportItem, error: unknown): Promise<never> => {
  if (error instanceof FileRefusedError) {
    await imports.updateImport(item.orgId, item.id, [item.status], {
      status: 'failed',
      error: error.message,
    });
    throw new UnsupportedMediaTypeError(error.message);
  }
  throw error;
};

/**
 * The file arrived: its size is checked again (s3rver, unlike S3, ignores the POST policy), binary files are
 * refused, and encoding, delimiter and header row are detected. Answers the first preview.
 */
export const completeUpload = async (orgId: string, importId: string): Promise<PreviewView> => {
  const item = await load(orgId, importId);
  assertStatus(item, ['uploading', 'uploaded'], 'take the upload');
  const size = await imports.uploadedSize(orgId, importId);
  if (size === undefined) throw new ConflictError('The file has not arrived yet; upload it again');
  if (size > maxImportBytes) {
    await imports.deleteUpload(orgId, importId);
    await imports.updateImport(orgId, importId, [item.status], {
      status: 'failed',
      error: tooLarge(size).message,
    });
    throw tooLarge(size);
  }
  const bytes = await imports.readUpload(orgId, importId);
  try {
    const guess = await detectEncoding(bytes);
    const text = decode(bytes, guess.encoding);
    const delimiter = await detectDelimiter(text);
    const { records } = await firstRecords(text, { delimiter }, 1);
    const hasHeader = looksLikeHeader(records[0]?.cells ?? []);
    if (!records[0]) throw new FileRefusedError('The file has no rows');
    const target = targetOf(item.target);
    const settings: ImportSettings = {
      encoding: guess.encoding,
      delimiter,
      hasHeader,
      mapping: hasHeader
        ? guessMapping(columnNames(records[0].cells, true), target.fields)
        : records[0].cells.map(() => null),
    };
    const next: ImportItem = {
      ...item,
      size,
      status: 'uploaded',
      detected: { ...guess, delimiter, hasHeader },
      settings,
    };
    await imports.updateImport(orgId, importId, [item.status], {
      size,
      status: 'uploaded',
      detected: next.detected,
      settings,
    });
    return await previewOf(next, bytes, settings);
  } catch (error) {
    return refused(item, error);
  }
};

/** Checks a mapping against the file's columns and the target's fields. */
const checkMapping = (item: ImportItem, columns: readonly string[], mapping: readonly (string | null)[]) => {
  const target = targetOf(item.target);
  const errors: { path: string; message: string }[] = [];
  if (mapping.length !== columns.length)
    errors.push({ path: 'mapping', message: `The file has ${columns.length} columns; map each (or null)` });
  const seen = new Set<string>();
  mapping.forEach((field, index) => {
    if (field === null) return;
    if (!target.fields.some((candidate) => candidate.name === field))
      errors.push({ path: `mapping.${index}`, message: `No field ${field}` });
    else if (seen.has(field))
      errors.push({ path: `mapping.${index}`, message: `${field} is mapped to two columns` });
    seen.add(field);
  });
  if (errors.length > 0) throw new ValidationError(errors);
};

const previewOf = async (
  item: ImportItem,
  bytes: Uint8Array,
  settings: ImportSettings,
): Promise<PreviewView> => {
  const target = targetOf(item.target);
  const text = decodeFile(bytes, settings.encoding);
  const { records, problems } = await firstRecords(text, settings, previewRows + 1);
  const first = records[0]?.cells ?? [];
  const columns = columnNames(first, settings.hasHeader);
  const mapping = settings.mapping.length === columns.length ? settings.mapping : columns.map(() => null);
  checkMapping(item, columns, mapping);
  const rows = settings.hasHeader ? records.slice(1) : records.slice(0, previewRows);
  const rowProblems = rows.flatMap((row) => {
    const checked = checkRow(target, mapping, row);
    return 'problems' in checked ? checked.problems : [];
  });
  return {
    import: toImportView(item),
    settings: { ...settings, mapping },
    columns,
    rows: rows.map((row) => ({ line: row.line, cells: [...row.cells] })),
    fields: target.fields.map((field) => ({
      name: field.name,
      label: field.label,
      hint: field.hint,
      required: target.requirements.some(
        (requirement) => requirement.fields.length === 1 && requirement.fields[0] === field.name,
      ),
    })),
    missing: missingFields(target, mapping),
    problems: [...problems, ...rowProblems].sort((a, b) => a.line - b.line),
  };
};

/** The first rows read with other settings; a changed delimiter or header row guesses the mapping again. */
export const previewImport = async (orgId: string, importId: string, input: PreviewInput) => {
  const item = await load(orgId, importId);
  assertStatus(item, ['uploaded', 'checked'], 'be previewed');
  const bytes = await imports.readUpload(orgId, importId);
  const current = item.settings!;
  let settings: ImportSettings = { ...current, ...input };
  const reread =
    input.delimiter !== undefined || input.hasHeader !== undefined || input.encoding !== undefined;
  if (reread && input.mapping === undefined) {
    const text = decodeFile(bytes, settings.encoding);
    const { records } = await firstRecords(text, settings, 1);
    const cells = records[0]?.cells ?? [];
    settings = {
      ...settings,
      mapping: settings.hasHeader
        ? guessMapping(columnNames(cells, true), targetOf(item.target).fields)
        : cells.map((_, index) => current.mapping[index] ?? null),
    };
  }
  return previewOf(item, bytes, settings);
};

export const startStep = async (item: ImportItem, phase: 'prepare' | 'check' | 'run', chunk: number) => {
  await putOutbox([
    outboxPut('import.step-due', {
      version: 1,
      orgId: item.orgId,
      importId: item.id,
      attemptId: item.attemptId!,
      phase,
      chunk,
    }),
  ]);
};

const freshPhase = () => ({
  new: 0,
  updated: 0,
  unchanged: 0,
  rejected: 0,
  rowsDone: 0,
  chunksDone: 0,
  startedAt: new Date().toISOString(),
  finishedAt: null,
});

/**
 * Starts the dry run with the confirmed settings: the whole file is read and checked in the background,
 * then each chunk of rows is compared with the organization's records. Nothing is written but the import.
 */
export const checkImport = async (
  principal: Principal,
  orgId: string,
  importId: string,
  settings: ImportSettings,
) => {
  const item = await load(orgId, importId);
  await authorize(principal, item);
  assertStatus(item, ['uploaded', 'checked'], 'be checked');
  const bytes = await imports.readUpload(orgId, importId);
  const text = decodeFile(bytes, settings.encoding);
  const { records } = await firstRecords(text, settings, 1);
  const columns = columnNames(records[0]?.cells ?? [], settings.hasHeader);
  checkMapping(item, columns, settings.mapping);
  const missing = missingFields(targetOf(item.target), settings.mapping);
  if (missing.length > 0) throw new ValidationError(missing.map((message) => ({ path: 'mapping', message })));
  const changes: Partial<ImportItem> = {
    status: 'checking',
    settings,
    attemptId: ulid(),
    check: freshPhase(),
    run: null,
    totalRows: null,
    validRows: null,
    chunkCount: null,
    rejectedRows: 0,
    rejectedSample: [],
    duplicates: [],
    existingMatches: [],
    error: null,
  };
  await imports.updateImport(orgId, importId, [item.status], changes);
  const next = { ...item, ...changes } as ImportItem;
  await startStep(next, 'prepare', 0);
  return toImportView(next);
};

/** Runs the checked import in the background, one chunk of rows a step. */
export const runImport = async (principal: Principal, orgId: string, importId: string) => {
  const item = await load(orgId, importId);
  await authorize(principal, item);
  assertStatus(item, ['checked'], 'run');
  const changes: Partial<ImportItem> = {
    status: 'running',
    attemptId: ulid(),
    run: freshPhase(),
    existingMatches: [],
    runBy: { userId: principal.userId, name: principal.name },
  };
  await imports.updateImport(orgId, importId, ['checked'], changes);
  const next = { ...item, ...changes } as ImportItem;
  await startStep(next, 'run', 0);
  return toImportView(next);
};

const lineReasons = (problems: readonly RowProblem[]) =>
  problems
    .map((problem) => (problem.column ? `${problem.column}: ${problem.message}` : problem.message))
    .join('; ');

/**
 * Every rejected row as CSV, one line of the file a row: its line number, the reasons, and its cells as
 * they were (formula-looking cells defused by the CSV writer).
 */
export const rejectedRowsCsv = async (orgId: string, importId: string) => {
  const item = await load(orgId, importId);
  if (item.validRows === null) throw new ConflictError('The import has not been checked yet');
  const staged = await imports.readRejections(orgId, importId);
  const phaseRejections: RejectedRow[] = [];
  if (item.run && item.attemptId)
    phaseRejections.push(...(await imports.listRunRejections(orgId, importId, item.attemptId)));
  const byLine = new Map<number, RejectedRow[]>();
  for (const problem of [...staged.rejected, ...phaseRejections])
    byLine.set(problem.line, [...(byLine.get(problem.line) ?? []), problem]);
  const lines = [...byLine.keys()].sort((a, b) => a - b);
  const header = csvRow(['Line', 'Reason', ...staged.columns]);
  const rows = lines.map((line) => {
    const problems = byLine.get(line)!;
    const cells = problems.find((problem) => problem.cells)?.cells ?? [];
    return csvRow([line, lineReasons(problems), ...cells]);
  });
  return {
    csv: header + rows.join(''),
    fileName: `${item.fileName.replace(/\.csv$/i, '').replace(/[^\w.-]+/g, '-')}-rejected.csv`,
  };
};
