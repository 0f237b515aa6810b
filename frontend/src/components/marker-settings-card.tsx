import { useEffect, useId, useState } from 'react';
import {
  type EngagementView,
  engagementRoutes,
  type MarkerSettingsView,
  updateMarkerSettingsInput,
} from '../../../shared/engagements/contracts';
import { ApiError, call, errorMessage } from '../lib/api';
import { markerText, statusLabels, type TaskStatus } from '../lib/checklist';
import { useToast } from '../lib/toast';

interface MarkerSettingsCardProps {
  readonly orgId: string;
  /** The checklist shown: its unexplained markers are offered, its legend shown as a hint. */
  readonly engagement: EngagementView;
  /** Called after saving, so the checklist is counted with the new meanings. */
  readonly onSaved: () => void;
}

interface Row {
  /** Stable while the row is edited (its marker may be empty or repeated meanwhile). */
  readonly key: number;
  readonly marker: string;
  readonly status: TaskStatus;
}

let nextKey = 0;
const toRows = (markers: readonly { marker: string; status: TaskStatus }[]): Row[] =>
  markers.map((m) => ({ ...m, key: nextKey++ }));

const statuses: readonly TaskStatus[] = ['done', 'inProgress', 'pending', 'skipped'];

/**
 * What this organization's task markers mean (`[~]` in progress, `[>]` skipped…), for every engagement
 * and summary of the organization. Offers the markers of the checklist that nothing explains yet.
 */
export const MarkerSettingsCard = ({ orgId, engagement, onSaved }: MarkerSettingsCardProps) => {
  const notify = useToast();
  const headingId = useId();
  const [settings, setSettings] = useState<MarkerSettingsView | null>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    call(engagementRoutes.markerSettings, { params: { orgId }, signal: controller.signal })
      .then((view) => {
        setSettings(view);
        setRows(toRows(view.markers));
      })
      .catch((caught) => {
        if (!controller.signal.aborted) setProblem(errorMessage(caught));
      });
    return () => controller.abort();
  }, [orgId]);

  const unexplained = [
    ...new Set(
      engagement.checklist.flatMap((phase) =>
        phase.tasks.filter((t) => t.status === 'unknown').map((t) => t.marker),
      ),
    ),
  ].filter((marker) => !rows.some((row) => row.marker === marker));
  const legend = new Map(engagement.legend.map((entry) => [entry.marker, entry.label]));

  const save = async () => {
    if (!settings) return;
    const parsed = updateMarkerSettingsInput.safeParse({
      version: settings.version,
      markers: rows.map(({ marker, status }) => ({ marker, status })),
    });
    if (!parsed.success) {
      setProblem('Give each marker one character, and each only once.');
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      const saved = await call(engagementRoutes.updateMarkerSettings, {
        params: { orgId },
        body: parsed.data,
      });
      setSettings(saved);
      setRows(toRows(saved.markers));
      notify('The marker meanings are saved.');
      onSaved();
    } catch (caught) {
      setProblem(
        caught instanceof ApiError && caught.status === 409
          ? 'Someone else changed the marker meanings meanwhile. Reload the page and try again.'
          : errorMessage(caught),
      );
    } finally {
      setBusy(false);
    }
  };

  const update = (index: number, change: Partial<Row>) =>
    setRows((current) => current.map((row, i) => (i === index ? { ...row, ...change } : row)));

  return (
    <section className="marker-settings" aria-labelledby={headingId}>
      <h3 id={headingId}>Task markers</h3>
      <p className="note small">
        What markers such as <code>[~]</code> or <code>[&gt;]</code> mean in this organization’s checklists.
        The file keeps each marker as written; progress counts by these meanings.
      </p>
      {settings === null && problem === null ? <p className="muted small">Loading…</p> : null}
      {rows.length > 0 ? (
        <ul className="marker-settings__rows">
          {rows.map((row, index) => (
            <li key={row.key} className="marker-settings__row">
              <label>
                <span className="visually-hidden">Marker {index + 1}</span>
                <input
                  className="marker-settings__marker"
                  value={row.marker}
                  maxLength={8}
                  onChange={(event) => update(index, { marker: event.target.value })}
                />
              </label>
              <label>
                <span className="visually-hidden">Meaning of {markerText(row.marker)}</span>
                <select
                  value={row.status}
                  onChange={(event) => update(index, { status: event.target.value as TaskStatus })}
                >
                  {statuses.map((status) => (
                    <option key={status} value={status}>
                      {statusLabels[status]}
                    </option>
                  ))}
                </select>
              </label>
              <button
                type="button"
                className="button button--ghost button--small"
                onClick={() => setRows((current) => current.filter((_, i) => i !== index))}
              >
                Remove<span className="visually-hidden"> {markerText(row.marker)}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {unexplained.length > 0 ? (
        <p className="small">
          Not explained yet:{' '}
          {unexplained.map((marker) => (
            <button
              key={marker}
              type="button"
              className="button button--ghost button--small"
              onClick={() => setRows((current) => [...current, ...toRows([{ marker, status: 'pending' }])])}
            >
              Add {markerText(marker)}
              {legend.has(marker) ? ` (${legend.get(marker)})` : ''}
            </button>
          ))}
        </p>
      ) : null}
      {problem ? (
        <p className="field__error" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="marker-settings__actions">
        <button
          type="button"
          className="button button--ghost button--small"
          onClick={() => setRows((current) => [...current, ...toRows([{ marker: '', status: 'done' }])])}
        >
          Add marker
        </button>
        <button
          type="button"
          className="button button--secondary button--small"
          disabled={settings === null}
          aria-disabled={busy || undefined}
          onClick={() => void (busy ? undefined : save())}
        >
          {busy ? 'Saving…' : 'Save marker meanings'}
        </button>
      </div>
    </section>
  );
};
