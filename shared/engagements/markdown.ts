import { BadRequestError, ConflictError } from '../http/errors';
import {
  canonicalMarkers,
  isSingleGrapheme,
  type MarkerMap,
  resolveStatus,
  statusOfLabel,
  type TaskState,
  type TaskStatus,
} from './markers';

export type { TaskState, TaskStatus } from './markers';

export interface Counts {
  readonly total: number;
  readonly done: number;
  readonly inProgress: number;
  readonly pending: number;
  readonly skipped: number;
  /** Tasks whose marker nothing explains; they count as work still open. */
  readonly unknown: number;
  /** done / (total − skipped), rounded; 100 only when nothing is open, 0 without tasks. */
  readonly percentComplete: number;
}

export interface Task {
  /** `L<line>-<hash of text>`: an edit made from a stale parse (line moved or text changed) is refused. */
  readonly id: string;
  /** 1-based line number. */
  readonly line: number;
  /** List nesting level, 0 for a top-level item (non-task list items count as levels too). */
  readonly depth: number;
  readonly status: TaskState;
  /** The text after the checkbox, trimmed; markdown is kept as written. */
  readonly text: string;
  /** The character between the brackets, exactly as written (`' '`, `x`, `X`, `~`, `√`, `✅`…). */
  readonly marker: string;
  /** Title of the heading within the phase the task sits under; null right under the phase heading. */
  readonly section: string | null;
}

/** An inclusive, 1-based line range; `end < start` when it is empty. */
export type LineRange = readonly [start: number, end: number];

/** How often each marker occurs: what lets a summary be counted again under another marker mapping. */
export interface MarkerCount {
  readonly marker: string;
  readonly count: number;
}

export interface Phase {
  /** The number from `## Phase 2: …`; null for other headings and the unnamed phase. */
  readonly number: number | null;
  readonly title: string;
  /** Line of the heading; for the unnamed phase, the line of its first task. */
  readonly line: number;
  /** The heading and everything up to the next phase (free text included). */
  readonly lines: LineRange;
  readonly tasks: readonly Task[];
  readonly counts: Counts;
  readonly markers: readonly MarkerCount[];
}

export interface SourceLine {
  /** The line without its terminator (line 1 keeps a BOM, if any). */
  readonly text: string;
  /** '' only for a last line without a final newline. */
  readonly eol: '' | '\n' | '\r\n';
}

/** One entry of a legend in the file: `[~] = in progress`. */
export interface LegendEntry {
  readonly marker: string;
  readonly label: string;
  /** What the label names, when it names a status ("in progress", "N/A"); null for "blocked" and the like. */
  readonly status: TaskStatus | null;
  readonly line: number;
}

export interface Checklist {
  /** Every line with its terminator: joining `text + eol` gives back the source byte for byte. */
  readonly sourceLines: readonly SourceLine[];
  /** Lines above the first phase heading (title, intro, maybe tasks of the unnamed phase). */
  readonly preamble: { readonly lines: LineRange };
  readonly phases: readonly Phase[];
  readonly totals: Counts;
  readonly legend: readonly LegendEntry[];
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

export type InvalidChecklistReason = 'empty' | 'too-large' | 'wrong-type' | 'not-utf8' | 'nul-byte';

/** An uploaded checklist that cannot be accepted. */
export class InvalidChecklistError extends BadRequestError {
  constructor(
    readonly reason: InvalidChecklistReason,
    message: string,
    where: { line: number; byteOffset: number } | Record<string, never> = {},
  ) {
    super(message, { reason, ...where });
    this.name = 'InvalidChecklistError';
  }
}

interface ScannedTask {
  readonly line: number;
  readonly depth: number;
  readonly text: string;
  readonly marker: string;
  /** Offset of the marker in the source; the marker may be more than one UTF-16 unit (`✅`). */
  readonly markerOffset: number;
}

interface Heading {
  readonly level: number;
  readonly title: string;
  readonly line: number;
  /** Set for `## Phase N: Title` headings. */
  readonly phase: { readonly number: number | null; readonly title: string } | null;
}

interface Scan {
  readonly sourceLines: SourceLine[];
  readonly tasks: ScannedTask[];
  readonly headings: Heading[];
  readonly legend: LegendEntry[];
}

// Checkbox list item: indent, bullet, whitespace, `[m]`, then whitespace or the end of the line.
const taskPattern = /^([ \t]*)(?:[*+-]|\d{1,9}[.)])[ \t]+\[([^[\]\t\r\n]{1,16})\](?=[ \t]|$)/;
const listItemPattern = /^([ \t]*)(?:[*+-]|\d{1,9}[.)])(?:[ \t]+|$)/;
const atxHeadingPattern = /^ {0,3}(#{1,6})(?:[ \t]+|$)(.*)$/;
const setextUnderlinePattern = /^ {0,3}(=+|-+)[ \t]*$/;
// `##` exactly (lenient: no space needed before "Phase"), optional emphasis, the word "Phase".
const phaseHeadingPattern = /^ {0,3}##(?!#)[ \t]*([*_]*)[ \t]*phase(?![\p{L}\p{N}_])(.*)$/isu;
// The number is a whole number ("Phase 1.5" has none; its title is "1.5 …"), small enough to be exact.
const phaseRestPattern = /^[ \t]*(\d{1,9}(?!\d|\.\d))?[ \t*_]*(?:[:.)\-–—]+[ \t*_]*)?(.*)$/su;
const thematicBreakPattern = /^ {0,3}([-*_])[ \t]*(?:\1[ \t]*){2,}$/;
const fencePattern = /^[ \t]*(`{3,}|~{3,})(.*)$/;
const blankPattern = /^[ \t]*$/;
const quotePattern = /^ {0,3}>[ \t]?/;
const legendHeadingPattern = /^(?:legend|key|markers?|status(?:es)?(?: key)?|symbols?)\b[\s:]*$/i;
// A text after a task's checkbox that defines it instead: `- [~] = in progress`.
const definitionStart = /^(?:=>|->|→|=|:|means\b)/i;
const legendEntry = /`?\[([^[\]\t\r\n]{1,16})\]`?[ \t]*(=>|->|→|=|:|means\b)?[ \t]*([^,;|[\]`]*)/gi;
const legendLinePattern = /^[ \t]*(?:[*_]{0,2})(?:legend|key)\b/i;
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

type Block = (
  | { readonly kind: 'fence'; readonly char: string; readonly length: number }
  | { readonly kind: 'html'; readonly end: string | RegExp | null }
  | { readonly kind: 'front-matter'; readonly end: RegExp }
) & { readonly quoteDepth: number };

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
const blockStart = (content: string, quoteDepth: number): Block | null => {
  const fence = fencePattern.exec(content);
  if (fence) {
    const run = fence[1]!;
    // A backtick fence's info string cannot hold a backtick: "```a` b" is inline code.
    if (run[0] === '~' || !fence[2]!.includes('`'))
      return { kind: 'fence', char: run[0]!, length: run.length, quoteDepth };
  }
  const trimmed = content.trimStart();
  if (trimmed.charCodeAt(0) !== 60 /* < */) return null;
  const html = (end: string | RegExp | null): Block => ({ kind: 'html', end, quoteDepth });
  if (trimmed.startsWith('<!--')) return trimmed.includes('-->', 2) ? null : html('-->');
  if (rawHtmlStart.test(trimmed)) return rawHtmlEnd.test(trimmed) ? null : html(rawHtmlEnd);
  if (trimmed.startsWith('<![CDATA[')) return trimmed.includes(']]>') ? null : html(']]>');
  if (trimmed.startsWith('<?')) return trimmed.includes('?>', 2) ? null : html('?>');
  if (/^<![A-Za-z]/.test(trimmed)) return trimmed.includes('>', 2) ? null : html('>');
  const tag = htmlTagStart.exec(trimmed);
  if (tag && htmlBlockTags.has(tag[1]!.toLowerCase())) return html(null);
  return null;
};

/** Whether `line` ends the open block (the closing line belongs to the block). */
const closesBlock = (block: Block, line: string): boolean => {
  if (block.kind === 'front-matter') return block.end.test(line);
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

/** Strips up to `max` blockquote markers; returns how many there were and where the content starts. */
const stripQuotes = (text: string, max = Number.POSITIVE_INFINITY) => {
  let depth = 0;
  let offset = 0;
  while (depth < max) {
    const quote = quotePattern.exec(text.slice(offset));
    if (!quote) break;
    depth++;
    offset += quote[0].length;
  }
  return { depth, offset };
};

const headingTitle = (text: string): string => {
  const title = text.replace(/(?:^|[ \t]+)#+[ \t]*$/, '').trim();
  // A heading written all in bold reads the same without the asterisks.
  const bold = /^(\*\*|__)(.+)\1$/.exec(title);
  return (bold ? bold[2]! : title).trim();
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

/** Front matter opens the file with `---` (YAML) or `+++` (TOML) and must be closed to count. */
const frontMatter = (lines: readonly SourceLine[]): Block | null => {
  const first = lines[0]?.text.replace(/^\uFEFF/, '');
  const end = first === '---' ? /^(?:---|\.\.\.)[ \t]*$/ : first === '+++' ? /^\+\+\+[ \t]*$/ : null;
  if (!end || !lines.slice(1).some((line) => end.test(line.text))) return null;
  return { kind: 'front-matter', end, quoteDepth: 0 };
};

/** Legend entries on one line of text; without a "Legend:" lead or a legend section each needs an `=`. */
const legendEntriesOf = (text: string, line: number, inLegend: boolean): LegendEntry[] => {
  if (!text.includes('[')) return [];
  const lenient = inLegend || legendLinePattern.test(text);
  const entries: LegendEntry[] = [];
  for (const match of text.matchAll(legendEntry)) {
    const [, marker, separator, rawLabel] = match;
    const label = rawLabel!.trim().replace(/[.)\s]+$/, '');
    // `[1]: https://…` is a link reference, not a legend.
    if (!isSingleGrapheme(marker!) || label === '' || /^(?:\w+:\/\/|<)/.test(label)) continue;
    if (!separator && !lenient) continue;
    entries.push({ marker: marker!, label, status: statusOfLabel(label), line });
  }
  return entries;
};

const scan = (source: string): Scan => {
  const sourceLines = splitLines(source);
  const tasks: ScannedTask[] = [];
  const headings: Heading[] = [];
  const legend: LegendEntry[] = [];
  let block: Block | null = frontMatter(sourceLines);
  let skipFirst = block !== null;
  // Marker indents of the open list items, innermost last: gives each task its depth.
  const openItems: number[] = [];
  let previousInList = false;
  let previousQuoteDepth = 0;
  // The plain paragraph lines just above, which a setext underline turns into a heading.
  let paragraph: { line: number; parts: string[] } | null = null;
  let inLegend = false;
  let offset = 0;

  const closeItemsNotContaining = (indent: number) => {
    while (openItems.length > 0 && openItems[openItems.length - 1]! >= indent) openItems.pop();
  };
  const addHeading = (level: number, title: string, line: number, text: string) => {
    headings.push({ level, title, line, phase: parsePhaseHeading(text) });
    inLegend = legendHeadingPattern.test(title);
    openItems.length = 0;
    previousInList = false;
    paragraph = null;
  };

  for (let index = 0; index < sourceLines.length; index++) {
    const { text: raw, eol } = sourceLines[index]!;
    const lineStart = offset;
    offset += raw.length + eol.length;
    const bom = index === 0 && raw.charCodeAt(0) === 0xfeff ? 1 : 0;
    const text = bom ? raw.slice(1) : raw;
    const line = index + 1;
    if (skipFirst) {
      skipFirst = false;
      continue;
    }

    if (block) {
      const quoted = stripQuotes(text, block.quoteDepth);
      // A block opened inside a blockquote ends with the quote.
      if (quoted.depth < block.quoteDepth) block = null;
      else {
        const content = text.slice(quoted.offset);
        // An HTML block like `<details>` ends before a blank line; fences and comments on their closing line.
        const endsBefore = block.kind === 'html' && block.end === null;
        if (!endsBefore && closesBlock(block, content)) block = null;
        if (!endsBefore || !blankPattern.test(content)) continue;
        block = null;
      }
    }

    const quote = stripQuotes(text);
    const content = text.slice(quote.offset);
    if (quote.depth !== previousQuoteDepth) {
      // Lists do not run into or out of a blockquote.
      openItems.length = 0;
      previousInList = false;
      paragraph = null;
      previousQuoteDepth = quote.depth;
    }
    if (blankPattern.test(content)) {
      previousInList = false;
      paragraph = null;
      continue;
    }

    const task = taskPattern.exec(content);
    if (task && isSingleGrapheme(task[2]!)) {
      const indent = indentWidth(task[1]!);
      closeItemsNotContaining(indent);
      const marker = task[2]!;
      const taskText = content.slice(task[0].length).trim();
      if (inLegend || definitionStart.test(taskText)) {
        legend.push(...legendEntriesOf(content.slice(task[1]!.length), line, true));
      } else {
        tasks.push({
          line,
          depth: openItems.length,
          text: taskText,
          marker,
          markerOffset: lineStart + bom + quote.offset + task[0].indexOf('[') + 1,
        });
      }
      openItems.push(indent);
      previousInList = true;
      paragraph = null;
      continue;
    }

    if (quote.depth === 0) {
      const atx = atxHeadingPattern.exec(content);
      // "##Phase 2" is a phase heading too, though CommonMark wants a space after the hashes.
      if (atx || phaseHeadingPattern.test(content)) {
        const level = atx ? atx[1]!.length : 2;
        addHeading(level, headingTitle(atx ? atx[2]! : content.replace(/^ *##/, '')), line, content);
        continue;
      }
      const underline = setextUnderlinePattern.exec(content);
      if (underline && paragraph) {
        const { line: start, parts } = paragraph;
        const level = underline[1]![0] === '=' ? 1 : 2;
        addHeading(level, headingTitle(parts.join(' ')), start, `${'#'.repeat(level)} ${parts.join(' ')}`);
        continue;
      }
    }

    const item = listItemPattern.exec(content);
    if (item && !thematicBreakPattern.test(content)) {
      const indent = indentWidth(item[1]!);
      closeItemsNotContaining(indent);
      openItems.push(indent);
      previousInList = true;
      paragraph = null;
      // An item may open a block itself ("- ```"), possibly in nested items ("- 1. <!--").
      let inner = content.slice(item[0].length);
      for (let nested = listItemPattern.exec(inner); nested; nested = listItemPattern.exec(inner)) {
        inner = inner.slice(nested[0].length);
      }
      block = blockStart(inner, quote.depth);
      if (!block) legend.push(...legendEntriesOf(inner, line, inLegend));
      continue;
    }

    const indent = indentWidth(/^[ \t]*/.exec(content)![0]);
    block = blockStart(content, quote.depth);
    const startsBlock =
      block !== null || thematicBreakPattern.test(content) || atxHeadingPattern.test(content);
    // Plain text right under a list line continues it ("lazy continuation"); anything else ends the lists
    // it is not indented into.
    if (startsBlock || !previousInList) closeItemsNotContaining(indent);
    previousInList = !startsBlock && openItems.length > 0;
    if (startsBlock || previousInList || quote.depth > 0) paragraph = null;
    else {
      paragraph ??= { line, parts: [] };
      paragraph.parts.push(content.trim());
    }
    if (!block) legend.push(...legendEntriesOf(content, line, inLegend));
  }
  return { sourceLines, tasks, headings, legend };
};

interface PhasePlan {
  readonly number: number | null;
  readonly title: string;
  /** Heading line, or 0 for the unnamed phase. */
  readonly line: number;
  /** Tasks from this index on (until the next phase's) belong to the phase. */
  readonly firstTask: number;
}

/** Index of the first task at or after `line`; tasks are in document order. */
const firstTaskFrom = (tasks: readonly ScannedTask[], line: number): number => {
  let low = 0;
  let high = tasks.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (tasks[middle]!.line < line) low = middle + 1;
    else high = middle;
  }
  return low;
};

/** The headings that start phases, following the rules in this file's header. */
const phaseHeadings = (headings: readonly Heading[], tasks: readonly ScannedTask[]): Heading[] => {
  if (headings.some((h) => h.phase)) return headings.filter((h) => h.phase);
  const hasTasksUntilNext = (heading: Heading, boundaries: readonly Heading[]) => {
    const next = boundaries.find((h) => h.line > heading.line);
    const from = firstTaskFrom(tasks, heading.line);
    return from < tasks.length && tasks[from]!.line < (next?.line ?? Number.POSITIVE_INFINITY);
  };
  let chosen: number | undefined;
  for (let level = 1; level <= 6 && chosen === undefined; level++) {
    const boundaries = headings.filter((h) => h.level <= level);
    const parts = headings.filter((h) => h.level === level && hasTasksUntilNext(h, boundaries)).length;
    if (parts >= 2) chosen = level;
  }
  chosen ??= headings.find((h) =>
    hasTasksUntilNext(
      h,
      headings.filter((b) => b.level <= h.level),
    ),
  )?.level;
  if (chosen === undefined) return [];
  const level = chosen;
  const boundaries = headings.filter((h) => h.level <= level);
  return boundaries.filter((h) => hasTasksUntilNext(h, boundaries));
};

const planPhases = (scanned: Scan): PhasePlan[] => {
  const { headings, tasks } = scanned;
  const starts = phaseHeadings(headings, tasks);
  const plans: PhasePlan[] = starts.map((heading) => ({
    number: heading.phase?.number ?? null,
    title: heading.phase ? heading.phase.title : heading.title,
    line: heading.line,
    firstTask: firstTaskFrom(tasks, heading.line),
  }));
  const unnamed = plans.length === 0 ? tasks.length : plans[0]!.firstTask;
  if (unnamed > 0) {
    plans.unshift({ number: null, title: plans.length === 0 ? 'Tasks' : '', line: 0, firstTask: 0 });
  }
  return plans;
};

/** Counts tasks by status; see {@link Counts.percentComplete} for the rounding rule. */
export const countTasks = (tasks: readonly Pick<Task, 'status'>[]): Counts => {
  const counts = { total: tasks.length, done: 0, inProgress: 0, pending: 0, skipped: 0, unknown: 0 };
  for (const task of tasks) counts[task.status]++;
  return withPercent(counts);
};

/** Adds the percentage to raw counts. */
export const withPercent = (counts: Omit<Counts, 'percentComplete'>): Counts => ({
  ...counts,
  percentComplete: percent(counts),
});

/** Tasks still to do: pending, started, or with a marker nothing explains. */
export const openTasks = (counts: Omit<Counts, 'percentComplete'>): number =>
  counts.total - counts.done - counts.skipped;

const percent = (counts: Omit<Counts, 'percentComplete'>): number => {
  if (counts.total === 0) return 0;
  if (openTasks(counts) === 0) return 100;
  // Never round an unfinished checklist up to 100 %.
  return Math.min(99, Math.round((counts.done / (counts.total - counts.skipped)) * 100));
};

/** Adds counts up (phases into totals). */
export const sumCounts = (all: readonly Counts[]): Counts => {
  const sum = { total: 0, done: 0, inProgress: 0, pending: 0, skipped: 0, unknown: 0 };
  for (const c of all) {
    sum.total += c.total;
    sum.done += c.done;
    sum.inProgress += c.inProgress;
    sum.pending += c.pending;
    sum.skipped += c.skipped;
    sum.unknown += c.unknown;
  }
  return withPercent(sum);
};

const countMarkers = (tasks: readonly Pick<Task, 'marker'>[]): MarkerCount[] => {
  const counts = new Map<string, number>();
  for (const { marker } of tasks) counts.set(marker, (counts.get(marker) ?? 0) + 1);
  return [...counts].map(([marker, count]) => ({ marker, count }));
};

/** The statuses a file's legend gives its markers (the first entry for a marker wins). */
export const legendMap = (legend: readonly Pick<LegendEntry, 'marker' | 'status'>[]): MarkerMap => {
  const map = new Map<string, TaskStatus>();
  for (const entry of legend) if (entry.status && !map.has(entry.marker)) map.set(entry.marker, entry.status);
  return map;
};

const noMarkers: MarkerMap = new Map();

/**
 * Parses an engagement checklist. Never throws: any string is a checklist, possibly without phases.
 * `organization` is the organization's marker settings, which win over the file's legend and the defaults.
 */
export const parseChecklist = (source: string, organization: MarkerMap = noMarkers): Checklist => {
  const scanned = scan(source);
  const legend = legendMap(scanned.legend);
  const plans = planPhases(scanned);
  const { headings } = scanned;
  // Index of the last heading above the current task; tasks come in document order.
  let above = -1;
  const phases: Phase[] = plans.map((plan, i) => {
    const next = plans[i + 1];
    const scannedTasks = scanned.tasks.slice(plan.firstTask, next?.firstTask ?? scanned.tasks.length);
    const tasks = scannedTasks.map(({ markerOffset: _, ...task }): Task => {
      while (above + 1 < headings.length && headings[above + 1]!.line < task.line) above++;
      // The nearest heading above the task is its section when it is inside this phase, not the phase's own.
      const heading = headings[above];
      const section = heading && plan.line > 0 && heading.line > plan.line ? heading.title : null;
      return {
        id: `L${task.line}-${textHash(task.text)}`,
        ...task,
        status: resolveStatus(task.marker, organization, legend),
        section,
      };
    });
    const line = plan.line || (tasks[0]?.line ?? 1);
    const end = next ? next.line - 1 : scanned.sourceLines.length;
    return {
      number: plan.number,
      title: plan.title,
      line,
      lines: [plan.line === 0 ? 1 : line, end],
      tasks,
      counts: countTasks(tasks),
      markers: countMarkers(tasks),
    };
  });
  const firstHeading = plans.find((p) => p.line > 0)?.line;
  return {
    sourceLines: scanned.sourceLines,
    preamble: { lines: [1, firstHeading ? firstHeading - 1 : scanned.sourceLines.length] },
    phases,
    totals: sumCounts(phases.map((p) => p.counts)),
    legend: scanned.legend,
  };
};

/** Every task of the checklist in document order. */
export const allTasks = (checklist: Checklist): Task[] => checklist.phases.flatMap((p) => p.tasks);

const findTask = (source: string, taskId: string): { task: ScannedTask; lines: SourceLine[] } => {
  const line = /^L(\d+)-[0-9a-f]{6}$/.exec(taskId);
  if (!line) throw new TaskNotFoundError(taskId);
  const { tasks, sourceLines } = scan(source);
  const task = tasks[firstTaskFrom(tasks, Number(line[1]))];
  if (!task || `L${task.line}-${textHash(task.text)}` !== taskId) throw new TaskNotFoundError(taskId);
  return { task, lines: sourceLines };
};

/**
 * Writes `marker` into one task's checkbox; every other byte stays as it was.
 * @throws TaskNotFoundError when no task of the current source has that id (stale or unknown id).
 */
export const setTaskMarker = (source: string, taskId: string, marker: string): string => {
  const { task } = findTask(source, taskId);
  if (task.marker === marker) return source;
  const end = task.markerOffset + task.marker.length;
  return source.slice(0, task.markerOffset) + marker + source.slice(end);
};

/**
 * The marker to write for `status`: the one this file uses most for it, else its legend's, else the
 * organization's, else the usual one (`x`, `/`, ` `, `-`).
 */
export const markerForStatus = (
  checklist: Checklist,
  status: TaskStatus,
  organization: MarkerMap = noMarkers,
): string => {
  const used = new Map<string, number>();
  for (const task of allTasks(checklist))
    if (task.status === status) used.set(task.marker, (used.get(task.marker) ?? 0) + 1);
  const [mostUsed] = [...used].sort((a, b) => b[1] - a[1]);
  if (mostUsed) return mostUsed[0];
  const fromLegend = checklist.legend.find((entry) => entry.status === status);
  if (fromLegend && !organization.has(fromLegend.marker)) return fromLegend.marker;
  for (const [marker, mapped] of organization) if (mapped === status) return marker;
  return canonicalMarkers[status];
};

/**
 * Sets one task's status by rewriting only its marker. Returns the source unchanged when the task already
 * has that status, so `[X]`, `[~]` and `[√]` stay as written.
 * @throws TaskNotFoundError when no task of the current source has that id (stale or unknown id).
 */
export const setTaskStatus = (
  source: string,
  taskId: string,
  status: TaskStatus,
  organization: MarkerMap = noMarkers,
): string => {
  const checklist = parseChecklist(source, organization);
  const task = allTasks(checklist).find((candidate) => candidate.id === taskId);
  if (!task) throw new TaskNotFoundError(taskId);
  if (task.status === status) return source;
  return setTaskMarker(source, taskId, markerForStatus(checklist, status, organization));
};

/**
 * The full text of a task's line, or undefined when the id is not a task of `source`. A one-marker edit
 * made on one version applies to a newer one exactly when this is the same in both.
 */
export const taskLine = (source: string, taskId: string): string | undefined => {
  try {
    const { task, lines } = findTask(source, taskId);
    return lines[task.line - 1]!.text.replace(/^\uFEFF/, '');
  } catch (error) {
    if (error instanceof TaskNotFoundError) return undefined;
    throw error;
  }
};

const describeOffset = (source: string, index: number) => {
  const before = source.slice(0, index);
  return {
    line: before.split('\n').length,
    byteOffset: new TextEncoder().encode(before).byteLength,
  };
};

/** Where the first byte sequence that is not UTF-8 starts, or -1. */
const firstInvalidUtf8 = (bytes: Uint8Array): { index: number; decoded: string } | null => {
  const decoded = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const encoder = new TextEncoder();
  // A U+FFFD in the decoded text is either written in the file (EF BF BD) or stands for invalid bytes.
  for (let index = decoded.indexOf('\uFFFD'); index !== -1; index = decoded.indexOf('\uFFFD', index + 1)) {
    const at = encoder.encode(decoded.slice(0, index)).byteLength;
    if (bytes[at] !== 0xef || bytes[at + 1] !== 0xbf || bytes[at + 2] !== 0xbd) return { index, decoded };
  }
  return null;
};

/**
 * Checks an uploaded checklist and decodes it. A BOM, if any, is kept (and ignored by the parser) so the
 * text encodes back to the same bytes. Any heading structure, or none, is a valid checklist.
 * @throws InvalidChecklistError when empty, larger than `maxBytes`, not UTF-8 or holding a NUL byte; the
 *   last two name the line and byte offset.
 */
export const validateChecklistFile = (bytes: Uint8Array, maxBytes = 256 * 1024): string => {
  if (bytes.byteLength === 0) throw new InvalidChecklistError('empty', 'The checklist is empty.');
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
    const invalid = firstInvalidUtf8(bytes)!;
    const where = describeOffset(invalid.decoded, invalid.index);
    throw new InvalidChecklistError(
      'not-utf8',
      `The checklist is not valid UTF-8 text (line ${where.line}, byte ${where.byteOffset}). Save it as UTF-8.`,
      where,
    );
  }
  const nul = source.indexOf('\0');
  if (nul !== -1) {
    const where = describeOffset(source, nul);
    throw new InvalidChecklistError(
      'nul-byte',
      `The checklist holds a NUL byte (line ${where.line}, byte ${where.byteOffset}); it is not a text file.`,
      where,
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
