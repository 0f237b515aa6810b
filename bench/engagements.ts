import { allTasks, parseChecklist, setTaskStatus, summarize } from '../shared/engagements/markdown';

/** The goal: parsing and summarizing a 2,000-task checklist takes under 20 ms. */
export const engagementBudgets = { tasks: 2_000, parseMs: 20 } as const;

export interface EngagementBenchResult {
  readonly tasks: number;
  readonly lines: number;
  readonly bytes: number;
  /** Median of parseChecklist + summarize. */
  readonly parseMs: number;
  /** Median of `source.split(/\r?\n/)` on the same file: the least any line-based parser must do. */
  readonly splitMs: number;
  readonly ratioToSplit: number;
  /** Median of one setTaskStatus (it parses the file to check the id, then splices one character). */
  readonly setStatusMs: number;
  readonly withinBudget: boolean;
}

/** Deterministic pseudo-random numbers, so every run measures the same file. */
const random = (seed: number) => () => {
  seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
  return seed / 2 ** 32;
};

const phaseTitles = [
  'Initial Contact & Qualification',
  'Planning & Agreement',
  'Content Production',
  'Preparation & Promotion',
  'Partner Outreach',
  'Event Execution',
  'Reporting',
  'Post-Event Follow-up',
];
const verbs = ['Draft', 'Review', 'Send', 'Confirm', 'Schedule', 'Publish', 'Collect', 'Update', 'Book'];
const things = [
  'the speaker brief',
  'banner 🎨',
  'run of show',
  'invoice #42',
  '`utm` links',
  'recap thread',
];

/**
 * A realistic large checklist: several phases of nested tasks (all bullet and marker styles, spaces and tabs)
 * with free text, tables, blockquotes, comments and code blocks between them; CRLF endings.
 */
export const buildLargeChecklist = (taskCount: number = engagementBudgets.tasks): string => {
  const next = random(2_000);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const lines = ['# Vertex Summit: annual programme', '', '> Owner: Priya. Updated weekly.', ''];
  const perPhase = Math.ceil(taskCount / phaseTitles.length);
  let written = 0;
  phaseTitles.forEach((title, p) => {
    lines.push(`## Phase ${p + 1}: ${title}`, '', `Notes for ${title.toLowerCase()}.`, '');
    lines.push('| Owner | Due |', '| --- | --- |', '| Agency | Friday |', '');
    const unit = p % 3 === 2 ? '\t' : '  ';
    let depth = 0;
    for (let i = 0; i < perPhase && written < taskCount; i++, written++) {
      depth = i === 0 ? 0 : Math.max(0, Math.min(depth + (next() < 0.35 ? 1 : next() < 0.5 ? -1 : 0), 3));
      const indent = unit.repeat(depth);
      const bullet = pick(['*', '-', '+', '1.']);
      const marker = pick(['x', 'x', 'X', ' ', ' ', ' ', '-', '~']);
      lines.push(`${indent}${bullet} [${marker}] ${pick(verbs)} ${pick(things)} (${p + 1}.${i + 1})`);
      if (i % 40 === 39) lines.push('', '```md', '- [ ] example inside code', '```', '');
      if (i % 60 === 59) lines.push('<!--', '- [ ] parked idea', '-->', '');
    }
    lines.push('');
  });
  return lines.join('\r\n');
};

const median = (run: () => unknown, runs: number): number => {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
};

/**
 * Measures parsing and summarizing a 2,000-task checklist against splitting it into lines, in the same run
 * so the ratio holds on a noisy machine.
 */
export const benchEngagementParsing = async (runs = 50): Promise<EngagementBenchResult> => {
  const source = buildLargeChecklist();
  const checklist = parseChecklist(source);
  const tasks = allTasks(checklist);
  const last = tasks.at(-1)!;
  let sink = 0;
  for (let i = 0; i < 20; i++) {
    sink += summarize(parseChecklist(source)).taskCount + source.split(/\r?\n/).length;
  }
  const parseMs = median(() => {
    sink += summarize(parseChecklist(source)).taskCount;
  }, runs);
  const splitMs = median(() => {
    sink += source.split(/\r?\n/).length;
  }, runs);
  const setStatusMs = median(() => {
    sink += setTaskStatus(source, last.id, last.status === 'done' ? 'pending' : 'done').length;
  }, runs);
  if (sink === 0) throw new Error('unreachable: keeps the measured work from being optimised away');
  return {
    tasks: tasks.length,
    lines: checklist.sourceLines.length,
    bytes: new TextEncoder().encode(source).byteLength,
    parseMs,
    splitMs,
    ratioToSplit: parseMs / splitMs,
    setStatusMs,
    withinBudget: tasks.length >= engagementBudgets.tasks && parseMs < engagementBudgets.parseMs,
  };
};
