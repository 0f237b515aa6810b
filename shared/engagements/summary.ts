import {
  type Checklist,
  type Counts,
  legendMap,
  type MarkerCount,
  openTasks,
  sumCounts,
  withPercent,
} from './markdown';
import { type MarkerMap, resolveStatus, type TaskStatus } from './markers';

export interface PhaseSummary {
  readonly number: number | null;
  readonly title: string;
  readonly counts: Counts;
  /** Missing on summaries stored before markers were counted; those keep their counts as they are. */
  readonly markers?: readonly MarkerCount[];
}

export interface ChecklistSummary {
  readonly phases: readonly PhaseSummary[];
  readonly totals: Counts;
  /** First phase with open tasks, else the last phase; null without phases. `index` is into `phases`. */
  readonly currentPhase: {
    readonly index: number;
    readonly number: number | null;
    readonly title: string;
  } | null;
  readonly taskCount: number;
  /** The statuses the file's own legend gives its markers. */
  readonly legend?: readonly { readonly marker: string; readonly status: TaskStatus }[];
}

const currentPhaseOf = (phases: readonly PhaseSummary[]): ChecklistSummary['currentPhase'] => {
  let index = phases.findIndex((p) => openTasks(p.counts) > 0);
  if (index === -1) index = phases.length - 1;
  const current = phases[index];
  return current ? { index, number: current.number, title: current.title } : null;
};

/**
 * Counts per phase and overall, and the phase the work is in — the first with open tasks (phases without
 * tasks have nothing to do), or the last one when nothing is open.
 */
export const summarize = (checklist: Checklist): ChecklistSummary => {
  const phases = checklist.phases.map(({ number, title, counts, markers }) => ({
    number,
    title,
    counts,
    markers,
  }));
  return {
    phases,
    totals: checklist.totals,
    currentPhase: currentPhaseOf(phases),
    taskCount: checklist.totals.total,
    legend: [...legendMap(checklist.legend)].map(([marker, status]) => ({ marker, status })),
  };
};

/** Fills counts stored before `inProgress` and `unknown` existed. */
const withAllCounts = (counts: Counts): Counts => ({
  ...counts,
  inProgress: counts.inProgress ?? 0,
  unknown: counts.unknown ?? 0,
});

/** The summary as the organization's current marker settings read it. */
export const recount = (summary: ChecklistSummary, organization: MarkerMap): ChecklistSummary => {
  const legend = legendMap(summary.legend ?? []);
  const phases = summary.phases.map((phase): PhaseSummary => {
    if (!phase.markers) return { ...phase, counts: withAllCounts(phase.counts) };
    const counts = { total: 0, done: 0, inProgress: 0, pending: 0, skipped: 0, unknown: 0 };
    for (const { marker, count } of phase.markers) {
      counts.total += count;
      counts[resolveStatus(marker, organization, legend)] += count;
    }
    return { ...phase, counts: withPercent(counts) };
  });
  const totals = phases.some((p) => p.markers)
    ? sumCounts(phases.map((p) => p.counts))
    : withAllCounts(summary.totals);
  return { ...summary, phases, totals, currentPhase: currentPhaseOf(phases) };
};
