import { createTwoFilesPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import {
  countsText,
  groupBySection,
  nestTasks,
  parseUnifiedDiff,
  phaseLabel,
  readChecklistFile,
  type Task,
  type TaskNode,
  versionFileName,
} from './checklist';

const task = (line: number, depth: number, text = `Task ${line}`): Task => ({
  id: `L${line}-abcdef`,
  line,
  depth,
  status: 'pending',
  text,
  marker: ' ',
  section: null,
});

const shape = (nodes: readonly TaskNode[]): unknown[] =>
  nodes.map((node) => (node.children.length ? [node.task.line, shape(node.children)] : node.task.line));

describe('nestTasks', () => {
  it('puts each task under the closest shallower task above it', () => {
    const tree = nestTasks([task(1, 0), task(2, 1), task(3, 2), task(4, 1), task(5, 0)]);

    expect(shape(tree)).toEqual([[1, [[2, [3]], 4]], 5]);
  });

  it('keeps a task that skips levels under its parent, and a deep first task at the top', () => {
    const tree = nestTasks([task(1, 2), task(2, 0), task(3, 3), task(4, 1)]);

    expect(shape(tree)).toEqual([1, [2, [3, 4]]]);
  });
});

describe('groupBySection', () => {
  it('keeps runs of tasks under the same heading together, in file order', () => {
    const inSection = (line: number, section: string | null) => ({ ...task(line, 0), section });
    const groups = groupBySection([
      inSection(1, null),
      inSection(2, 'Mobile'),
      inSection(3, 'Mobile'),
      inSection(4, null),
    ]);
    expect(groups.map((g) => [g.section, g.tasks.map((t) => t.line)])).toEqual([
      [null, [1]],
      ['Mobile', [2, 3]],
      [null, [4]],
    ]);
  });
});

describe('phaseLabel', () => {
  it('names numbered phases, titled phases and the tasks above the first heading', () => {
    expect(phaseLabel({ number: 2, title: 'Planning & Agreement' })).toBe('Phase 2: Planning & Agreement');
    expect(phaseLabel({ number: 3, title: '' })).toBe('Phase 3');
    expect(phaseLabel({ number: null, title: 'Wrap-up' })).toBe('Wrap-up');
    expect(phaseLabel({ number: null, title: '' })).toBe('General tasks');
  });
});

describe('countsText', () => {
  it('leaves skipped tasks out of the total and says how many there are', () => {
    const counts = {
      total: 0,
      done: 0,
      inProgress: 0,
      pending: 0,
      skipped: 0,
      unknown: 0,
      percentComplete: 0,
    };
    expect(countsText({ ...counts, total: 5, done: 2, pending: 2, skipped: 1, percentComplete: 50 })).toBe(
      '2 of 4 tasks done, 1 skipped',
    );
    expect(countsText({ ...counts, total: 1, pending: 1 })).toBe('0 of 1 task done');
    expect(countsText(counts)).toBe('No tasks');
  });

  it('says how many tasks are in progress and how many have markers nothing explains', () => {
    const counts = {
      total: 6,
      done: 1,
      inProgress: 2,
      pending: 1,
      skipped: 1,
      unknown: 1,
      percentComplete: 20,
    };
    expect(countsText(counts)).toBe('1 of 5 tasks done, 2 in progress, 1 skipped, 1 with other markers');
  });
});

describe('parseUnifiedDiff', () => {
  it('marks added and removed lines of the diff the API makes', () => {
    const diff = createTwoFilesPatch(
      'todo_A.md',
      'todo_A.md',
      '# A\n\n* [ ] Call\n* [ ] Plan\n',
      '# A\n\n* [x] Call\n* [ ] Plan\n',
      'version 1',
      'version 2',
    );

    const lines = parseUnifiedDiff(diff);

    expect(lines.filter((line) => line.kind === 'removed')).toEqual([
      { kind: 'removed', text: '* [ ] Call' },
    ]);
    expect(lines.filter((line) => line.kind === 'added')).toEqual([{ kind: 'added', text: '* [x] Call' }]);
    expect(lines.filter((line) => line.kind === 'file').map((line) => line.text)).toEqual([
      'Index: todo_A.md',
      '===================================================================',
      '--- todo_A.md\tversion 1',
      '+++ todo_A.md\tversion 2',
    ]);
    expect(lines.filter((line) => line.kind === 'context').map((line) => line.text)).toEqual([
      '# A',
      '',
      '* [ ] Plan',
    ]);
  });

  it('reads a removed line that looks like a file header as a removed line', () => {
    const diff = createTwoFilesPatch('a.md', 'a.md', 'one\n-- two\nthree\n', 'one\nthree\n');

    expect(parseUnifiedDiff(diff)).toContainEqual({ kind: 'removed', text: '-- two' });
  });

  it('keeps the note about a missing final newline apart from the lines', () => {
    const diff = createTwoFilesPatch('a.md', 'a.md', 'one\ntwo', 'one\nthree');

    expect(parseUnifiedDiff(diff).filter((line) => line.kind === 'note')).toHaveLength(2);
  });
});

describe('versionFileName', () => {
  it('adds the version before the extension', () => {
    expect(versionFileName('todo_Spring.md', 3)).toBe('todo_Spring.v3.md');
    expect(versionFileName('checklist', 2)).toBe('checklist.v2');
  });
});

describe('readChecklistFile', () => {
  it('reads a markdown file as text', async () => {
    const file = new File(['## Phase 1: Start\n\n* [ ] Call\n'], 'todo_Spring.md', { type: 'text/markdown' });

    const read = await readChecklistFile(file);

    expect(read).toEqual({
      ok: true,
      upload: { name: 'todo_Spring.md', size: 30, content: '## Phase 1: Start\n\n* [ ] Call\n', file },
    });
  });

  it('refuses empty, oversized and binary files with a reason', async () => {
    const empty = await readChecklistFile(new File([], 'empty.md'));
    const large = await readChecklistFile(new File(['x'.repeat(256 * 1024 + 1)], 'big.md'));
    const binary = await readChecklistFile(new File([new Uint8Array([0x89, 0x50, 0, 0])], 'logo.png'));

    expect(empty).toEqual({ ok: false, message: 'empty.md is empty.' });
    expect(large).toEqual({
      ok: false,
      message: 'big.md is 256.0 KiB: larger than 256.0 KiB, the most a checklist may be.',
    });
    expect(binary).toMatchObject({ ok: false, message: expect.stringContaining('not a text file') });
  });

  it('takes a larger limit for files uploaded as files', async () => {
    const file = new File(['x'.repeat(300 * 1024)], 'long.md');
    expect(await readChecklistFile(file, 5 * 1024 * 1024)).toMatchObject({ ok: true });
    expect(
      await readChecklistFile(new File(['x'.repeat(5 * 1024 * 1024 + 1)], 'huge.md'), 5 * 1024 * 1024),
    ).toEqual({
      ok: false,
      message: 'huge.md is 5.0 MB: larger than 5.0 MB, the most a checklist may be.',
    });
  });
});
