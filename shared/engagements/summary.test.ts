import { describe, expect, it } from 'vitest';
import { parseChecklist } from './markdown';
import type { TaskStatus } from './markers';
import { type ChecklistSummary, recount, summarize } from './summary';

const source = '## One\n- [x] a\n- [~] b\n- [>] c\n## Two\n- [ ] d\n- [>] e\n';

describe('recount', () => {
  it('counts a stored summary again under new marker settings, without the file', () => {
    const stored = summarize(parseChecklist(source));
    expect(stored.totals).toMatchObject({ done: 1, skipped: 1, pending: 1, unknown: 2 });
    const organization = new Map<string, TaskStatus>([
      ['~', 'inProgress'],
      ['>', 'done'],
    ]);
    const recounted = recount(stored, organization);
    expect(recounted.totals).toEqual(summarize(parseChecklist(source, organization)).totals);
    expect(recounted.phases.map((p) => p.counts.done)).toEqual([2, 1]);
    expect(recounted.totals).toMatchObject({
      total: 5,
      done: 3,
      inProgress: 1,
      pending: 1,
      percentComplete: 60,
    });
  });

  it('follows the file’s legend where the organization has not decided', () => {
    const stored = summarize(parseChecklist(`[>] = in progress\n${source}`));
    expect(recount(stored, new Map()).totals).toMatchObject({ inProgress: 2, unknown: 0 });
    expect(recount(stored, new Map([['>', 'skipped']])).totals).toMatchObject({ inProgress: 0, skipped: 3 });
  });

  it('moves the current phase when the new settings finish a phase', () => {
    const stored = summarize(parseChecklist('## One\n- [>] a\n## Two\n- [ ] b\n'));
    expect(stored.currentPhase).toMatchObject({ index: 0, title: 'One' });
    expect(recount(stored, new Map([['>', 'done']])).currentPhase).toMatchObject({ index: 1, title: 'Two' });
  });

  it('keeps the counts of a summary stored before markers were counted', () => {
    const counts = { total: 2, done: 1, pending: 1, skipped: 0, percentComplete: 50 };
    const old = {
      phases: [{ number: 1, title: 'A', counts }],
      totals: counts,
      currentPhase: { index: 0, number: 1, title: 'A' },
      taskCount: 2,
    } as unknown as ChecklistSummary;
    expect(recount(old, new Map([['x', 'skipped']])).totals).toEqual({
      ...counts,
      inProgress: 0,
      unknown: 0,
    });
  });
});
