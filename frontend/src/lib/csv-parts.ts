export interface CsvPart {
  readonly text: string;
  /** The `x-next-cursor` header: where the next part starts, or null on the last part. */
  readonly nextCursor: string | null;
}

const byteOrderMark = '\uFEFF';

const firstLine = (text: string): string => {
  const end = text.indexOf('\n');
  return end === -1 ? text : text.slice(0, end + 1);
};

/**
 * Joins the parts' text into one CSV: the header row once, every part starting on a line of its own. A
 * later part that repeats the header (the API does not, but a changed one might) loses it.
 */
export const joinCsvParts = (parts: readonly string[]): string => {
  const [first = '', ...rest] = parts;
  const header = firstLine(first);
  let csv = first;
  for (const part of rest) {
    let text = part.startsWith(byteOrderMark) ? part.slice(1) : part;
    if (header && text.startsWith(header)) text = text.slice(header.length);
    if (!text) continue;
    if (csv && !csv.endsWith('\n')) csv += '\r\n';
    csv += text;
  }
  return csv;
};

export class ExportIncompleteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExportIncompleteError';
  }
}

export interface CollectOptions {
  /** Told the number of parts fetched so far, after each one. */
  readonly onPart?: (parts: number) => void;
  /**
   * The most parts to fetch before giving up.
   * @default 1000 (500,000 leads at 500 a part)
   */
  readonly maxParts?: number;
}

/** Fetches every part of an export, following each part's cursor, and joins them. */
export const collectCsvParts = async (
  fetchPart: (cursor: string | undefined) => Promise<CsvPart>,
  { onPart, maxParts = 1000 }: CollectOptions = {},
): Promise<string> => {
  const texts: string[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  for (;;) {
    const part = await fetchPart(cursor);
    texts.push(part.text);
    onPart?.(texts.length);
    if (!part.nextCursor) return joinCsvParts(texts);
    if (seen.has(part.nextCursor))
      throw new ExportIncompleteError('The export went in a circle, so it stopped. Please try again.');
    if (texts.length >= maxParts)
      throw new ExportIncompleteError(
        `The export has more than ${maxParts} parts. Narrow it down with the filters and try again.`,
      );
    seen.add(part.nextCursor);
    cursor = part.nextCursor;
  }
};
