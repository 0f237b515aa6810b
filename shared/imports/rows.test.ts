import { describe, expect, it } from 'vitest';
import type { ImportSettings } from './contracts';
import { leadsTarget } from './leads-target';
import { guessMapping } from './mapping';
import { readCsv } from './parse';
import { cellProblem, checkRow, missingFields, readRows } from './rows';

const settings = (overrides: Partial<ImportSettings> = {}): ImportSettings => ({
  encoding: 'utf-8',
  delimiter: ',',
  hasHeader: true,
  mapping: ['name', 'email', 'phone'],
  ...overrides,
});

const collect = async (text: string, delimiter: ImportSettings['delimiter'] = ',') => {
  const items = [];
  for await (const item of readCsv(text, { delimiter })) items.push(item);
  return items;
};

describe('reading CSV rows', () => {
  it('numbers rows by the line they start on, across CRLF and LF mixed, blank lines and quoted line breaks', async () => {
    const text = 'Name,Email\r\nAnna,a@example.com\n\n"Bob\nBuilder",b@example.com\r\n\r\nCara,c@example.com';
    const rows = (await collect(text)).flatMap((item) => ('row' in item ? [item.row] : []));
    expect(rows.map((row) => [row.line, row.cells[0]])).toEqual([
      [1, 'Name'],
      [2, 'Anna'],
      [4, 'Bob\nBuilder'],
      [7, 'Cara'],
    ]);
  });

  it('reports a row with the wrong number of fields by line and reads on', async () => {
    const items = await collect(
      'Name,Email\nAnna,a@example.com\nBob\nCara,c@example.com,extra\nDan,d@example.com\n',
    );
    expect(items.filter((item) => 'problem' in item)).toEqual([
      { problem: { line: 3, column: null, message: 'Has 1 fields where the header has 2' } },
      { problem: { line: 4, column: null, message: 'Has 3 fields where the header has 2' } },
    ]);
    expect(items.filter((item) => 'row' in item)).toHaveLength(3);
  });

  it('reports a quote left open on the line it was opened', async () => {
    const items = await collect('Name,Email\nAnna,a@example.com\n"Bob,b@example.com\nCara,c@example.com\n');
    const problems = items.flatMap((item) => ('problem' in item ? [item.problem] : []));
    expect(problems).toEqual([
      {
        line: 3,
        column: null,
        message: 'A quote opened in this row is never closed, so lines 3–4 could not be read',
      },
    ]);
  });

  it('refuses a header of 1,000 columns', async () => {
    const header = Array.from({ length: 1000 }, (_, index) => `c${index}`).join(',');
    await expect(collect(`${header}\n`)).rejects.toThrow(
      'The first row has 1,000 columns; an import takes at most 200',
    );
  });

  it('keeps every row of a file whose lines all end with the delimiter', async () => {
    const rows = await readRows(
      leadsTarget,
      'Name;Email;\nAnna;a@example.com;\nBob;b@example.com;\n',
      settings({
        delimiter: ';',
        mapping: ['name', 'email', null],
      }),
    );
    expect(rows.columns).toEqual(['Name', 'Email', 'Column 3']);
    expect(rows.rows.map(({ row }) => row.email)).toEqual(['a@example.com', 'b@example.com']);
    expect(rows.problems).toEqual([]);
  });
});

describe('checking cells and rows for leads', () => {
  it('rejects control characters, lone surrogates and over-long cells, naming the column', () => {
    expect(cellProblem('ok\ttab')).toBeNull();
    expect(cellProblem('bell\u0007')).toBe('Contains control characters');
    expect(cellProblem('broken \uD800 char')).toBe('Contains a broken character (a lone UTF-16 surrogate)');
    const checked = checkRow(leadsTarget, ['name', 'email'], { line: 9, cells: ['x'.repeat(121), 'nope'] });
    expect(checked).toEqual({
      problems: [
        { line: 9, column: 'Name', message: 'At most 120 characters' },
        { line: 9, column: 'Email', message: 'Must be an email address' },
      ],
    });
  });

  it('needs an email address or a phone number, and builds the name from first and last name', () => {
    expect(
      checkRow(leadsTarget, ['firstName', 'lastName', 'email'], { line: 2, cells: ['Jürgen', 'Müller', ''] }),
    ).toEqual({
      problems: [{ line: 2, column: null, message: 'Give an email address or a phone number' }],
    });
    expect(
      checkRow(leadsTarget, ['firstName', 'lastName', 'email'], {
        line: 2,
        cells: ['Jürgen', 'Müller', 'J@Example.DE'],
      }),
    ).toMatchObject({ row: { name: 'Jürgen Müller', email: 'j@example.de', phone: null } });
  });

  it('keeps formula-looking cells as text', () => {
    const checked = checkRow(leadsTarget, ['name', 'email', 'notes'], {
      line: 2,
      cells: ['=HYPERLINK("http://evil")', 'f@example.com', '+1+2'],
    });
    expect(checked).toMatchObject({ row: { name: '=HYPERLINK("http://evil")', notes: '+1+2' } });
  });

  it('adds the source tag to the notes', () => {
    expect(
      checkRow(leadsTarget, ['name', 'email', 'source'], {
        line: 2,
        cells: ['A', 'a@example.com', 'Fair 2026'],
      }),
    ).toMatchObject({
      row: { notes: 'Source: Fair 2026' },
    });
  });

  it('says what the mapping lacks', () => {
    expect(missingFields(leadsTarget, ['name', null])).toEqual(['Map a column to Email or Phone']);
    expect(missingFields(leadsTarget, ['lastName', 'phone'])).toEqual([]);
  });
});

describe('duplicates within the file', () => {
  it('imports the first row of each email or phone number and lists the lines of the others', async () => {
    const text = [
      'Name,Email,Phone',
      'Anna,anna@example.com,+49 30 1234567',
      'Anna again,ANNA@example.com,',
      'Bert,bert@example.com,030 1234567',
      'Other,other@example.com,+49 (30) 123-4567',
    ].join('\n');
    const result = await readRows(leadsTarget, text, settings());
    expect(result.rows.map((row) => row.line)).toEqual([2, 4]);
    expect(result.duplicates).toEqual([
      { key: 'email address', value: 'anna@example.com', lines: [2, 3] },
      { key: 'phone number', value: '49301234567', lines: [2, 5] },
    ]);
    expect(result.problems.map(({ line, message }) => [line, message])).toEqual([
      [3, 'Same email address as line 2: only the first row is imported'],
      [5, 'Same phone number as line 2: only the first row is imported'],
    ]);
    expect(result.total).toBe(4);
  });
});

describe('guessing the mapping', () => {
  it('matches headers without case, spacing, punctuation or accents, in English and German', () => {
    expect(
      guessMapping(
        ['E-Mail', 'Vorname', 'Nachname', 'Telefonnummer', 'Bemerkung', 'Whatever'],
        leadsTarget.fields,
      ),
    ).toEqual(['email', 'firstName', 'lastName', 'phone', 'notes', null]);
    expect(
      guessMapping(['Full Name', 'Email Address', 'Mobile', 'Lead Source', 'Téléphone'], leadsTarget.fields),
    ).toEqual(['name', 'email', 'phone', 'source', null]);
  });
});
