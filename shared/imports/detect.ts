import type { Delimiter, FileEncoding } from './contracts';

/**
 * What a file is before anyone reads it as rows: refused when it is not text, else its byte order mark,
 * its encoding (certain when it has a BOM or is valid UTF-8, else chardet's best guess for the user to
 * confirm) and, once decoded, its delimiter and whether the first row is a header.
 *
 * chardet and csv-parse are loaded on first use: most of the imports function's requests (the status a
 * page polls, checks and runs started) read no file, and most files are UTF-8, so chardet rarely loads.
 */

/** Thrown for files that cannot be imported as they are; the message tells the user what to do. */
export class FileRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FileRefusedError';
  }
}

const signatures: readonly { bytes: number[]; what: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'a GIF image' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'a zip archive (an Excel .xlsx workbook is one)' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Excel .xls workbook' },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive' },
];

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) =>
  prefix.every((byte, index) => bytes[index] === byte);

export type Bom = 'utf-8' | 'utf-16le' | 'utf-16be';

const boms: readonly { bytes: number[]; bom: Bom }[] = [
  { bytes: [0xef, 0xbb, 0xbf], bom: 'utf-8' },
  { bytes: [0xff, 0xfe], bom: 'utf-16le' },
  { bytes: [0xfe, 0xff], bom: 'utf-16be' },
];

export const bomOf = (bytes: Uint8Array): Bom | null =>
  boms.find((candidate) => startsWith(bytes, candidate.bytes))?.bom ?? null;

/** UTF-16 without a BOM: ASCII text has a NUL in every other byte. */
const utf16ByNuls = (sample: Uint8Array): FileEncoding | null => {
  if (sample.length < 4) return null;
  let even = 0;
  let odd = 0;
  for (let index = 0; index < sample.length; index++)
    if (sample[index] === 0) index % 2 === 0 ? even++ : odd++;
  const half = sample.length / 2;
  if (odd > half * 0.6 && even < half * 0.1) return 'utf-16le';
  if (even > half * 0.6 && odd < half * 0.1) return 'utf-16be';
  return null;
};

export interface EncodingGuess {
  readonly encoding: FileEncoding;
  readonly bom: Bom | null;
  /** False when the file is not valid UTF-8 and the encoding is chardet's guess: the user confirms it. */
  readonly certain: boolean;
  /** What the preview tells the user, e.g. "This file looks like Windows-1252, not UTF-8". */
  readonly note: string | null;
}

const encodingNames: Record<FileEncoding, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (little-endian)',
  'utf-16be': 'UTF-16 (big-endian)',
  'windows-1252': 'Windows-1252',
  'iso-8859-1': 'ISO-8859-1 (Latin-1)',
  'iso-8859-15': 'ISO-8859-15 (Latin-9)',
  'windows-1250': 'Windows-1250 (Central European)',
};
export const encodingName = (encoding: FileEncoding) => encodingNames[encoding];

const chardetNames: Record<string, FileEncoding> = {
  'windows-1252': 'windows-1252',
  'ISO-8859-1': 'iso-8859-1',
  'ISO-8859-15': 'iso-8859-15',
  'windows-1250': 'windows-1250',
  'ISO-8859-2': 'windows-1250',
  'UTF-16LE': 'utf-16le',
  'UTF-16BE': 'utf-16be',
};

/**
 * Refuses binary files (known signatures, NUL bytes outside UTF-16) and names the encoding. Only the
 * first 64 KiB are sniffed for NULs; UTF-8 validity is checked on the whole file.
 */
export const detectEncoding = async (bytes: Uint8Array): Promise<EncodingGuess> => {
  if (bytes.length === 0) throw new FileRefusedError('The file is empty');
  const bom = bomOf(bytes);
  if (bom) return { encoding: bom, bom, certain: true, note: null };
  const signature = signatures.find((candidate) => startsWith(bytes, candidate.bytes));
  if (signature)
    throw new FileRefusedError(
      `This file is ${signature.what}, not a CSV file. Save it as CSV and try again.`,
    );
  const sample = bytes.subarray(0, 64 * 1024);
  if (sample.includes(0)) {
    const utf16 = utf16ByNuls(sample);
    if (!utf16)
      throw new FileRefusedError('This file holds binary data, not text. Save it as CSV and try again.');
    return {
      encoding: utf16,
      bom: null,
      certain: false,
      note: `This file looks like ${encodingName(utf16)} without a byte order mark`,
    };
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { encoding: 'utf-8', bom: null, certain: true, note: null };
  } catch {
    const { analyse } = await import('chardet');
    const guess = analyse(sample).find((match) => chardetNames[match.name]);
    const encoding = guess ? chardetNames[guess.name]! : 'windows-1252';
    return {
      encoding,
      bom: null,
      certain: false,
      note: `This file looks like ${encodingName(encoding)}, not UTF-8`,
    };
  }
};

/** Thrown when the bytes are not text in the chosen encoding; never decoded with replacement characters. */
export class DecodeError extends Error {
  constructor(encoding: FileEncoding) {
    super(`The file is not valid ${encodingName(encoding)}. Choose the encoding it was saved in.`);
    this.name = 'DecodeError';
  }
}

/**
 * Bytes 0x80–0x9F of Windows-1252 (the WHATWG index; ISO-8859-1 is decoded as Windows-1252 too). Some
 * Node.js builds decode `windows-1252` as Latin-1, leaving these as C1 control characters.
 */
const windows1252High = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';
const decodesC1AsLatin1 = new TextDecoder('windows-1252').decode(new Uint8Array([0x80])) !== '€';
const latin1Labels = new Set<FileEncoding>(['windows-1252', 'iso-8859-1']);

/** Decodes strictly (`fatal`), without the BOM. */
export const decode = (bytes: Uint8Array, encoding: FileEncoding): string => {
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new DecodeError(encoding);
  }
  if (decodesC1AsLatin1 && latin1Labels.has(encoding))
    text = text.replace(/[\u0080-\u009F]/g, (char) => windows1252High[char.charCodeAt(0) - 0x80]!);
  return text;
};

export const delimiters = [',', ';', '\t', '|'] as const satisfies readonly Delimiter[];

/** The first lines of a text, cut at a line end (a quoted field may still span lines). */
const firstLines = (text: string, lines = 25) => {
  let end = 0;
  for (let line = 0; line < lines; line++) {
    const next = text.indexOf('\n', end);
    if (next === -1) return text;
    end = next + 1;
  }
  return text.slice(0, end);
};

/**
 * The delimiter by trial: the first lines are parsed with each candidate, and the one that splits them into
 * the most columns, the same number on every row, wins. Ties go to the comma.
 */
export const detectDelimiter = async (text: string): Promise<Delimiter> => {
  const { parse } = await import('csv-parse/sync');
  const sample = firstLines(text);
  let best: { delimiter: Delimiter; score: number } = { delimiter: ',', score: 0 };
  for (const delimiter of delimiters) {
    let records: string[][];
    try {
      records = parse(sample, {
        delimiter,
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: true,
        record_delimiter: ['\r\n', '\n', '\r'],
      });
    } catch {
      continue;
    }
    // The sample's last line may be cut inside a quoted field: judge the complete ones.
    const judged = records.length > 2 ? records.slice(0, -1) : records;
    const columns = judged[0]?.length ?? 0;
    if (columns < 2) continue;
    const consistent = judged.filter((record) => record.length === columns).length / judged.length;
    const score = consistent * 1000 + columns;
    if (score > best.score) best = { delimiter, score };
  }
  return best.delimiter;
};

const looksLikeData = (cell: string) =>
  /@/.test(cell) || /^[\d\s()+.,:/-]+$/.test(cell.trim()) || cell.trim() === '';

/** A first row whose cells are all names (no empty cell, no email, no number) is a header. */
export const looksLikeHeader = (firstRow: readonly string[]): boolean => {
  // A trailing delimiter leaves an empty last cell on every row, the header's too.
  const cells = [...firstRow];
  while (cells.length > 0 && cells.at(-1)!.trim() === '') cells.pop();
  return cells.length > 0 && cells.every((cell) => !looksLikeData(cell));
};
