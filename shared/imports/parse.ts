import { Readable } from 'node:stream';
import type { CsvError } from 'csv-parse';
import { type Delimiter, maxImportColumns, type RowProblem } from './contracts';
import { FileRefusedError } from './detect';

/** One data row: its cells and the line of the file it starts on (1-based, as an editor shows it). */
export interface CsvRow {
  readonly line: number;
  readonly cells: readonly string[];
}

export type CsvItem = { readonly row: CsvRow } | { readonly problem: RowProblem };

export interface ReadOptions {
  readonly delimiter: Delimiter;
  /** Stop after this many records (header included), for previews. */
  readonly maxRecords?: number;
}

const lineBreaks = (cells: readonly string[]) =>
  cells.reduce((count, cell) => count + (cell.match(/\r\n|\r|\n/g)?.length ?? 0), 0);

const fieldCounts = /expect (\d+), got (\d+)/;

/** A parser error as the user reads it, on the line where the row starts. */
const problemOf = (error: CsvError, startLine: number): RowProblem => {
  const endLine = Number(error.lines ?? startLine);
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return {
        line: startLine,
        column: null,
        message:
          endLine > startLine
            ? `A quote opened in this row is never closed, so lines ${startLine}–${endLine} could not be read`
            : 'A quote opened in this row is never closed',
      };
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'INVALID_OPENING_QUOTE':
      return {
        line: endLine,
        column: null,
        message: 'A quote inside a field is not doubled (write "" for a quote in a quoted field)',
      };
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH': {
      const [, expected, got] = fieldCounts.exec(error.message) ?? [];
      return {
        line: endLine,
        column: null,
        message: `Has ${got ?? 'another number of'} fields where the header has ${expected ?? 'a different number'}`,
      };
    }
    default:
      return { line: endLine, column: null, message: error.message };
  }
};

/**
 * Reads decoded CSV text with csv-parse's stream API, strict about the number of fields: every record comes
 * out as a row, or as a problem with its line number and reason (quotes left open, wrong number of fields),
 * and reading goes on after it. Blank lines are skipped. A first record wider than `maxImportColumns`
 * refuses the whole file. The first record yielded is the header (or the first data row).
 */
export async function* readCsv(text: string, options: ReadOptions): AsyncGenerator<CsvItem> {
  const problems: RowProblem[] = [];
  let lastLine = 0;
  // Loaded on first use, like the rest of the file reading (see detect.ts).
  const { parse } = await import('csv-parse');
  const parser = Readable.from([text]).pipe(
    parse({
      delimiter: options.delimiter,
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: false,
      skip_empty_lines: true,
      skip_records_with_error: true,
      info: true,
      // The parser runs ahead of the loop below: it tracks where the last good record ended itself.
      on_record: (record, context) => {
        lastLine = context.lines;
        return record;
      },
      on_skip: (error) => {
        const problem = problemOf(error as CsvError, lastLine + 1);
        lastLine = Number((error as CsvError).lines ?? lastLine + 1);
        problems.push(problem);
      },
    }),
  );
  let records = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: string[];
      info: { lines: number };
    }>) {
      while (problems.length > 0) yield { problem: problems.shift()! };
      if (records === 0 && record.length > maxImportColumns)
        throw new FileRefusedError(
          `The first row has ${record.length.toLocaleString('en-US')} columns; an import takes at most ${maxImportColumns}`,
        );
      yield { row: { line: info.lines - lineBreaks(record), cells: record } };
      records++;
      if (options.maxRecords !== undefined && records >= options.maxRecords) return;
    }
    while (problems.length > 0) yield { problem: problems.shift()! };
  } finally {
    parser.destroy();
  }
}
