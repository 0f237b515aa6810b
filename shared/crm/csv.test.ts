import { describe, expect, it } from 'vitest';
import { csvCell, csvRow, toCsv } from './csv';

/** A minimal RFC 4180 reader, to prove that what the writer quotes reads back as the original cells. */
const parseCsv = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += char;
  }
  return rows;
};

describe('CSV cells', () => {
  it('writes plain text as it is', () => {
    expect(csvCell('Anna Smith')).toBe('Anna Smith');
  });

  it('quotes cells with commas, quotes, CR or LF and doubles the quotes', () => {
    expect(csvCell('Smith, Anna')).toBe('"Smith, Anna"');
    expect(csvCell('the "big" leak')).toBe('"the ""big"" leak"');
    expect(csvCell('line one\nline two')).toBe('"line one\nline two"');
    expect(csvCell('a\r\nb')).toBe('"a\r\nb"');
  });

  it.each([
    '=HYPERLINK("http://evil.example","click")',
    '+1 312 555 0101',
    '-2+3',
    '@SUM(A1:A2)',
    '\tcmd',
    '\rcmd',
  ])('defuses a cell that a spreadsheet would run as a formula: %j', (value) => {
    const cell = csvCell(value);
    const [[read]] = parseCsv(`${cell}\r\n`) as [[string]];

    expect(read).toBe(`'${value}`);
  });

  it('leaves formula characters alone when they are not first', () => {
    expect(csvCell('a=b')).toBe('a=b');
    expect(csvCell('anna@example.com')).toBe('anna@example.com');
  });

  it('writes numbers as numbers (a negative amount is not text) and empty for null', () => {
    expect(csvCell(-250)).toBe('-250');
    expect(csvCell(3)).toBe('3');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });
});

describe('CSV rows', () => {
  it('ends every row with CRLF', () => {
    expect(csvRow(['a', 'b'])).toBe('a,b\r\n');
    expect(toCsv([['a'], ['b']])).toBe('a\r\nb\r\n');
  });

  it('reads back cell for cell, whatever the text holds', () => {
    const rows = [
      ['Name', 'Message', 'Notes'],
      ['Zoë "Z" O’Neil', 'Leak under sink,\r\nplease call', ''],
      ['Plain', 'Émoji 😀 and ; semicolons', 'trailing space '],
    ];

    expect(parseCsv(toCsv(rows))).toEqual(rows);
  });
});
