import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { EngagementView } from '../../../shared/engagements/contracts';
import {
  countsText,
  groupBySection,
  markerText,
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
  /** `marker`: the task's own marker, when it goes back to the status it had. */
  readonly onSetStatus: (task: Task, status: TaskStatus, marker?: string) => Promise<boolean>;
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
  // Each task's marker as first shown, so a task ticked and unticked gets its own `[~]` or `[√]` back.
  const firstSeen = useRef(new Map<string, Pick<Task, 'marker' | 'status'>>());
  for (const phase of engagement.checklist)
    for (const task of phase.tasks) if (!firstSeen.current.has(task.id)) firstSeen.current.set(task.id, task);
  const legendLabels = useMemo(
    () => new Map(engagement.legend.map((entry) => [entry.marker, entry.label])),
    [engagement.legend],
  );

  // When the work moves on to the next phase, open that one too.
  useEffect(() => {
    if (currentIndex !== null)
      setExpanded((open) => (open.has(currentIndex) ? open : new Set([...open, currentIndex])));
  }, [currentIndex]);

  const groups = useMemo(
    () =>
      engagement.checklist.map((phase) =>
        groupBySection(phase.tasks).map(({ section, tasks }) => ({ section, tree: nestTasks(tasks) })),
      ),
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
    const original = firstSeen.current.get(task.id);
    const marker = original && original.status === status ? original.marker : undefined;
    const saved = await onSetStatus(task, status, marker);
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
            markerLabel={legendLabels.get(task.marker)}
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
                  (groups[index] ?? []).map(({ section, tree }) => (
                    <div key={tree[0]?.task.id} className="checklist__section">
                      {section ? <h4 className="checklist__section-title">{section}</h4> : null}
                      {rows(tree)}
                    </div>
                  ))
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
  /** What the file's legend says the task's marker means, if it says. */
  readonly markerLabel: string | undefined;
  readonly onChange: (status: TaskStatus) => void;
}

/**
 * One task: a checkbox named by the task's text and a pressed / not pressed "Skip" button. A task started
 * (`[/]`) says so; one whose marker nothing explains shows that marker as written (`[>]`), with the
 * legend's words when the file has them. While a change is saved the controls stay focusable
 * (aria-disabled, not disabled) so keyboard focus stays in place.
 */
const TaskRow = ({
  task,
  inputId,
  canEdit,
  busy,
  saving,
  describedBy,
  markerLabel,
  onChange,
}: TaskRowProps) => {
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
        ) : task.status === 'unknown' ? (
          <span className="badge badge--neutral task__marker" title={markerLabel ?? 'A marker of its own'}>
            <code>{markerText(task.marker)}</code>
            {markerLabel ? ` ${markerLabel}` : null}
          </span>
        ) : task.status === 'inProgress' ? (
          <span className="badge badge--info">In progress</span>
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
