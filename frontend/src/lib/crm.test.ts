import { describe, expect, it } from 'vitest';
import { jobStatuses, leadStatuses } from '../../../shared/crm/contracts';
import { nextJobStatuses, nextLeadStatuses } from '../../../shared/crm/rules';
import { canMarkWonWithJob, dateRangeError, fillPage, jobMoves, leadMoves } from './crm';

describe('status moves', () => {
  it.each(leadStatuses)('offers a %s lead exactly the moves the API allows', (status) => {
    expect(
      leadMoves(status)
        .map((move) => move.to)
        .sort(),
    ).toEqual([...nextLeadStatuses(status)].sort());
  });

  it.each(jobStatuses)('offers a %s job exactly the moves the API allows', (status) => {
    expect(
      jobMoves(status)
        .map((move) => move.to)
        .sort(),
    ).toEqual([...nextJobStatuses(status)].sort());
  });

  it('asks for a reason only when a lead is lost or a job cancelled', () => {
    const asking = [...leadStatuses.flatMap(leadMoves), ...jobStatuses.flatMap(jobMoves)]
      .filter((move) => move.asksReason)
      .map((move) => move.to);
    expect(new Set(asking)).toEqual(new Set(['lost', 'cancelled']));
  });

  it('offers at most one primary button per status', () => {
    for (const moves of [...leadStatuses.map(leadMoves), ...jobStatuses.map(jobMoves)])
      expect(moves.filter((move) => move.tone === 'primary').length).toBeLessThanOrEqual(1);
  });

  it('lets a job mark its lead won only where the pipeline allows it', () => {
    expect(leadStatuses.filter(canMarkWonWithJob)).toEqual(['new', 'contacted', 'qualified']);
  });
});

describe('dateRangeError', () => {
  it('accepts open and ordered ranges and refuses an end before the start', () => {
    expect(dateRangeError('', '')).toBeUndefined();
    expect(dateRangeError('2026-05-01', '')).toBeUndefined();
    expect(dateRangeError('2026-05-01', '2026-05-01')).toBeUndefined();
    expect(dateRangeError('2026-05-02', '2026-05-01')).toMatch(/before/);
  });
});

describe('fillPage', () => {
  const pages: Record<string, { items: number[]; nextCursor: string | null }> = {
    start: { items: [], nextCursor: 'b' },
    b: { items: [], nextCursor: 'c' },
    c: { items: [7], nextCursor: 'd' },
    d: { items: [], nextCursor: null },
  };
  const fetchFrom = (asked: string[]) => async (cursor: string | undefined) => {
    asked.push(cursor ?? 'start');
    return pages[cursor ?? 'start']!;
  };

  it('skips empty pages that still have a cursor until one has items', async () => {
    const asked: string[] = [];
    expect(await fillPage(fetchFrom(asked), undefined)).toEqual({ items: [7], nextCursor: 'd' });
    expect(asked).toEqual(['start', 'b', 'c']);
  });

  it('stops at the end of the list with nothing found', async () => {
    const asked: string[] = [];
    expect(await fillPage(fetchFrom(asked), 'd')).toEqual({ items: [], nextCursor: null });
    expect(asked).toEqual(['d']);
  });

  it('gives up after a few rounds and hands back the cursor to go on with', async () => {
    const asked: string[] = [];
    expect(await fillPage(fetchFrom(asked), undefined, 2)).toEqual({ items: [], nextCursor: 'c' });
    expect(asked).toEqual(['start', 'b']);
  });
});
