import {
  type EngagementView,
  maxChecklistBytes,
  type taskStatus,
  type taskView,
} from '../../../shared/engagements/contracts';
import type * as z from '../../../shared/schema/zod';

export type Task = z.infer<typeof taskView>;
export type TaskStatus = z.infer<typeof taskStatus>;
export type Counts = EngagementView['totals'];

/** A task with the tasks nested under it in the file. */
export interface TaskNode {
  readonly task: Task;
  readonly children: TaskNode[];
}

/**
 * Nests a phase's tasks as the file does. A task's parent is the closest task above it with a smaller
 * depth; depth also counts plain list items, so a task may sit deeper than its parent plus one, and a
 * task without any shallower task above it is top-level.
 */
export const nestTasks = (tasks: readonly Task[]): TaskNode[] => {
  const roots: TaskNode[] = [];
  const open: TaskNode[] = [];
  for (const task of tasks) {
    while (open.length > 0 && open[open.length - 1]!.task.depth >= task.depth) open.pop();
    const node: TaskNode = { task, children: [] };
    const parent = open[open.length - 1];
    if (parent) parent.children.push(node);
    else roots.push(node);
    open.push(node);
  }
  return roots;
};

/** A phase's tasks in runs under the same section heading, in file order (a null section: none). */
export const groupBySection = (tasks: readonly Task[]): { section: string | null; tasks: Task[] }[] => {
  const groups: { section: string | null; tasks: Task[] }[] = [];
  for (const task of tasks) {
    const last = groups[groups.length - 1];
    if (last && last.section === task.section) last.tasks.push(task);
    else groups.push({ section: task.section, tasks: [task] });
  }
  return groups;
};

/** "Phase 2: Planning & Agreement"; the tasks above the first phase heading have no number or title. */
export const phaseLabel = (phase: { readonly number: number | null; readonly title: string }): string => {
  if (phase.number === null) return phase.title || 'General tasks';
  return phase.title ? `Phase ${phase.number}: ${phase.title}` : `Phase ${phase.number}`;
};

/**
 * "3 of 5 done, 1 in progress, 1 skipped": skipped tasks do not count towards the total, as in the API's
 * percentage.
 */
export const countsText = (counts: Counts): string => {
  if (counts.total === 0) return 'No tasks';
  const due = counts.total - counts.skipped;
  const parts = [`${counts.done} of ${due} ${due === 1 ? 'task' : 'tasks'} done`];
  if (counts.inProgress > 0) parts.push(`${counts.inProgress} in progress`);
  if (counts.skipped > 0) parts.push(`${counts.skipped} skipped`);
  if (counts.unknown > 0) parts.push(`${counts.unknown} with other markers`);
  return parts.join(', ');
};

export const statusLabels: Record<TaskStatus, string> = {
  done: 'done',
  inProgress: 'in progress',
  pending: 'pending',
  skipped: 'not applicable',
};

/** The marker as the file has it, for showing: `[~]`. */
export const markerText = (marker: string): string => `[${marker}]`;

export type DiffLineKind = 'file' | 'hunk' | 'added' | 'removed' | 'context' | 'note';

export interface DiffLine {
  readonly kind: DiffLineKind;
  /** The line without its leading `+`, `-` or space. */
  readonly text: string;
}

const hunkHeader = /^@@ -\d+(?:,(\d+))? \+\d+(?:,(\d+))? @@/;

/**
 * Reads a unified diff line by line, so added and removed lines can be marked as well as coloured. Hunks
 * are read by their line counts, so a removed line that reads `-- x` is not taken for a file header.
 */
export const parseUnifiedDiff = (diff: string): DiffLine[] => {
  const lines = diff.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  let oldLeft = 0;
  let newLeft = 0;
  return lines.map((line): DiffLine => {
    if (oldLeft > 0 || newLeft > 0) {
      if (line.startsWith('+')) {
        newLeft--;
        return { kind: 'added', text: line.slice(1) };
      }
      if (line.startsWith('-')) {
        oldLeft--;
        return { kind: 'removed', text: line.slice(1) };
      }
      if (line.startsWith('\\')) return { kind: 'note', text: line };
      oldLeft--;
      newLeft--;
      return { kind: 'context', text: line.slice(1) };
    }
    const hunk = hunkHeader.exec(line);
    if (hunk) {
      oldLeft = hunk[1] === undefined ? 1 : Number(hunk[1]);
      newLeft = hunk[2] === undefined ? 1 : Number(hunk[2]);
      return { kind: 'hunk', text: line };
    }
    if (line.startsWith('\\')) return { kind: 'note', text: line };
    return { kind: 'file', text: line };
  });
};

/** `todo_Spring.md` → `todo_Spring.v3.md`, so earlier versions do not overwrite the current file. */
export const versionFileName = (fileName: string, version: number): string => {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? `${fileName.slice(0, dot)}.v${version}${fileName.slice(dot)}` : `${fileName}.v${version}`;
};

/** The name the API gives a download, for when its answer does not say. */
export const fallbackFileName = (projectName: string): string =>
  `todo_${projectName.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '') || 'Project'}.md`;

/** A checklist file read in the browser, ready to send as `content` or to upload as the file itself. */
export interface ChecklistUpload {
  readonly name: string;
  readonly size: number;
  readonly content: string;
  readonly file: Blob;
}

/** "812 bytes", "14.2 KiB", "3.1 MB". */
export const formatBytes = (bytes: number): string => {
  if (bytes < 1024) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
};

/**
 * Reads a chosen markdown file as text, refusing what the API would refuse for its size anyway (by
 * default the most a checklist sent as text may be). Whether it is valid UTF-8 is the API's call.
 */
export const readChecklistFile = async (
  file: Blob & { readonly name: string },
  maxBytes = maxChecklistBytes,
): Promise<{ ok: true; upload: ChecklistUpload } | { ok: false; message: string }> => {
  if (file.size === 0) return { ok: false, message: `${file.name} is empty.` };
  if (file.size > maxBytes)
    return {
      ok: false,
      message: `${file.name} is ${formatBytes(file.size)}: larger than ${formatBytes(maxBytes)}, the most a checklist may be.`,
    };
  const content = await file.text();
  if (content.includes('\u0000'))
    return { ok: false, message: `${file.name} is not a text file. Choose a markdown (.md) file.` };
  return { ok: true, upload: { name: file.name, size: file.size, content, file } };
};
