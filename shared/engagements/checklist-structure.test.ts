import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  allTasks,
  type Checklist,
  markerForStatus,
  parseChecklist,
  setTaskMarker,
  setTaskStatus,
  taskLine,
  validateChecklistFile,
} from './markdown';
import type { MarkerMap, TaskStatus } from './markers';

const corpusText = (name: string) =>
  validateChecklistFile(new Uint8Array(readFileSync(new URL(`./corpus/${name}`, import.meta.url))));

const outline = (checklist: Checklist) =>
  checklist.phases.map((phase) => ({
    title: phase.title,
    tasks: phase.tasks.map((t) => `${t.marker}|${t.status}|${t.section ?? ''}|${t.text}`),
  }));

const titles = (source: string) => parseChecklist(source).phases.map((p) => p.title);

describe('a checklist without phase headings', () => {
  it('is one phase, "Tasks", when it has no headings at all', () => {
    const checklist = parseChecklist(corpusText('no-headings-quick-list.md'));
    expect(checklist.phases).toHaveLength(1);
    expect(checklist.phases[0]).toMatchObject({ number: null, title: 'Tasks', line: 3, lines: [1, 16] });
    expect(allTasks(checklist).map((t) => [t.line, t.depth, t.marker, t.text])).toEqual([
      [3, 0, 'x', 'Get logins for the old site'],
      [4, 0, ' ', 'Export the blog posts'],
      [5, 1, ' ', 'Check the images came along'],
      [6, 1, 'x', 'Redirect map for old URLs'],
      [7, 0, ' ', 'Book the kickoff call'],
      [8, 0, 'X', 'Sign the SOW'],
      [9, 0, ' ', 'Draft the homepage copy'],
      [10, 0, ' ', 'Review with Dr. Patel'],
      [11, 1, '-', 'Spanish version (not this year)'],
      [16, 0, ' ', ''],
    ]);
  });

  it('takes setext headings as headings and skips front matter', () => {
    const checklist = parseChecklist(corpusText('setext-and-front-matter.md'));
    expect(outline(checklist)).toEqual([
      {
        title: 'Venue',
        tasks: [
          'x|done||Shortlist three venues',
          ' |pending||Sign the venue contract',
          ' |pending|Catering|Vegan menu',
          ' |pending|Catering|Allergy list from attendees',
        ],
      },
      {
        title: 'Marketing',
        tasks: [
          ' |pending||Early-bird email',
          ' |pending||Subject line A/B',
          ' |pending||Instagram countdown',
        ],
      },
      { title: 'Wrap-up', tasks: [' |pending||Feedback form'] },
    ]);
    expect(checklist.legend).toEqual([]);
  });

  it('reads mixed heading levels, a BOM and CRLF, skipping code fences and HTML comments', () => {
    const checklist = parseChecklist(corpusText('mixed-heading-levels.bom-crlf.md'));
    expect(outline(checklist)).toEqual([
      {
        title: 'Leads',
        tasks: [
          'x|done||Lead form on the site',
          '~|inProgress||Storm-damage landing page',
          ' |pending|Follow-up details|Text reply within 5 minutes',
        ],
      },
      {
        title: 'Jobs',
        tasks: [
          ' |pending||Crew calendar shared with the office',
          ' |pending||Review request after each job',
        ],
      },
    ]);
  });

  it('makes phases of the shallowest heading level that splits the tasks, and sections of deeper ones', () => {
    const source = '# Site\n\n## Design\n- [ ] a\n### Mobile\n- [ ] b\n## Build\n- [ ] c\n';
    const checklist = parseChecklist(source);
    expect(outline(checklist)).toEqual([
      { title: 'Design', tasks: [' |pending||a', ' |pending|Mobile|b'] },
      { title: 'Build', tasks: [' |pending||c'] },
    ]);
    expect(checklist.phases.map((p) => p.lines)).toEqual([
      [3, 6],
      [7, 8],
    ]);
  });

  it('uses level-1 headings when two of them hold tasks', () => {
    expect(titles('# Website\n## Pages\n- [ ] a\n# Appendix\n- [ ] b\n')).toEqual(['Website', 'Appendix']);
  });

  it('names the one phase after the only heading that holds tasks', () => {
    expect(titles('# Launch checklist\n\n- [ ] a\n- [x] b\n')).toEqual(['Launch checklist']);
    expect(titles('### **Before go-live** ###\n- [ ] a\n')).toEqual(['Before go-live']);
  });

  it('keeps a shallower heading with tasks right under it as a phase of its own', () => {
    expect(titles('# Brief\n- [ ] a\n## One\n- [ ] b\n## Two\n- [ ] c\n')).toEqual(['Brief', 'One', 'Two']);
  });

  it('puts tasks above the first heading into an unnamed first phase', () => {
    expect(titles('- [ ] early\n## One\n- [ ] b\n## Two\n- [ ] c\n')).toEqual(['', 'One', 'Two']);
  });

  it('leaves out headings without tasks, and has no phases without tasks', () => {
    expect(titles('## Contacts\n- Luis\n## One\n- [ ] a\n## Two\n- [ ] b\n')).toEqual(['One', 'Two']);
    expect(parseChecklist('# Notes\n\nNothing to do yet.\n').phases).toEqual([]);
  });

  it('does not take a paragraph above a thematic break inside a list, or a table, for a setext heading', () => {
    expect(titles('- [ ] a\n---\n- [ ] b\n')).toEqual(['Tasks']);
    expect(titles('| a | b |\n|---|---|\n- [ ] c\n')).toEqual(['Tasks']);
  });

  it('only counts front matter that is closed, at the very start of the file', () => {
    expect(allTasks(parseChecklist('---\n- [ ] inside\n---\n- [ ] after\n')).map((t) => t.text)).toEqual([
      'after',
    ]);
    expect(allTasks(parseChecklist('---\n- [ ] not front matter\n')).map((t) => t.text)).toEqual([
      'not front matter',
    ]);
  });
});

describe('files with "## Phase N" headings', () => {
  it('keep those as phases and make every other heading a section of the phase it is in', () => {
    const checklist = parseChecklist(corpusText('non-phase-headings.md'));
    expect(checklist.phases.map((p) => p.number)).toEqual([1, 2, 3, 4, 5]);
    const sections = allTasks(checklist).map((t) => t.section);
    expect(sections).toEqual([
      null,
      'Notes from the call',
      'Automations',
      'Automations',
      'Budget',
      null,
      null,
      null,
      'Appendix',
    ]);
  });
});

describe('tasks in blockquotes and numbered lists', () => {
  it('are tasks with their own nesting inside the quote', () => {
    const checklist = parseChecklist('## Tasks\n> - [ ] quoted\n>   - [x] nested\n> 1. [ ] numbered\n');
    expect(allTasks(checklist).map((t) => [t.text, t.depth, t.status])).toEqual([
      ['quoted', 0, 'pending'],
      ['nested', 1, 'done'],
      ['numbered', 0, 'pending'],
    ]);
  });

  it('end a code fence opened inside the quote with the quote', () => {
    const texts = allTasks(parseChecklist('> ```\n> - [ ] code\n- [ ] after the quote\n')).map((t) => t.text);
    expect(texts).toEqual(['after the quote']);
  });

  it('edit the marker inside the quote only', () => {
    const source = '> > - [ ] deep\n';
    const [task] = allTasks(parseChecklist(source));
    expect(setTaskStatus(source, task!.id, 'done')).toBe('> > - [x] deep\n');
  });
});

describe('markers as people write them', () => {
  it('take any one grapheme as a marker, emoji with modifiers included', () => {
    const source = '- [✅] a\n- [👍🏽] b\n- [√] c\n- [xx] no\n- [  ] no\n- [] no\n- [ ] d\n';
    expect(allTasks(parseChecklist(source)).map((t) => [t.marker, t.status])).toEqual([
      ['✅', 'done'],
      ['👍🏽', 'unknown'],
      ['√', 'done'],
      [' ', 'pending'],
    ]);
  });

  it('rewrite a marker of several code units and back without touching anything else', () => {
    const source = '- [👍🏽] thumbs\r\n- [ ] other';
    const [task] = allTasks(parseChecklist(source));
    const pending = setTaskMarker(source, task!.id, ' ');
    expect(pending).toBe('- [ ] thumbs\r\n- [ ] other');
    expect(setTaskMarker(pending, task!.id, '👍🏽')).toBe(source);
  });

  it('read the legend section: its items explain markers and are not tasks', () => {
    const checklist = parseChecklist(corpusText('obsidian-markers-legend.md'));
    expect(checklist.legend.map((e) => [e.marker, e.label, e.status])).toEqual([
      [' ', 'to do', 'pending'],
      ['/', 'started', 'inProgress'],
      ['~', 'in progress', 'inProgress'],
      ['>', 'deferred to next quarter', null],
      ['?', 'waiting on the client', null],
      ['√', 'done', 'done'],
    ]);
    expect(checklist.phases.map((p) => p.title)).toEqual(['Production', 'Launch']);
    expect(allTasks(checklist).map((t) => [t.marker, t.status])).toEqual([
      ['√', 'done'],
      ['~', 'inProgress'],
      ['/', 'inProgress'],
      ['>', 'unknown'],
      ['?', 'unknown'],
      ['✓', 'done'],
      ['✗', 'skipped'],
      [' ', 'pending'],
      ['+', 'unknown'],
      ['!', 'unknown'],
    ]);
    expect(checklist.totals).toMatchObject({ total: 10, done: 2, inProgress: 2, skipped: 1, unknown: 4 });
  });

  it('read legend lines written in the text', () => {
    const legend = (source: string) => parseChecklist(source).legend.map((e) => [e.marker, e.status]);
    expect(legend('[~] = in progress\n')).toEqual([['~', 'inProgress']]);
    expect(legend('Legend: [x] done, [/] started; [>] later\n')).toEqual([
      ['x', 'done'],
      ['/', 'inProgress'],
      ['>', null],
    ]);
    expect(legend('- [~] = in progress\n- `[-]` means not applicable\n')).toEqual([
      ['~', 'inProgress'],
      ['-', 'skipped'],
    ]);
    expect(legend('[1]: https://example.com\nTick `[x]` when a task is done.\n```\n[~] = x\n```\n')).toEqual(
      [],
    );
  });

  it('let the organization decide over the legend, and the legend over the defaults', () => {
    const source = 'Legend: [~] in progress\n- [~] a\n- [>] b\n- [-] c\n';
    const statuses = (organization?: MarkerMap) =>
      allTasks(parseChecklist(source, organization)).map((t) => t.status);
    expect(statuses()).toEqual(['inProgress', 'unknown', 'skipped']);
    const organization = new Map<string, TaskStatus>([
      ['~', 'skipped'],
      ['>', 'pending'],
    ]);
    expect(statuses(organization)).toEqual(['skipped', 'pending', 'skipped']);
  });

  it('keep a task marker as written when the status does not change', () => {
    const source = '- [√] a\n- [~] b\n';
    const [done, started] = allTasks(parseChecklist(source, new Map([['~', 'inProgress']])));
    expect(setTaskStatus(source, done!.id, 'done')).toBe(source);
    expect(setTaskStatus(source, started!.id, 'inProgress', new Map([['~', 'inProgress']]))).toBe(source);
  });

  it('write the marker the file uses for a status, else its legend’s, the organization’s or the usual one', () => {
    const marker = (source: string, status: TaskStatus, organization?: MarkerMap) =>
      markerForStatus(parseChecklist(source, organization), status, organization);
    expect(marker('- [√] a\n- [√] b\n- [x] c\n- [ ] d\n', 'done')).toBe('√');
    expect(marker('[✓] = done\n- [ ] d\n', 'done')).toBe('✓');
    expect(marker('- [ ] d\n', 'inProgress', new Map([['~', 'inProgress']]))).toBe('~');
    expect(marker('- [ ] d\n', 'skipped')).toBe('-');
    expect(marker('- [ ] d\n', 'inProgress')).toBe('/');
  });
});

describe('taskLine, which decides whether a tick on an old version still applies', () => {
  const base = '## Tasks\n- [ ] one\n- [ ] two\n';

  it('is the same when only another task changed in the newer version', () => {
    const [one, two] = allTasks(parseChecklist(base));
    const newer = setTaskStatus(base, one!.id, 'done');
    expect(taskLine(newer, two!.id)).toBe(taskLine(base, two!.id));
    expect(taskLine(base, two!.id)).toBe('- [ ] two');
  });

  it('differs when the task itself was ticked, and is missing when its text or line changed', () => {
    const [, two] = allTasks(parseChecklist(base));
    expect(taskLine(setTaskStatus(base, two!.id, 'done'), two!.id)).toBe('- [x] two');
    expect(taskLine(base.replace('two', 'two!'), two!.id)).toBeUndefined();
    expect(taskLine(`Intro\n${base}`, two!.id)).toBeUndefined();
    expect(taskLine(base, 'not an id')).toBeUndefined();
  });
});
