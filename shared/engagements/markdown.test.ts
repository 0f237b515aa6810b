import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allTasks,
  type Checklist,
  defaultTemplate,
  InvalidChecklistError,
  kickoffTaskText,
  parseChecklist,
  setTaskMarker,
  setTaskStatus,
  TaskNotFoundError,
  type TaskStatus,
  validateChecklistFile,
} from './markdown';
import { summarize } from './summary';

type TaskMarker = string;
const statuses: readonly TaskStatus[] = ['done', 'inProgress', 'pending', 'skipped'];
const utf8 = new TextEncoder();

const corpusDir = new URL('./corpus/', import.meta.url);
const corpus = readdirSync(corpusDir)
  .filter((name) => name.endsWith('.md'))
  .sort()
  .map((name) => ({ name, bytes: new Uint8Array(readFileSync(new URL(name, corpusDir))) }));
const corpusText = (name: string): string => {
  const file = corpus.find((f) => f.name === name);
  if (!file) throw new Error(`No corpus file ${name}`);
  return validateChecklistFile(file.bytes);
};

const rebuild = (checklist: Checklist): string => checklist.sourceLines.map((l) => l.text + l.eol).join('');

/** The lines of `source`, each with its terminator. */
const linesOf = (source: string): string[] => parseChecklist(source).sourceLines.map((l) => l.text + l.eol);

const differingIndexes = <T>(a: ArrayLike<T>, b: ArrayLike<T>): number[] => {
  expect(b.length).toBe(a.length);
  const indexes: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) indexes.push(i);
  return indexes;
};

/** What parsing tells about tasks, without ids: for comparing variants of one file. */
const shape = (checklist: Checklist) =>
  checklist.phases.map((p) => ({
    number: p.number,
    title: p.title,
    line: p.line,
    tasks: p.tasks.map(({ line, depth, status, text, marker }) => ({ line, depth, status, text, marker })),
  }));

/**
 * Sets every task of `source` to every status and checks the edit: only the marker, on the task's own line;
 * the same tasks afterwards; writing its own marker back restores the original exactly.
 */
const expectPreciseEdits = (source: string) => {
  const before = parseChecklist(source);
  const beforeLines = linesOf(source);
  const ids = allTasks(before).map((t) => t.id);
  for (const task of allTasks(before)) {
    const offset = markerOffset(source, task.line);
    expect(source.slice(offset, offset + task.marker.length)).toBe(task.marker);
    for (const status of statuses) {
      const edited = setTaskStatus(source, task.id, status);
      if (status === task.status) {
        expect(edited).toBe(source);
        continue;
      }
      expect(differingIndexes(beforeLines, linesOf(edited))).toEqual([task.line - 1]);
      const marker = allTasks(parseChecklist(edited)).find((t) => t.id === task.id)!.marker;
      expect(edited).toBe(source.slice(0, offset) + marker + source.slice(offset + task.marker.length));
      const after = allTasks(parseChecklist(edited));
      expect(after.map((t) => t.id)).toEqual(ids);
      expect(after.find((t) => t.id === task.id)?.status).toBe(status);
      expect(setTaskMarker(edited, task.id, task.marker)).toBe(source);
    }
  }
};

const markerOffset = (source: string, line: number): number => {
  const lines = linesOf(source);
  let offset = 0;
  for (let i = 0; i < line - 1; i++) offset += lines[i]!.length;
  return offset + lines[line - 1]!.indexOf('[') + 1;
};

describe('the corpus of real-world checklists', () => {
  it('holds at least 30 files, with real CRLF, mixed endings, BOM and no-final-newline files among them', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(30);
    const texts = corpus.map((f) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(f.bytes));
    expect(texts.filter((t) => t.includes('\r\n') && !/[^\r]\n/.test(t)).length).toBeGreaterThanOrEqual(3);
    expect(texts.some((t) => t.includes('\r\n') && /[^\r]\n/.test(t))).toBe(true);
    expect(texts.filter((t) => t.startsWith('\uFEFF')).length).toBeGreaterThanOrEqual(2);
    expect(texts.filter((t) => !t.endsWith('\n')).length).toBeGreaterThanOrEqual(2);
  });

  it.each(corpus)('$name is accepted and rebuilds byte for byte from its parsed lines', ({ bytes }) => {
    const source = validateChecklistFile(bytes);
    expect(utf8.encode(source)).toEqual(bytes);
    expect(rebuild(parseChecklist(source))).toBe(source);
  });

  it.each(corpus)(
    '$name: every status edit changes only the marker on one line and reverts cleanly',
    ({ bytes }) => {
      expectPreciseEdits(validateChecklistFile(bytes));
    },
  );

  it.each(corpus)('$name: phase counts add up to the totals', ({ bytes }) => {
    const checklist = parseChecklist(validateChecklistFile(bytes));
    const sum = (key: 'total' | 'done' | 'pending' | 'skipped') =>
      checklist.phases.reduce((n, p) => n + p.counts[key], 0);
    expect(checklist.totals.total).toBe(sum('total'));
    expect(checklist.totals.done).toBe(sum('done'));
    expect(checklist.totals.pending).toBe(sum('pending'));
    expect(checklist.totals.skipped).toBe(sum('skipped'));
    expect(checklist.totals.total).toBe(allTasks(checklist).length);
    for (const { counts } of checklist.phases) {
      expect(counts.done + counts.inProgress + counts.pending + counts.skipped + counts.unknown).toBe(
        counts.total,
      );
    }
  });

  it.each(corpus)('$name parses the same with LF, CRLF and without a final newline', ({ bytes }) => {
    const source = validateChecklistFile(bytes);
    const lf = source.replace(/\r\n/g, '\n');
    const crlf = lf.replace(/\n/g, '\r\n');
    const unterminated = lf.replace(/\n+$/, '');
    const expected = shape(parseChecklist(lf));
    for (const variant of [crlf, unterminated]) {
      expect(shape(parseChecklist(variant))).toEqual(expected);
      expect(rebuild(parseChecklist(variant))).toBe(variant);
    }
    expectPreciseEdits(crlf);
  });
});

describe('parsing specific corpus files', () => {
  it('ignores checkboxes inside fenced code blocks of any fence length, character and indentation', () => {
    const checklist = parseChecklist(corpusText('code-fences-with-checkboxes.md'));
    const tasks = allTasks(checklist);
    expect(tasks.map((t) => t.line)).toEqual([5, 6, 14, 19, 29, 30, 38, 43, 47, 51]);
    expect(tasks.find((t) => t.line === 19)).toMatchObject({
      depth: 1,
      text: 'Nested task after an indented fence',
    });
    expect(tasks.some((t) => /not a task|still inside|comment in a shell/.test(t.text))).toBe(false);
    expect(checklist.phases.map((p) => p.number)).toEqual([1, 2, 3, 4, 5]);
  });

  it('ignores checkboxes and phase headings inside HTML comments and HTML blocks', () => {
    const checklist = parseChecklist(corpusText('html-comments-and-blocks.md'));
    expect(checklist.phases.map((p) => p.title)).toEqual([
      'Initial Contact & Qualification',
      'Planning & Agreement',
      'Preparation & Promotion',
      'Event Execution',
      'Post-Event Follow-up',
    ]);
    expect(checklist.totals).toMatchObject({
      total: 10,
      done: 2,
      pending: 7,
      skipped: 1,
      percentComplete: 22,
    });
    const texts = allTasks(checklist).map((t) => t.text);
    expect(texts).toContain('Studio tour <!-- inline comment does not hide this task -->');
    expect(texts).toContain('Instructor headshots');
    expect(texts.some((t) => /unpaid|paid ads|inside an HTML block|single-line|Facebook/.test(t))).toBe(
      false,
    );
  });

  it('puts tasks above the first phase heading into an implicit phase', () => {
    const checklist = parseChecklist(corpusText('tasks-before-first-phase.md'));
    expect(checklist.preamble.lines).toEqual([1, 8]);
    const [implicit, first] = checklist.phases;
    expect(implicit).toMatchObject({ number: null, title: '', line: 5, lines: [1, 8] });
    expect(implicit!.tasks.map((t) => [t.text, t.depth, t.status])).toEqual([
      ['Send NDA', 0, 'done'],
      ['Ask for the brand kit', 0, 'pending'],
      ['Logo in SVG', 1, 'pending'],
    ]);
    expect(first).toMatchObject({ number: 1, line: 9, lines: [9, 13] });
    expect(checklist.phases).toHaveLength(6);
    expect(checklist.phases.at(-1)).toMatchObject({ number: 5, lines: [22, 22], tasks: [] });
  });

  it('accepts hand-edited phase headings but only level-2 headings starting with the word "Phase"', () => {
    const checklist = parseChecklist(corpusText('lenient-phase-headings.md'));
    expect(checklist.phases.map((p) => [p.number, p.title])).toEqual([
      [1, 'Initial Contact & Qualification'],
      [2, 'Planning & Agreement'],
      [3, 'Preparation & Promotion'],
      [4, 'Event Execution'],
      [5, 'Post-Event Follow-up'],
      [6, ''],
    ]);
    expect(checklist.phases[5]!.tasks.map((t) => t.text)).toEqual([
      'Retainer discussion',
      'Belongs to phase 6',
      'Also phase 6',
    ]);
  });

  it('keeps other headings as free text of the phase they are in', () => {
    const checklist = parseChecklist(corpusText('non-phase-headings.md'));
    expect(checklist.preamble.lines).toEqual([1, 9]);
    expect(checklist.phases).toHaveLength(5);
    expect(checklist.phases[1]!.tasks.map((t) => t.text)).toContain(
      'Approve the spring promo budget (still phase 2: "Budget" is not a phase)',
    );
    expect(checklist.phases[4]!.tasks.map((t) => t.text)).toContain('Appendix task still counts in phase 5');
  });

  it('gives nested tasks their list depth, counting plain list items as levels', () => {
    const checklist = parseChecklist(corpusText('deep-nesting-conference.md'));
    expect(checklist.phases[1]!.tasks.map((t) => t.depth)).toEqual([0, 1, 2, 3, 2, 1, 0]);
    expect(checklist.phases[2]!.tasks.map((t) => [t.text, t.depth])).toEqual([
      ['Speaker kit', 0],
      ['Headshots', 2],
      ['Bios', 2],
      ['Slide template', 1],
    ]);
  });

  it('reads every bullet style and nests them', () => {
    const checklist = parseChecklist(corpusText('mixed-bullets-all-kinds.md'));
    expect(checklist.totals).toMatchObject({ total: 14, done: 6, pending: 8 });
    expect(checklist.phases[1]!.tasks.map((t) => t.depth)).toEqual([0, 1, 2, 3, 0]);
    expect(checklist.phases[4]!.tasks[0]!.text).toBe('Tab after the bullet');
  });

  it('measures tab indentation in columns of four', () => {
    const checklist = parseChecklist(corpusText('wide-tabs-and-spaces-mix.md'));
    expect(checklist.phases[0]!.tasks.map((t) => t.depth)).toEqual([0, 1, 2, 1, 1]);
    expect(checklist.phases[1]!.tasks.map((t) => t.depth)).toEqual([0, 1, 1]);
    expect(
      parseChecklist(corpusText('tabs-indentation-solar.md')).phases[1]!.tasks.map((t) => t.depth),
    ).toEqual([0, 1, 1, 2, 2, 0]);
  });

  it('counts [X] as done and [-] and [~] as skipped, leaving skipped tasks out of the percentage', () => {
    const checklist = parseChecklist(corpusText('skipped-and-na-markers.md'));
    expect(checklist.totals).toEqual({
      total: 13,
      done: 5,
      inProgress: 0,
      pending: 3,
      skipped: 5,
      unknown: 0,
      percentComplete: 63,
    });
    expect(allTasks(checklist).map((t) => t.marker)).toEqual<TaskMarker[]>([
      'X',
      'X',
      '-',
      'x',
      '~',
      '-',
      'x',
      'X',
      ' ',
      ' ',
      '~',
      ' ',
      '-',
    ]);
  });

  it('treats a checklist with only done and skipped tasks as complete and current in its last phase', () => {
    const summary = summarize(parseChecklist(corpusText('completed-engagement-fintech.md')));
    expect(summary.totals).toMatchObject({ total: 8, done: 6, pending: 0, skipped: 2, percentComplete: 100 });
    expect(summary.currentPhase).toEqual({ index: 4, number: 5, title: 'Post-Event Follow-up' });
  });

  it('does not mistake lookalike lines for tasks, but takes any one-character marker', () => {
    const checklist = parseChecklist(corpusText('not-tasks-lookalikes.md'));
    expect(allTasks(checklist).map((t) => [t.line, t.marker, t.text])).toEqual([
      [5, 'x', 'Book the kickoff call'],
      [9, '/', 'unknown marker'],
      [15, ' ', ''],
      [21, ' ', 'real task'],
    ]);
  });

  it('lets an unclosed fence run to the end of the file, as GitHub renders it', () => {
    const checklist = parseChecklist(corpusText('unclosed-fence-at-end.md'));
    expect(checklist.phases).toHaveLength(1);
    expect(checklist.totals.total).toBe(2);
  });

  it('counts checkboxes in blockquotes, as GitHub renders them, but not in table cells', () => {
    const checklist = parseChecklist(corpusText('brand-refresh-tables-quotes.md'));
    expect(checklist.totals.total).toBe(10);
    expect(allTasks(checklist).filter((t) => /quoted|neither/.test(t.text))).toMatchObject([
      { line: 18, depth: 0, marker: ' ', status: 'pending' },
      { line: 19, depth: 0, marker: 'x', status: 'done' },
    ]);
    expect(allTasks(checklist).some((t) => /table cell/.test(t.text))).toBe(false);
  });

  it('reads the legacy export whose headings have no blank lines around them', () => {
    const checklist = parseChecklist(corpusText('legacy-flask-export-projectalpha.md'));
    expect(checklist.phases.map((p) => p.counts.total)).toEqual([3, 3, 2, 1, 2]);
    expect(checklist.phases[1]!.title).toBe('Preparation & Content Creation');
  });

  it('keeps the BOM on line 1 and still finds the first heading and tasks', () => {
    const source = corpusText('marketing-retainer.bom-crlf.md');
    expect(source.charCodeAt(0)).toBe(0xfeff);
    const checklist = parseChecklist(source);
    expect(checklist.sourceLines[0]!.text.startsWith('\uFEFF#')).toBe(true);
    expect(checklist.phases).toHaveLength(5);
    expect(checklist.totals.total).toBe(9);
  });
});

describe('parseChecklist', () => {
  it('returns an empty checklist for an empty string', () => {
    expect(parseChecklist('')).toEqual({
      sourceLines: [],
      preamble: { lines: [1, 0] },
      phases: [],
      totals: { total: 0, done: 0, inProgress: 0, pending: 0, skipped: 0, unknown: 0, percentComplete: 0 },
      legend: [],
    });
  });

  it('omits the implicit phase when nothing above the first heading is a task', () => {
    const checklist = parseChecklist('# Title\n\n- plain item\n## Phase 1: Go\n- [ ] a\n');
    expect(checklist.phases.map((p) => p.number)).toEqual([1]);
    expect(checklist.preamble.lines).toEqual([1, 3]);
  });

  it('reads "Phase N - Title", "Phase N. Title", closing hashes, bold headings and only whole phase numbers', () => {
    const titles = [
      '## Phase 2 - Planning',
      '## Phase 2. Planning',
      '## Phase 2 – Planning ##',
      '## __Phase 2__: Planning',
      '##\tPhase 2:Planning',
    ].map((h) => parseChecklist(`${h}\n`).phases[0]);
    for (const phase of titles) expect(phase).toMatchObject({ number: 2, title: 'Planning' });
    expect(parseChecklist('## Phase: Wrap-up\n').phases[0]).toMatchObject({ number: null, title: 'Wrap-up' });
    expect(parseChecklist('## Phase 1.5 Pilot\n').phases[0]).toMatchObject({
      number: null,
      title: '1.5 Pilot',
    });
    expect(parseChecklist('## Phase 1234567890\n').phases[0]).toMatchObject({
      number: null,
      title: '1234567890',
    });
    expect(parseChecklist('## Phase 007: Bond\n').phases[0]).toMatchObject({ number: 7, title: 'Bond' });
  });

  it('does not number level 1 or 3 headings, "Phases" or indented-code headings as phases', () => {
    for (const heading of ['# Phase 1', '### Phase 1', '## Phases', '## Phased rollout', '    ## Phase 1']) {
      expect(parseChecklist(`${heading}\n- [ ] a\n`).phases.map((p) => p.number)).toEqual([null]);
    }
  });

  it('rounds the percentage but never up to 100 while a task is pending', () => {
    const tasks = (done: number, pending: number) =>
      `## Phase 1\n${'- [x] d\n'.repeat(done)}${'- [ ] p\n'.repeat(pending)}`;
    expect(parseChecklist(tasks(199, 1)).totals.percentComplete).toBe(99);
    expect(parseChecklist(tasks(2, 1)).totals.percentComplete).toBe(67);
    expect(parseChecklist(tasks(1, 2)).totals.percentComplete).toBe(33);
    expect(parseChecklist('## Phase 1\n- [-] a\n- [~] b\n').totals.percentComplete).toBe(100);
    expect(parseChecklist('## Phase 1\n').totals.percentComplete).toBe(0);
  });

  it('makes task ids from the line number and a hash of the text', () => {
    const [a, b] = allTasks(parseChecklist('## Phase 1\n- [ ] Send the deck\n- [x] Send the deck\n'));
    expect(a!.id).toMatch(/^L2-[0-9a-f]{6}$/);
    expect(b!.id).toBe(a!.id.replace('L2-', 'L3-'));
  });

  it('ends an HTML comment on the line with "-->", and a block like <details> at the next blank line', () => {
    const texts = (source: string) => allTasks(parseChecklist(`## Phase 1\n${source}`)).map((t) => t.text);
    expect(texts('<!-- note -->\n- [ ] a\n')).toEqual(['a']);
    expect(texts('<!-->\n- [ ] a\n')).toEqual(['a']);
    expect(texts('  <!-- open\n- [ ] hidden\n  --> - [ ] still hidden\n- [ ] b\n')).toEqual(['b']);
    expect(texts('<details>\n- [ ] raw html\n\n- [ ] c\n</details>\n')).toEqual(['c']);
    expect(texts('<pre>\n- [ ] raw\n\n- [ ] raw too\n</pre>\n- [ ] d\n')).toEqual(['d']);
    expect(texts('- <!-- comment opened inside an item\n  - [ ] hidden\n  -->\n- [ ] e\n')).toEqual(['e']);
    expect(texts('- ```\n  - [ ] code in an item\n  ```\n- [ ] f\n')).toEqual(['f']);
    expect(texts('```a`b\n- [ ] not a fence: backtick in the info string\n')).toHaveLength(1);
  });

  it('never takes a lone carriage return for a line break', () => {
    const checklist = parseChecklist('## Phase 1\r- [ ] a\r\n- [ ] b');
    expect(checklist.sourceLines).toEqual([
      { text: '## Phase 1\r- [ ] a', eol: '\r\n' },
      { text: '- [ ] b', eol: '' },
    ]);
    expect(allTasks(checklist).map((t) => t.line)).toEqual([2]);
  });
});

describe('setTaskStatus', () => {
  const source = '# P\r\n\r\n## Phase 1: Go\r\n\r\n* [X] Done already\r\n  - [~] Not needed\r\n* [ ] Open';

  it('rewrites only the marker, with the one the file already uses, and keeps CRLF and the missing final newline', () => {
    const open = allTasks(parseChecklist(source))[2]!;
    expect(setTaskStatus(source, open.id, 'done')).toBe(source.replace('* [ ] Open', '* [X] Open'));
    expect(setTaskStatus(source, open.id, 'skipped')).toBe(source.replace('* [ ] Open', '* [~] Open'));
    expect(setTaskStatus(source, open.id, 'inProgress')).toBe(source.replace('* [ ] Open', '* [/] Open'));
  });

  it('keeps [X] and [~] when the status does not change', () => {
    const [done, skipped] = allTasks(parseChecklist(source));
    expect(setTaskStatus(source, done!.id, 'done')).toBe(source);
    expect(setTaskStatus(source, skipped!.id, 'skipped')).toBe(source);
    expect(setTaskStatus(source, done!.id, 'pending')).toBe(source.replace('[X]', '[ ]'));
  });

  it('edits the right character on a first line that starts with a BOM', () => {
    const bom = '\uFEFF- [ ] First\n## Phase 1\n';
    const first = allTasks(parseChecklist(bom))[0]!;
    expect(setTaskStatus(bom, first.id, 'done')).toBe('\uFEFF- [x] First\n## Phase 1\n');
  });

  it('refuses an id whose line moved since the parse', () => {
    const open = allTasks(parseChecklist(source))[2]!;
    expect(() => setTaskStatus(`Intro\r\n${source}`, open.id, 'done')).toThrow(TaskNotFoundError);
  });

  it('refuses an id whose task text changed since the parse', () => {
    const open = allTasks(parseChecklist(source))[2]!;
    expect(() => setTaskStatus(source.replace('Open', 'Opened'), open.id, 'done')).toThrow(TaskNotFoundError);
  });

  it('refuses ids of lines that are not tasks, and malformed ids', () => {
    const fenced = '## Phase 1\n```\n- [ ] code\n```\n';
    const lookalike = allTasks(parseChecklist('## Phase 1\n\n- [ ] code\n'))[0]!;
    expect(lookalike.line).toBe(3);
    expect(() => setTaskStatus(fenced, lookalike.id, 'done')).toThrow(TaskNotFoundError);
    for (const id of ['', 'L3', 'L3-XYZ', 'L3-abcdef0', 'x L3-abcdef']) {
      expect(() => setTaskStatus(source, id, 'done')).toThrow(TaskNotFoundError);
    }
  });

  it('reports a stale id as a conflict the client can recover from', () => {
    const error = (() => {
      try {
        setTaskStatus(source, 'L99-abcdef', 'done');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(TaskNotFoundError);
    expect(error).toMatchObject({ name: 'TaskNotFoundError', status: 409, taskId: 'L99-abcdef' });
  });
});

describe('summarize', () => {
  it('reports each phase, the totals and the first phase with pending tasks', () => {
    const checklist = parseChecklist(
      '## Phase 1: A\n- [x] a\n## Phase 2: B\n## Phase 3: C\n- [-] c\n- [ ] d\n## Phase 4: D\n- [ ] e\n',
    );
    const counts = (
      total: number,
      done: number,
      pending: number,
      skipped: number,
      percentComplete: number,
    ) => ({
      total,
      done,
      inProgress: 0,
      pending,
      skipped,
      unknown: 0,
      percentComplete,
    });
    expect(summarize(checklist)).toEqual({
      phases: [
        { number: 1, title: 'A', counts: counts(1, 1, 0, 0, 100), markers: [{ marker: 'x', count: 1 }] },
        { number: 2, title: 'B', counts: counts(0, 0, 0, 0, 0), markers: [] },
        {
          number: 3,
          title: 'C',
          counts: counts(2, 0, 1, 1, 0),
          markers: [
            { marker: '-', count: 1 },
            { marker: ' ', count: 1 },
          ],
        },
        { number: 4, title: 'D', counts: counts(1, 0, 1, 0, 0), markers: [{ marker: ' ', count: 1 }] },
      ],
      totals: counts(4, 1, 2, 1, 33),
      currentPhase: { index: 2, number: 3, title: 'C' },
      taskCount: 4,
      legend: [],
    });
  });

  it('has no current phase without phases', () => {
    expect(summarize(parseChecklist('just text\n')).currentPhase).toBeNull();
  });

  it('stays small enough for a DynamoDB attribute even for a large checklist', () => {
    const big = Array.from(
      { length: 20 },
      (_, i) => `## Phase ${i + 1}: ${'Long title '.repeat(5)}\n${'- [ ] t\n'.repeat(100)}`,
    ).join('');
    expect(JSON.stringify(summarize(parseChecklist(big))).length).toBeLessThan(10_000);
  });
});

describe('defaultTemplate', () => {
  it('has five phases from first contact to follow-up, with nested subtasks, all pending', () => {
    const source = defaultTemplate('Project Alpha');
    const checklist = parseChecklist(source);
    expect(source.startsWith('# Project Alpha')).toBe(true);
    expect(checklist.phases.map((p) => [p.number, p.title])).toEqual([
      [1, 'Initial Contact & Qualification'],
      [2, 'Planning & Agreement'],
      [3, 'Preparation & Promotion'],
      [4, 'Event Execution'],
      [5, 'Post-Event Follow-up'],
    ]);
    expect(checklist.phases.every((p) => p.tasks.length >= 4)).toBe(true);
    expect(allTasks(checklist).some((t) => t.depth === 1)).toBe(true);
    expect(checklist.totals).toMatchObject({ done: 0, skipped: 0, percentComplete: 0 });
    expect(summarize(checklist).currentPhase).toMatchObject({ number: 1 });
  });

  it('has the kickoff call task in phase 1 for the booking feature to tick', () => {
    const source = defaultTemplate('Project Alpha');
    const kickoff = parseChecklist(source).phases[0]!.tasks.find((t) => t.text === kickoffTaskText);
    expect(kickoff).toBeDefined();
    const booked = parseChecklist(setTaskStatus(source, kickoff!.id, 'done'));
    expect(booked.phases[0]!.counts.done).toBe(1);
  });

  it('keeps the same structure whatever the project name', () => {
    const expected = shape(parseChecklist(defaultTemplate('x')));
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (name) => {
        const source = defaultTemplate(name);
        expect(source.split('\n')[0]).not.toMatch(/[\r\n]/);
        expect(shape(parseChecklist(source)).map((p) => p.tasks)).toEqual(expected.map((p) => p.tasks));
        expect(validateChecklistFile(utf8.encode(source))).toBe(source);
      }),
    );
  });
});

describe('validateChecklistFile', () => {
  const valid = utf8.encode('## Phase 1: Go\n- [ ] a\n');

  const rejection = (bytes: Uint8Array, maxBytes?: number) => {
    try {
      validateChecklistFile(bytes, maxBytes);
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidChecklistError);
      return error as InvalidChecklistError;
    }
    throw new Error('expected a rejection');
  };

  it('returns the text of a valid file, BOM included', () => {
    expect(validateChecklistFile(valid)).toBe('## Phase 1: Go\n- [ ] a\n');
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...valid]);
    expect(validateChecklistFile(withBom)).toBe('\uFEFF## Phase 1: Go\n- [ ] a\n');
  });

  it('rejects bytes that are not UTF-8', () => {
    const cases = [
      [0xff],
      [0xc0, 0x80], // overlong NUL
      [0xed, 0xa0, 0x80], // encoded lone surrogate
      [0xe2, 0x82], // truncated sequence
      [0xe9], // Latin-1 "é"
    ];
    for (const bad of cases) {
      const error = rejection(new Uint8Array([...valid, ...bad]));
      expect(error.reason).toBe('not-utf8');
      expect(error.message).toMatch(/UTF-8/);
      expect(error.status).toBe(400);
    }
  });

  it('rejects a file over the size limit, by default 256 KiB', () => {
    expect(rejection(valid, valid.length - 1).reason).toBe('too-large');
    expect(validateChecklistFile(valid, valid.length)).toBeTypeOf('string');
    const big = new Uint8Array(256 * 1024 + 1).fill(0x61);
    expect(rejection(big).message).toMatch(/262145 bytes; the limit is 262144 bytes \(256 KiB\)/);
  });

  it('accepts any heading structure, or none', () => {
    for (const text of ['- [ ] a task\n', '# Phase 1\n### Phase 2\n', '```\n## Phase 1\n```\n', 'Notes\n']) {
      expect(validateChecklistFile(utf8.encode(text))).toBe(text);
    }
  });

  it('rejects an empty file', () => {
    expect(rejection(new Uint8Array()).reason).toBe('empty');
  });

  it('names the line and byte offset of the first bytes that are not UTF-8', () => {
    const bytes = new Uint8Array([...utf8.encode('# Café\n- [ ] ok\n- [ ] caf'), 0xe9, 0x0a]);
    const error = rejection(bytes);
    expect(error).toMatchObject({ reason: 'not-utf8', extensions: { line: 3, byteOffset: 26 } });
    expect(error.message).toMatch(/line 3, byte 26/);
  });

  it('does not take a U+FFFD written in the file for invalid bytes', () => {
    const bytes = new Uint8Array([...utf8.encode('- [ ] \uFFFD\n'), 0xff]);
    expect(rejection(bytes).extensions).toMatchObject({ line: 2, byteOffset: 10 });
  });

  it('rejects NUL bytes, naming where the first one is', () => {
    const error = rejection(utf8.encode('## Tasks\r\n- [ ] a\u0000b\r\n'));
    expect(error).toMatchObject({ reason: 'nul-byte', extensions: { line: 2, byteOffset: 17 } });
    expect(error.message).toMatch(/NUL byte \(line 2, byte 17\)/);
  });
});

/** One generated line, with what the parser should make of it. */
interface GeneratedLine {
  readonly text: string;
  readonly task?: { readonly depth: number; readonly marker: TaskMarker; readonly text: string };
  readonly phase?: true;
}

const word = fc.constantFrom(
  'Send',
  'deck',
  'X Space',
  'kickoff',
  'café',
  '🚀',
  '**bold**',
  '`code`',
  '#3',
  '<!--',
);
const phrase = fc.array(word, { minLength: 0, maxLength: 5 }).map((words) => words.join(' '));
const marker = fc.constantFrom<TaskMarker>('x', 'X', ' ', '-', '~', '/', '>', '?', '√', '✅', '👍🏽');

const taskGroup: fc.Arbitrary<GeneratedLine[]> = fc
  .record({
    unit: fc.constantFrom('  ', '    ', '\t'),
    items: fc.array(
      fc.record({
        deeper: fc.boolean(),
        shallower: fc.nat(3),
        bullet: fc.constantFrom('*', '-', '+', '1.', '2)'),
        gap: fc.constantFrom(' ', '  ', '\t'),
        marker,
        text: phrase,
      }),
      { minLength: 1, maxLength: 8 },
    ),
  })
  .map(({ unit, items }) => {
    let depth = -1;
    return items.map((item, i) => {
      depth = i === 0 ? 0 : item.deeper ? depth + 1 : Math.max(0, depth - item.shallower);
      const rest = item.text === '' ? '' : ` ${item.text}`;
      return {
        text: `${unit.repeat(depth)}${item.bullet}${item.gap}[${item.marker}]${rest}`,
        task: { depth, marker: item.marker, text: item.text.trim() },
      };
    });
  });

const freeText: fc.Arbitrary<GeneratedLine[]> = fc
  .array(
    fc.oneof(
      phrase.map((p) => `Notes ${p}`),
      fc.constantFrom(
        '',
        '   ',
        '> quoted text',
        '| a | - [ ] b |',
        '### Phase 9: level three',
        '## Notes',
        '- plain item',
        '  1. plain ordered',
        '[x] no bullet',
        '- [x]glued',
        '<br>',
        '<!-- - [ ] one-line comment -->',
      ),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((lines) => lines.map((text) => ({ text })));

const hiddenLines = fc.array(
  fc.constantFrom('- [ ] hidden', '* [x] hidden', '## Phase 99: hidden', 'code();', '', '  + [~] hidden'),
  { maxLength: 4 },
);

const codeFence: fc.Arbitrary<GeneratedLine[]> = fc
  .record({
    indent: fc.constantFrom('', '  ', '    '),
    char: fc.constantFrom('`', '~'),
    length: fc.integer({ min: 3, max: 5 }),
    info: fc.constantFrom('', 'md', 'bash'),
    body: hiddenLines,
  })
  .map(({ indent, char, length, info, body }) =>
    [`${indent}${char.repeat(length)}${info}`, ...body, `${indent}${char.repeat(length)}`].map((text) => ({
      text,
    })),
  );

const htmlComment: fc.Arbitrary<GeneratedLine[]> = hiddenLines.map((body) =>
  ['<!--', ...body, '-->'].map((text) => ({ text })),
);

const block = fc.oneof(taskGroup, freeText, codeFence, htmlComment);

const phaseHeading = fc
  .record({ n: fc.nat(20), title: phrase, style: fc.nat(4) })
  .map(({ n, title, style }) => {
    const t = title.replace(/#/g, '').trim();
    return [
      `## Phase ${n}: ${t}`,
      `##Phase ${n} - ${t}`,
      `## phase ${n}`,
      `## **Phase ${n}:** ${t}`,
      `## Phase ${n}`,
    ][style]!;
  });

const generatedDocument = fc
  .record({
    bom: fc.boolean(),
    preamble: fc.array(block, { maxLength: 3 }),
    phases: fc.array(fc.record({ heading: phaseHeading, blocks: fc.array(block, { maxLength: 5 }) }), {
      maxLength: 6,
    }),
    endings: fc.array(fc.constantFrom('\n', '\r\n'), { minLength: 1, maxLength: 8 }),
    finalNewline: fc.boolean(),
  })
  .map(({ bom, preamble, phases, endings, finalNewline }) => {
    // Blocks are separated by a blank line, as people write them (and as HTML blocks need).
    const separated = (blocks: GeneratedLine[][]) => blocks.flatMap((b) => [...b, { text: '' }]);
    const lines: GeneratedLine[] = [
      ...separated(preamble),
      ...phases.flatMap((p) => [{ text: p.heading, phase: true as const }, ...separated(p.blocks)]),
    ];
    if (lines.length === 0) lines.push({ text: '' });
    const source = lines
      .map((line, i) => {
        const eol = i < lines.length - 1 || finalNewline ? endings[i % endings.length]! : '';
        return `${i === 0 && bom ? '\uFEFF' : ''}${line.text}${eol}`;
      })
      .join('');
    return { source, lines };
  });

describe('properties', () => {
  it('generated checklists round-trip and yield exactly the generated tasks and phases', () => {
    fc.assert(
      fc.property(generatedDocument, ({ source, lines }) => {
        const checklist = parseChecklist(source);
        expect(rebuild(checklist)).toBe(source);
        const expected = lines.flatMap((line, i) => (line.task ? [{ line: i + 1, ...line.task }] : []));
        expect(
          allTasks(checklist).map(({ line, depth, marker, text }) => ({ line, depth, marker, text })),
        ).toEqual(expected);
        const firstHeading = lines.findIndex((l) => l.phase);
        const headings = lines.filter((l) => l.phase).length;
        const above = firstHeading === -1 ? lines : lines.slice(0, firstHeading);
        const implicit = above.some((l) => l.task) ? 1 : 0;
        // Without phase headings the other headings decide; that is tested on its own below.
        if (headings > 0) {
          expect(checklist.phases).toHaveLength(headings + implicit);
          if (implicit) expect(checklist.phases[0]).toMatchObject({ number: null, title: '' });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a status edit on a generated checklist changes exactly one line and keeps every task id', () => {
    fc.assert(
      fc.property(generatedDocument, fc.nat(), fc.constantFrom(...statuses), ({ source }, pick, status) => {
        const tasks = allTasks(parseChecklist(source));
        fc.pre(tasks.length > 0);
        const task = tasks[pick % tasks.length]!;
        const edited = setTaskStatus(source, task.id, status);
        const changed = differingIndexes(linesOf(source), linesOf(edited));
        expect(changed).toEqual(status === task.status ? [] : [task.line - 1]);
        expect(allTasks(parseChecklist(edited)).map((t) => t.id)).toEqual(tasks.map((t) => t.id));
      }),
      { numRuns: 300 },
    );
  });

  const soup = fc
    .array(
      fc.constantFrom(
        '- [ ] ',
        '* [x] ',
        '1. [~] ',
        '[-]',
        '## Phase 1',
        '##Phase',
        '```',
        '~~~',
        '<!--',
        '-->',
        '<div>',
        '\n',
        '\r\n',
        '\r',
        '\t',
        '  ',
        'x',
        '#',
        '>',
        '\uFEFF',
        '🧑‍🤝‍🧑',
      ),
      { maxLength: 40 },
    )
    .map((parts) => parts.join(''));

  it.each([
    ['grapheme strings', fc.string({ unit: 'grapheme', maxLength: 200 })],
    ['binary strings (lone surrogates included)', fc.string({ unit: 'binary', maxLength: 200 })],
    ['markdown-token soup', soup],
  ] as const)('%s never make the parser throw and always round-trip', (_, strings) => {
    fc.assert(
      fc.property(strings, (source) => {
        const checklist = parseChecklist(source);
        expect(rebuild(checklist)).toBe(source);
        summarize(checklist);
        for (const task of allTasks(checklist)) {
          const edited = setTaskStatus(source, task.id, task.status === 'done' ? 'pending' : 'done');
          expect(differingIndexes(linesOf(source), linesOf(edited))).toEqual([task.line - 1]);
          expect(allTasks(parseChecklist(edited)).map((t) => t.id)).toEqual(
            allTasks(checklist).map((t) => t.id),
          );
        }
      }),
      { numRuns: 500 },
    );
  });
});
