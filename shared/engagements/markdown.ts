/**
 * Engagement checklists kept as markdown (`todo_<Project>.md`): phases (`## Phase N: Title`) holding task
 * list items (`* [x]` done, `* [ ]` pending, `* [-]` / `* [~]` skipped).
 *
 * The parser is line-based on purpose: it keeps every line with its own terminator, so the file is never
 * re-serialized. An edit is a one-character splice on the original string, which is why a round trip is
 * byte-identical (CRLF, mixed endings, BOM, missing final newline, odd spacing all survive).
 *
 * What is and is not a task follows what GitHub renders, leniently:
 * - list items with `*`, `-`, `+`, `1.` or `1)` bullets, indented by spaces or tabs, followed by `[x]`,
 *   `[X]`, `[ ]`, `[-]` or `[~]` and whitespace or the end of the line;
 * - never inside fenced code blocks (``` or ~~~, any indentation; an unclosed fence runs to the end, as on
 *   GitHub), HTML comments (`<!-- … -->`) or other HTML blocks (`<details>`, `<div>`, `<pre>`, … up to the
 *   blank line or closing tag that ends them), nor in blockquotes;
 * - indented code blocks are not recognised: a deeply indented checkbox line is a deeply nested task.
 * Line endings are LF or CRLF; a lone CR is an ordinary character.
 */
import { BadRequestError, ConflictError } from '../http/errors';

export type TaskStatus = 'done' | 'pending' | 'skipped';
export type TaskMarker = 'x' | 'X' | ' ' | '-' | '~';

export interface Counts {
  readonly total: number;
  readonly done: number;
  readonly pending: number;
  readonly skipped: number;
  /** done / (total − skipped), rounded; 100 only when nothing is pending, 0 without tasks. */
  readonly percentComplete: number;
}

export interface Task {
  /** `L<line>-<hash of text>`: an edit made from a stale parse (line moved or text changed) is refused. */
  readonly id: string;
  /** 1-based line number. */
  readonly line: number;
  /** List nesting level, 0 for a top-level item (non-task list items count as levels too). */
  readonly depth: number;
  readonly status: TaskStatus;
  /** The text after the checkbox, trimmed; markdown is kept as written. */
  readonly text: string;
  readonly marker: TaskMarker;
}

/** An inclusive, 1-based line range; `end < start` when it is empty. */
export type LineRange = readonly [start: number, end: number];

export interface Phase {
  /** The number from `## Phase 2: …`; null for the implicit phase of tasks above the first heading. */
  readonly number: number | null;
  readonly title: string;
  /** Line of the heading; for the implicit phase, the line of its first task. */
  readonly line: number;
  /** The heading and everything up to the next phase heading (free text included). */
  readonly lines: LineRange;
  readonly tasks: readonly Task[];
  readonly counts: Counts;
}

export interface SourceLine {
  /** The line without its terminator (line 1 keeps a BOM, if any). */
  readonly text: string;
  /** '' only for a last line without a final newline. */
  readonly eol: '' | '\n' | '\r\n';
}

export interface Checklist {
  /** Every line with its terminator: joining `text + eol` gives back the source byte for byte. */
  readonly sourceLines: readonly SourceLine[];
  /** Lines above the first phase heading (title, intro, maybe tasks of the implicit phase). */
  readonly preamble: { readonly lines: LineRange };
  readonly phases: readonly Phase[];
  readonly totals: Counts;
}

export interface PhaseSummary {
  readonly number: number | null;
  readonly title: string;
  readonly counts: Counts;
}

/** The compact form stored next to the engagement so overviews never read S3. */
export interface ChecklistSummary {
  readonly phases: readonly PhaseSummary[];
  readonly totals: Counts;
  /** First phase with pending tasks, else the last phase; null without phases. `index` is into `phases`. */
  readonly currentPhase: {
    readonly index: number;
    readonly number: number | null;
    readonly title: string;
  } | null;
  readonly taskCount: number;
}

/** The task id does not match the file as it is now: reload and try again. */
export class TaskNotFoundError extends ConflictError {
  constructor(readonly taskId: string) {
    super(`Task ${taskId} is not in the current checklist; it was moved or changed. Reload and try again.`, {
      taskId,
    });
    this.name = 'TaskNotFoundError';
  }
}

export type InvalidChecklistReason = 'too-large' | 'not-utf8' | 'no-phases';

/** An uploaded checklist that cannot be accepted. */
export class InvalidChecklistError extends BadRequestError {
  constructor(
    readonly reason: InvalidChecklistReason,
    message: string,
  ) {
    super(message, { reason });
    this.name = 'InvalidChecklistError';
  }
}

const statusOfMarker: Record<TaskMarker, TaskStatus> = {
  x: 'done',
  X: 'done',
  ' ': 'pending',
  '-': 'skipped',
  '~': 'skipped',
};
const markerOfStatus: Record<TaskStatus, TaskMarker> = { done: 'x', pending: ' ', skipped: '-' };

interface ScannedTask extends Task {
  /** Offset of the marker character in the source. */
  readonly markerOffset: number;
}

interface ScannedPhase {
  readonly number: number | null;
  readonly title: string;
  readonly line: number;
  end: number;
  readonly tasks: ScannedTask[];
}

interface Scan {
  readonly sourceLines: SourceLine[];
  readonly preambleEnd: number;
  readonly implicit: ScannedTask[];
  readonly phases: ScannedPhase[];
}

// Checkbox list item: indent, bullet, whitespace, `[m]`, then whitespace or the end of the line.
const taskPattern = /^([ \t]*)(?:[*+-]|\d{1,9}[.)])[ \t]+\[([xX ~-])\](?:[ \t]|$)/;
const listItemPattern = /^([ \t]*)(?:[*+-]|\d{1,9}[.)])(?:[ \t]+|$)/;
// `##` exactly (lenient: no space needed before "Phase"), optional emphasis, the word "Phase".
const phaseHeadingPattern = /^ {0,3}##(?!#)[ \t]*([*_]*)[ \t]*phase(?![\p{L}\p{N}_])(.*)$/isu;
// The number is a whole number ("Phase 1.5" has none; its title is "1.5 …"), small enough to be exact.
const phaseRestPattern = /^[ \t]*(\d{1,9}(?!\d|\.\d))?[ \t*_]*(?:[:.)\-–—]+[ \t*_]*)?(.*)$/su;
const headingPattern = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const thematicBreakPattern = /^ {0,3}([-*_])[ \t]*(?:\1[ \t]*){2,}$/;
const fencePattern = /^[ \t]*(`{3,}|~{3,})(.*)$/;
const blankPattern = /^[ \t]*$/;
const htmlBlockTags = new Set(
  (
    'address article aside base basefont blockquote body caption center col colgroup dd details dialog dir ' +
    'div dl dt fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html ' +
    'iframe legend li link main menu menuitem nav noframes ol optgroup option p param search section summary ' +
    'table tbody td tfoot th thead title tr track ul'
  ).split(' '),
);
const htmlTagStart = /^<\/?([A-Za-z][A-Za-z0-9-]*)(?:[ \t>]|\/>|$)/;
const rawHtmlStart = /^<(script|pre|style|textarea)(?:[ \t>]|$)/i;
const rawHtmlEnd = /<\/(?:script|pre|style|textarea)>/i;

type Block =
  | { readonly kind: 'fence'; readonly char: string; readonly length: number }
  | { readonly kind: 'html'; readonly end: string | RegExp | null };

/** Short, stable hash of a task's text (FNV-1a, 24 bits as 6 hex digits). */
const textHash = (text: string): string => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return ((hash >>> 8) & 0xffffff).toString(16).padStart(6, '0');
};

/** Width of leading whitespace, tabs to the next multiple of 4 (as CommonMark does). */
const indentWidth = (indent: string): number => {
  let width = 0;
  for (let i = 0; i < indent.length; i++)
    width = indent.charCodeAt(i) === 9 ? width + 4 - (width % 4) : width + 1;
  return width;
};

/** The block an unindented line (list markers already stripped) opens, if any. */
const blockStart = (content: string): Block | null => {
  const fence = fencePattern.exec(content);
  if (fence) {
    const run = fence[1]!;
    // A backtick fence's info string cannot hold a backtick: "```a` b" is inline code.
    if (run[0] === '~' || !fence[2]!.includes('`'))
      return { kind: 'fence', char: run[0]!, length: run.length };
  }
  const trimmed = content.trimStart();
  if (trimmed.charCodeAt(0) !== 60 /* < */) return null;
  if (trimmed.startsWith('<!--')) return trimmed.includes('-->', 2) ? null : { kind: 'html', end: '-->' };
  if (rawHtmlStart.test(trimmed)) return rawHtmlEnd.test(trimmed) ? null : { kind: 'html', end: rawHtmlEnd };
  if (trimmed.startsWith('<![CDATA[')) return trimmed.includes(']]>') ? null : { kind: 'html', end: ']]>' };
  if (trimmed.startsWith('<?')) return trimmed.includes('?>', 2) ? null : { kind: 'html', end: '?>' };
  if (/^<![A-Za-z]/.test(trimmed)) return trimmed.includes('>', 2) ? null : { kind: 'html', end: '>' };
  const tag = htmlTagStart.exec(trimmed);
  if (tag && htmlBlockTags.has(tag[1]!.toLowerCase())) return { kind: 'html', end: null };
  return null;
};

/** Whether `line` ends the open block (the closing line belongs to the block). */
const closesBlock = (block: Block, line: string): boolean => {
  if (block.kind === 'fence') {
    const fence = fencePattern.exec(line);
    return (
      fence !== null &&
      fence[1]![0] === block.char &&
      fence[1]!.length >= block.length &&
      blankPattern.test(fence[2]!)
    );
  }
  if (block.end === null) return false;
  return typeof block.end === 'string' ? line.includes(block.end) : block.end.test(line);
};

const parsePhaseHeading = (line: string): { number: number | null; title: string } | null => {
  const heading = phaseHeadingPattern.exec(line);
  if (!heading) return null;
  const emphasised = heading[1] !== '';
  const rest = phaseRestPattern.exec(heading[2]!)!;
  let title = rest[2]!.replace(/(?:^|[ \t]+)#+[ \t]*$/, '').trim();
  if (emphasised) title = title.replace(/[*_]+$/, '').trim();
  return { number: rest[1] === undefined ? null : Number(rest[1]), title };
};

/** Splits into lines (LF or CRLF), keeping each terminator; an empty source has no lines. */
const splitLines = (source: string): SourceLine[] => {
  const lines: SourceLine[] = [];
  let start = 0;
  while (start < source.length) {
    const newline = source.indexOf('\n', start);
    if (newline === -1) {
      lines.push({ text: source.slice(start), eol: '' });
      break;
    }
    const crlf = newline > start && source.charCodeAt(newline - 1) === 13;
    lines.push({ text: source.slice(start, crlf ? newline - 1 : newline), eol: crlf ? '\r\n' : '\n' });
    start = newline + 1;
  }
  return lines;
};

const scan = (source: string): Scan => {
  const sourceLines = splitLines(source);
  const implicit: ScannedTask[] = [];
  const phases: ScannedPhase[] = [];
  let preambleEnd = sourceLines.length;
  let current: ScannedTask[] = implicit;
  let block: Block | null = null;
  // Marker indents of the open list items, innermost last: gives each task its depth.
  const openItems: number[] = [];
  let previousInList = false;
  let offset = 0;

  const closeItemsNotContaining = (indent: number) => {
    while (openItems.length > 0 && openItems[openItems.length - 1]! >= indent) openItems.pop();
  };

  for (let index = 0; index < sourceLines.length; index++) {
    const { text: raw, eol } = sourceLines[index]!;
    const lineStart = offset;
    offset += raw.length + eol.length;
    const bom = index === 0 && raw.charCodeAt(0) === 0xfeff ? 1 : 0;
    const text = bom ? raw.slice(1) : raw;

    if (block) {
      // An HTML block like `<details>` ends before a blank line; fences and comments end on their closing line.
      const endsBefore = block.kind === 'html' && block.end === null;
      if (!endsBefore && closesBlock(block, text)) block = null;
      if (!endsBefore || !blankPattern.test(text)) continue;
      block = null;
    }
    if (blankPattern.test(text)) {
      previousInList = false;
      continue;
    }

    const task = taskPattern.exec(text);
    if (task) {
      const indent = indentWidth(task[1]!);
      closeItemsNotContaining(indent);
      const marker = task[2] as TaskMarker;
      const taskText = text.slice(task[0].length).trim();
      const line = index + 1;
      current.push({
        id: `L${line}-${textHash(taskText)}`,
        line,
        depth: openItems.length,
        status: statusOfMarker[marker],
        text: taskText,
        marker,
        markerOffset: lineStart + bom + task[0].indexOf('[') + 1,
      });
      openItems.push(indent);
      previousInList = true;
      continue;
    }

    const phase = parsePhaseHeading(text);
    if (phase) {
      const line = index + 1;
      if (phases.length === 0) preambleEnd = index;
      else phases[phases.length - 1]!.end = index;
      const opened: ScannedPhase = { ...phase, line, end: sourceLines.length, tasks: [] };
      phases.push(opened);
      current = opened.tasks;
      openItems.length = 0;
      previousInList = false;
      continue;
    }

    const item = listItemPattern.exec(text);
    if (item) {
      const indent = indentWidth(item[1]!);
      closeItemsNotContaining(indent);
      openItems.push(indent);
      previousInList = true;
      // An item may open a block itself ("- ```"), possibly in nested items ("- 1. <!--").
      let content = text.slice(item[0].length);
      for (let inner = listItemPattern.exec(content); inner; inner = listItemPattern.exec(content)) {
        content = content.slice(inner[0].length);
      }
      block = blockStart(content);
      continue;
    }

    const indent = indentWidth(/^[ \t]*/.exec(text)![0]);
    block = blockStart(text);
    const startsBlock =
      block !== null || headingPattern.test(text) || thematicBreakPattern.test(text) || /^[ \t]*>/.test(text);
    // Plain text right under a list line continues it ("lazy continuation"); anything else ends the lists
    // it is not indented into.
    if (startsBlock || !previousInList) closeItemsNotContaining(indent);
    previousInList = !startsBlock && openItems.length > 0;
  }
  return { sourceLines, preambleEnd, implicit, phases };
};

const publicTask = ({ markerOffset: _, ...task }: ScannedTask): Task => task;

/** Counts tasks by status; see {@link Counts.percentComplete} for the rounding rule. */
export const countTasks = (tasks: readonly Pick<Task, 'status'>[]): Counts => {
  let done = 0;
  let skipped = 0;
  for (const task of tasks) {
    if (task.status === 'done') done++;
    else if (task.status === 'skipped') skipped++;
  }
  const total = tasks.length;
  const pending = total - done - skipped;
  return { total, done, pending, skipped, percentComplete: percent(total, done, pending, skipped) };
};

const percent = (total: number, done: number, pending: number, skipped: number): number => {
  if (total === 0) return 0;
  if (pending === 0) return 100;
  // Never round an unfinished checklist up to 100 %.
  return Math.min(99, Math.round((done / (total - skipped)) * 100));
};

const sumCounts = (all: readonly Counts[]): Counts => {
  let total = 0;
  let done = 0;
  let pending = 0;
  let skipped = 0;
  for (const c of all) {
    total += c.total;
    done += c.done;
    pending += c.pending;
    skipped += c.skipped;
  }
  return { total, done, pending, skipped, percentComplete: percent(total, done, pending, skipped) };
};

/**
 * Parses an engagement checklist. Never throws: any string is a checklist, possibly without phases.
 * Tasks above the first phase heading form an implicit phase (`number: null`, title '') when there are any.
 */
export const parseChecklist = (source: string): Checklist => {
  const scanned = scan(source);
  const phases: Phase[] = [];
  if (scanned.implicit.length > 0) {
    const tasks = scanned.implicit.map(publicTask);
    phases.push({
      number: null,
      title: '',
      line: tasks[0]!.line,
      lines: [1, scanned.preambleEnd],
      tasks,
      counts: countTasks(tasks),
    });
  }
  for (const phase of scanned.phases) {
    const tasks = phase.tasks.map(publicTask);
    phases.push({
      number: phase.number,
      title: phase.title,
      line: phase.line,
      lines: [phase.line, phase.end],
      tasks,
      counts: countTasks(tasks),
    });
  }
  return {
    sourceLines: scanned.sourceLines,
    preamble: { lines: [1, scanned.preambleEnd] },
    phases,
    totals: sumCounts(phases.map((p) => p.counts)),
  };
};

/** Every task of the checklist in document order. */
export const allTasks = (checklist: Checklist): Task[] => checklist.phases.flatMap((p) => p.tasks);

/**
 * Sets one task's status by rewriting only its marker character; every other byte stays as it was.
 * Returns the source unchanged when the task already has that status (so `[X]` and `[~]` keep their style).
 * @throws TaskNotFoundError when no task of the current source has that id (stale or unknown id).
 */
export const setTaskStatus = (source: string, taskId: string, status: TaskStatus): string => {
  const line = /^L(\d+)-[0-9a-f]{6}$/.exec(taskId);
  if (!line) throw new TaskNotFoundError(taskId);
  const { implicit, phases } = scan(source);
  const lineNumber = Number(line[1]);
  let task: ScannedTask | undefined;
  for (const tasks of [implicit, ...phases.map((p) => p.tasks)]) {
    task = tasks.find((t) => t.line === lineNumber);
    if (task) break;
  }
  if (!task || task.id !== taskId) throw new TaskNotFoundError(taskId);
  if (task.status === status) return source;
  return source.slice(0, task.markerOffset) + markerOfStatus[status] + source.slice(task.markerOffset + 1);
};

/**
 * The summary stored in DynamoDB: counts per phase and overall, and the phase the work is in — the first
 * with pending tasks (phases without tasks have nothing to do), or the last one when nothing is pending.
 */
export const summarize = (checklist: Checklist): ChecklistSummary => {
  const { phases, totals } = checklist;
  let index = phases.findIndex((p) => p.counts.pending > 0);
  if (index === -1) index = phases.length - 1;
  const current = phases[index];
  return {
    phases: phases.map(({ number, title, counts }) => ({ number, title, counts })),
    totals,
    currentPhase: current ? { index, number: current.number, title: current.title } : null,
    taskCount: totals.total,
  };
};

/**
 * Checks an uploaded checklist and decodes it. The BOM, if any, is kept so the text encodes back to the
 * same bytes.
 * @throws InvalidChecklistError when larger than `maxBytes`, not UTF-8, or without any phase heading.
 */
export const validateChecklistFile = (bytes: Uint8Array, maxBytes = 256 * 1024): string => {
  if (bytes.byteLength > maxBytes) {
    throw new InvalidChecklistError(
      'too-large',
      `The checklist is ${bytes.byteLength} bytes; the limit is ${maxBytes} bytes (${Math.floor(maxBytes / 1024)} KiB).`,
    );
  }
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new InvalidChecklistError('not-utf8', 'The checklist is not valid UTF-8 text. Save it as UTF-8.');
  }
  if (scan(source).phases.length === 0) {
    throw new InvalidChecklistError(
      'no-phases',
      'The checklist has no phase heading. Start each phase with a line like "## Phase 1: Kickoff".',
    );
  }
  return source;
};

/** Text of the phase 1 task the booking feature ticks once the kickoff call is booked. */
export const kickoffTaskText = 'Book the kickoff call';

/** The default engagement for a new client project: five phases from first contact to follow-up. */
export const defaultTemplate = (projectName: string): string => {
  const name = projectName.replace(/\s+/g, ' ').trim() || 'New project';
  return `# ${name}: X Spaces engagement

Track the engagement here: tick a task with \`[x]\`, mark one that does not apply with \`[-]\`.

## Phase 1: Initial Contact & Qualification

* [ ] Intro call or message: goals, audience and timeline
* [ ] Confirm the project fits (audience size, topic, budget)
* [ ] Collect the project summary, website and X profile
* [ ] Agree on two or three focus topics
* [ ] ${kickoffTaskText}

## Phase 2: Planning & Agreement

* [ ] Choose the format (X Space, AMA, panel) and the length
* [ ] Pick the date and time (check the audience's time zones)
* [ ] Confirm speakers and co-hosts
  * [ ] Collect speaker bios and X handles
  * [ ] Share the run of show with every speaker
* [ ] Send the proposal and agreement
* [ ] Agreement signed and invoice paid

## Phase 3: Preparation & Promotion

* [ ] Create the event artwork
  * [ ] Main banner (1500 × 500)
  * [ ] Speaker cards
* [ ] Schedule the X Space and share the link
* [ ] Promotion plan
  * [ ] Announcement post and pinned tweet
  * [ ] Reminder posts 24 hours and 1 hour before
  * [ ] Partner and community cross-posts
* [ ] Prepare questions and talking points
* [ ] Technical check with the speakers

## Phase 4: Event Execution

* [ ] Open the X Space on time and welcome listeners
* [ ] Host the session and keep to the run of show
* [ ] Manage requests to speak and listener questions
* [ ] Record the X Space
* [ ] Live-post highlights during the session

## Phase 5: Post-Event Follow-up

* [ ] Share the recording and key takeaways
* [ ] Thank the speakers and partners
* [ ] Report the results (listeners, peak, replays, new followers)
* [ ] Gather client feedback
* [ ] Propose next steps or a follow-up session
`;
};
