import { useEffect, useId, useMemo, useState } from 'react';
import type { EngagementView } from '../../../shared/engagements/contracts';
import {
  countsText,
  nestTasks,
  phaseLabel,
  statusLabels,
  type Task,
  type TaskNode,
  type TaskStatus,
} from '../lib/checklist';

interface EngagementChecklistProps {
  readonly engagement: EngagementView;
  /** Whether this user may tick tasks. */
  readonly canEdit: boolean;
  /** Why the boxes are read-only, shown above them when `canEdit` is false. */
  readonly readOnlyReason?: string;
  readonly onSetStatus: (task: Task, status: TaskStatus) => Promise<boolean>;
}

/**
 * The checklist: phases that open and close (the current one open), tasks nested as in the file, each with
 * a checkbox for done and a "Skip" toggle for not applicable. One change at a time, each saved at once;
 * what shows is always the API's answer.
 */
export const EngagementChecklist = ({
  engagement,
  canEdit,
  readOnlyReason,
  onSetStatus,
}: EngagementChecklistProps) => {
  const currentIndex = engagement.currentPhase?.index ?? null;
  const [expanded, setExpanded] = useState<ReadonlySet<number>>(
    () => new Set(currentIndex === null ? [] : [currentIndex]),
  );
  const [saving, setSaving] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const noteId = useId();
  const baseId = useId();

  // When the work moves on to the next phase, open that one too.
  useEffect(() => {
    if (currentIndex !== null)
      setExpanded((open) => (open.has(currentIndex) ? open : new Set([...open, currentIndex])));
  }, [currentIndex]);

  const trees = useMemo(
    () => engagement.checklist.map((phase) => nestTasks(phase.tasks)),
    [engagement.checklist],
  );

  const toggle = (index: number) =>
    setExpanded((open) => {
      const next = new Set(open);
      if (!next.delete(index)) next.add(index);
      return next;
    });

  const change = async (task: Task, status: TaskStatus) => {
    if (!canEdit || saving !== null) return;
    setSaving(task.id);
    setAnnouncement('');
    const saved = await onSetStatus(task, status);
    setSaving(null);
    if (saved) setAnnouncement(`“${task.text}” is ${statusLabels[status]}.`);
  };

  if (engagement.checklist.length === 0) return <p className="muted">This checklist has no phases yet.</p>;

  const rows = (nodes: readonly TaskNode[]) => (
    <ul className="tasks">
      {nodes.map(({ task, children }) => (
        <li key={task.id} className="tasks__item">
          <TaskRow
            task={task}
            inputId={`${baseId}-${task.id}`}
            canEdit={canEdit}
            busy={saving !== null}
            saving={saving === task.id}
            describedBy={canEdit ? undefined : noteId}
            onChange={(status) => void change(task, status)}
          />
          {children.length > 0 ? rows(children) : null}
        </li>
      ))}
    </ul>
  );

  return (
    <div className="checklist" aria-busy={saving !== null}>
      {canEdit ? (
        <p className="note">
          Tick a task when it is done; use “Skip” for a task that does not apply. Each change is saved at
          once.
        </p>
      ) : (
        <p className="note checklist__read-only" id={noteId}>
          {readOnlyReason ?? 'This checklist is read-only.'}
        </p>
      )}
      <ol className="phases">
        {engagement.checklist.map((phase, index) => {
          const open = expanded.has(index);
          const panelId = `${baseId}-phase-${index}`;
          const isCurrent = index === currentIndex;
          return (
            <li key={`${phase.line}-${phase.title}`} className={`phase${isCurrent ? ' phase--current' : ''}`}>
              <h3 className="phase__heading">
                <button
                  type="button"
                  className="phase__toggle"
                  aria-expanded={open}
                  aria-controls={panelId}
                  onClick={() => toggle(index)}
                >
                  <span className="phase__chevron" aria-hidden="true" />
                  <span className="phase__title">{phaseLabel(phase)}</span>
                  {isCurrent ? <span className="badge badge--info">Current</span> : null}
                  <span className="phase__count">
                    {countsText(phase.counts)}
                    {phase.counts.total > 0 ? ` (${phase.counts.percentComplete}%)` : ''}
                  </span>
                </button>
              </h3>
              <span className="phase__bar" aria-hidden="true">
                <span className="phase__fill" style={{ width: `${phase.counts.percentComplete}%` }} />
              </span>
              <div id={panelId} className="phase__panel" hidden={!open}>
                {phase.tasks.length === 0 ? (
                  <p className="muted small">No tasks in this phase.</p>
                ) : (
                  rows(trees[index] ?? [])
                )}
              </div>
            </li>
          );
        })}
      </ol>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </div>
  );
};

interface TaskRowProps {
  readonly task: Task;
  readonly inputId: string;
  readonly canEdit: boolean;
  /** A change is being saved (this task's or another's): further changes wait. */
  readonly busy: boolean;
  readonly saving: boolean;
  readonly describedBy: string | undefined;
  readonly onChange: (status: TaskStatus) => void;
}

/**
 * One task: a checkbox named by the task's text and a pressed / not pressed "Skip" button. While a change
 * is saved the controls stay focusable (aria-disabled, not disabled) so keyboard focus stays in place.
 */
const TaskRow = ({ task, inputId, canEdit, busy, saving, describedBy, onChange }: TaskRowProps) => {
  const skipped = task.status === 'skipped';
  return (
    <div className={`task task--${task.status}`}>
      <input
        id={inputId}
        type="checkbox"
        className="task__check"
        checked={task.status === 'done'}
        disabled={!canEdit}
        aria-disabled={busy || undefined}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.checked ? 'done' : 'pending')}
      />
      <div className="task__body">
        <label htmlFor={inputId} className="task__text">
          {task.text}
        </label>
        {saving ? (
          <span className="task__saving">Saving…</span>
        ) : skipped ? (
          <span className="badge badge--neutral">Not applicable</span>
        ) : task.status === 'done' && !canEdit ? (
          // A disabled checkbox is faint; read-only lists say "done" in words as well.
          <span className="badge badge--success">Done</span>
        ) : null}
      </div>
      {canEdit ? (
        <button
          type="button"
          className="task__skip"
          aria-pressed={skipped}
          aria-disabled={busy || undefined}
          onClick={() => onChange(skipped ? 'pending' : 'skipped')}
        >
          Skip<span className="visually-hidden"> {task.text}</span>
        </button>
      ) : null}
    </div>
  );
};
