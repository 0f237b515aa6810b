import { describe, expect, it } from 'vitest';
import {
  DecodeError,
  decode,
  detectDelimiter,
  detectEncoding,
  FileRefusedError,
  looksLikeHeader,
} from './detect';

const utf8 = (text: string) => new TextEncoder().encode(text);
const withBom = (bom: number[], body: Uint8Array) => new Uint8Array([...bom, ...body]);

const utf16le = (text: string) => {
  const bytes = new Uint8Array(text.length * 2);
  for (let index = 0; index < text.length; index++) {
    bytes[index * 2] = text.charCodeAt(index) & 0xff;
    bytes[index * 2 + 1] = text.charCodeAt(index) >> 8;
  }
  return bytes;
};

const utf16be = (text: string) => {
  const little = utf16le(text);
  const big = new Uint8Array(little.length);
  for (let index = 0; index < little.length; index += 2) {
    big[index] = little[index + 1]!;
    big[index + 1] = little[index]!;
  }
  return big;
};

/** Windows-1252: Latin-1 for these letters, 0x80 for the euro sign. */
const windows1252 = (text: string) =>
  new Uint8Array([...text].map((char) => (char === '€' ? 0x80 : char.charCodeAt(0))));

const german =
  'Vorname;Nachname;E-Mail;Notiz\nJürgen;Müller;jm@example.de;Preis 50 €\nÄnne;Größe;ag@example.de;Straße\n';

describe('encoding detection', () => {
  it('reads UTF-8 with a BOM as UTF-8 and drops the BOM when decoding', async () => {
    const bytes = withBom([0xef, 0xbb, 0xbf], utf8('Name,Email\nZoë,z@example.com\n'));
    const guess = await detectEncoding(bytes);
    expect(guess).toEqual({ encoding: 'utf-8', bom: 'utf-8', certain: true, note: null });
    expect(decode(bytes, guess.encoding)).toBe('Name,Email\nZoë,z@example.com\n');
  });

  it('reads UTF-16 LE and BE with their BOMs', async () => {
    const little = withBom([0xff, 0xfe], utf16le('Name\tEmail\nJürgen\tj@example.de\n'));
    const big = withBom([0xfe, 0xff], utf16be('Name\tEmail\nJürgen\tj@example.de\n'));
    expect(await detectEncoding(little)).toMatchObject({
      encoding: 'utf-16le',
      bom: 'utf-16le',
      certain: true,
    });
    expect(await detectEncoding(big)).toMatchObject({ encoding: 'utf-16be', bom: 'utf-16be', certain: true });
    expect(decode(little, 'utf-16le')).toBe('Name\tEmail\nJürgen\tj@example.de\n');
    expect(decode(big, 'utf-16be')).toBe('Name\tEmail\nJürgen\tj@example.de\n');
  });

  it('names UTF-16 without a BOM by its NUL bytes instead of refusing it as binary', async () => {
    const guess = await detectEncoding(utf16le('Name,Email\nAnna,a@example.com\n'));
    expect(guess).toMatchObject({ encoding: 'utf-16le', certain: false });
    expect(guess.note).toContain('UTF-16');
  });

  it('calls plain valid UTF-8 certain', async () => {
    expect(await detectEncoding(utf8(german))).toEqual({
      encoding: 'utf-8',
      bom: null,
      certain: true,
      note: null,
    });
  });

  it('names Windows-1252 with umlauts and € as a guess to confirm, never as UTF-8', async () => {
    const bytes = windows1252(german);
    const guess = await detectEncoding(bytes);
    expect(guess).toMatchObject({ encoding: 'windows-1252', certain: false });
    expect(guess.note).toBe('This file looks like Windows-1252, not UTF-8');
    expect(decode(bytes, 'windows-1252')).toBe(german);
  });

  it('refuses to decode Windows-1252 bytes as UTF-8 rather than mangling them', async () => {
    expect(() => decode(windows1252(german), 'utf-8')).toThrow(DecodeError);
  });

  it('refuses a PNG renamed .csv, a zip (xlsx) and other binary files with a clear reason', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    await expect(detectEncoding(png)).rejects.toThrow(
      new FileRefusedError('This file is a PNG image, not a CSV file. Save it as CSV and try again.'),
    );
    await expect(detectEncoding(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 20, 0]))).rejects.toThrow(
      /zip archive/,
    );
    await expect(detectEncoding(new Uint8Array([1, 2, 0, 0, 0, 3, 200, 0, 0, 9]))).rejects.toThrow(
      /binary data/,
    );
    await expect(detectEncoding(new Uint8Array())).rejects.toThrow(/empty/);
  });
});

describe('delimiter detection', () => {
  it('finds commas, semicolons, tabs and pipes', async () => {
    expect(await detectDelimiter('name,email,phone\na,b@c.de,1\nd,e@f.de,2\n')).toBe(',');
    expect(await detectDelimiter('name;email;note\nA;a@b.de;"1,5 kg"\nB;b@c.de;2,0\n')).toBe(';');
    expect(await detectDelimiter('name\temail\nA\ta@b.de\nB\tb@c.de\n')).toBe('\t');
    expect(await detectDelimiter('name|email\nA|a@b.de\nB|b@c.de\n')).toBe('|');
  });

  it('is not fooled by commas inside quoted fields of a semicolon file', async () => {
    expect(await detectDelimiter('Name;Notes\n"Smith, Anna";"a, b, c"\n"Doe, John";"d, e"\n')).toBe(';');
  });
});

describe('header detection', () => {
  it('takes a row of names as the header, also with a trailing delimiter', async () => {
    expect(looksLikeHeader(['Name', 'E-Mail', 'Telefon'])).toBe(true);
    expect(looksLikeHeader(['Name', 'Email', ''])).toBe(true);
  });

  it('takes a row with an email address or a number as data', async () => {
    expect(looksLikeHeader(['Anna', 'anna@example.com'])).toBe(false);
    expect(looksLikeHeader(['Bob', '+1 555 0100'])).toBe(false);
  });
});
