import { describe, expect, it } from 'vitest';
import { type CsvPart, collectCsvParts, ExportIncompleteError, joinCsvParts } from './csv-parts';

const header = 'Created (America/Chicago),Name,Email\r\n';
const row = (name: string) => `2026-11-21 04:02,${name},${name.toLowerCase()}@example.com\r\n`;

/** A fake export route over fixed parts, keyed by the cursor that asks for them. */
const exportOf = (parts: Record<string, CsvPart>) => {
  const asked: (string | undefined)[] = [];
  const fetchPart = async (cursor: string | undefined) => {
    asked.push(cursor);
    const part = parts[cursor ?? ''];
    if (!part) throw new Error(`no part at ${cursor}`);
    return part;
  };
  return { asked, fetchPart };
};

describe('joinCsvParts', () => {
  it('keeps the header of the first part and appends the rows of the others', () => {
    expect(joinCsvParts([header + row('Ann'), row('Bo') + row('Cy'), row('Di')])).toBe(
      header + row('Ann') + row('Bo') + row('Cy') + row('Di'),
    );
  });

  it('drops a repeated header row, a byte order mark and empty parts', () => {
    expect(joinCsvParts([header + row('Ann'), '', `\uFEFF${header}${row('Bo')}`, header])).toBe(
      header + row('Ann') + row('Bo'),
    );
  });

  it('starts each part on a new line even when the one before did not end its last row', () => {
    expect(joinCsvParts([`${header}x,Ann,a@example.com`, row('Bo')])).toBe(
      `${header}x,Ann,a@example.com\r\n${row('Bo')}`,
    );
  });

  it('keeps a quoted field that spans lines intact', () => {
    const quoted = '2026-11-21 04:02,"Ann\r\nSmith",ann@example.com\r\n';
    expect(joinCsvParts([header + quoted, row('Bo')])).toBe(header + quoted + row('Bo'));
  });

  it('is the header alone when there are no leads', () => {
    expect(joinCsvParts([header])).toBe(header);
    expect(joinCsvParts([])).toBe('');
  });
});

describe('collectCsvParts', () => {
  it('follows every cursor and tells how many parts it has', async () => {
    const { asked, fetchPart } = exportOf({
      '': { text: header + row('Ann'), nextCursor: 'c2' },
      c2: { text: '', nextCursor: 'c3' },
      c3: { text: row('Bo'), nextCursor: null },
    });
    const progress: number[] = [];
    const csv = await collectCsvParts(fetchPart, { onPart: (parts) => progress.push(parts) });
    expect(csv).toBe(header + row('Ann') + row('Bo'));
    expect(asked).toEqual([undefined, 'c2', 'c3']);
    expect(progress).toEqual([1, 2, 3]);
  });

  it('stops when a cursor comes round again', async () => {
    const { fetchPart } = exportOf({
      '': { text: header, nextCursor: 'c2' },
      c2: { text: row('Ann'), nextCursor: 'c2' },
    });
    await expect(collectCsvParts(fetchPart)).rejects.toBeInstanceOf(ExportIncompleteError);
  });

  it('stops after the most parts it may fetch', async () => {
    let n = 0;
    const fetchPart = async () => ({ text: row(`P${n}`), nextCursor: `c${++n}` });
    await expect(collectCsvParts(fetchPart, { maxParts: 3 })).rejects.toThrow(/more than 3 parts/);
    expect(n).toBe(3);
  });

  it('passes a failed part on', async () => {
    const { fetchPart } = exportOf({ '': { text: header, nextCursor: 'gone' } });
    await expect(collectCsvParts(fetchPart)).rejects.toThrow('no part at gone');
  });
});
