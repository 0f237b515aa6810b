export type TaskStatus = 'done' | 'inProgress' | 'pending' | 'skipped';
/** A task's status as read from the file: `unknown` when nothing says what its marker means. */
export type TaskState = TaskStatus | 'unknown';

/** Marker → status; the organization's settings and a file's legend both have this shape. */
export type MarkerMap = ReadonlyMap<string, TaskStatus>;

const defaults: MarkerMap = new Map<string, TaskStatus>([
  [' ', 'pending'],
  ['x', 'done'],
  ['X', 'done'],
  ['✓', 'done'],
  ['✔', 'done'],
  ['√', 'done'],
  ['☑', 'done'],
  ['✅', 'done'],
  ['-', 'skipped'],
  ['~', 'skipped'],
  ['✗', 'skipped'],
  ['✘', 'skipped'],
  ['/', 'inProgress'],
]);

/** The marker written for a status when neither the file, its legend nor the organization suggests one. */
export const canonicalMarkers: Readonly<Record<TaskStatus, string>> = {
  done: 'x',
  inProgress: '/',
  pending: ' ',
  skipped: '-',
};

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Whether `text` is one user-perceived character (`√`, `✅`, `👍🏽`), and not a tab or line break. */
export const isSingleGrapheme = (text: string): boolean => {
  if (text.length === 0 || /[\t\r\n]/.test(text)) return false;
  if (text.length === 1) return true;
  const iterator = graphemes.segment(text)[Symbol.iterator]();
  iterator.next();
  return iterator.next().done === true;
};

/**
 * What a marker means: the organization's choice first, then the file's legend, then the defaults.
 */
export const resolveStatus = (marker: string, organization: MarkerMap, legend: MarkerMap): TaskState =>
  organization.get(marker) ?? legend.get(marker) ?? defaults.get(marker) ?? 'unknown';

// Order matters: "not started" is pending before "started" reads as in progress.
const labelRules: readonly (readonly [RegExp, TaskStatus])[] = [
  [/\b(?:not\s+(?:started|done|yet)|to\s*-?\s*do|pending|open|planned|backlog|unchecked)\b/i, 'pending'],
  [
    /\b(?:skip(?:ped)?|n\/?a|not\s+applicable|cancel+ed|dropped|won'?t|declined|obsolete|irrelevant)\b/i,
    'skipped',
  ],
  [
    /\b(?:in\s*-?\s*progress|doing|started|ongoing|wip|working|partial(?:ly)?|half|underway)\b/i,
    'inProgress',
  ],
  [/\b(?:done|complete[d]?|finished|closed|checked|ticked)\b/i, 'done'],
];

/** Reads a legend label ("in progress", "N/A", "blocked") as a status, when it names one. */
export const statusOfLabel = (label: string): TaskStatus | null => {
  for (const [pattern, status] of labelRules) if (pattern.test(label)) return status;
  return null;
};
