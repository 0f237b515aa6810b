import { type CSSProperties, type KeyboardEvent, type PointerEvent, useMemo, useRef, useState } from 'react';
import type { AgendaItemView, AgendaView } from '../../../shared/conferences/contracts';
import {
  clockOf,
  dayOf,
  daysOf,
  hoursOf,
  lanesOf,
  moved,
  type Placement,
  resized,
  samePlacement,
  slotMinutes,
  spanOf,
  tracksOf,
} from './agenda-grid';
import './agenda-builder.css';

const trackLabel = (track: string) => track || 'No track';

/** "09:30–10:15, Main": what a placement reads like, on the event's clock. */
export const describePlacement = (placement: Placement) => {
  const end = dayOf(placement.end) === dayOf(placement.start) ? placement.end.slice(11) : '24:00';
  return `${placement.start.slice(11)}–${end}, ${trackLabel(placement.track)}`;
};

const dayLabel = (day: string) =>
  new Intl.DateTimeFormat(undefined, {
    timeZone: 'UTC',
    weekday: 'short',
    month: 'short',
    day: 'numeric',
  }).format(new Date(`${day}T12:00:00Z`));

interface Drag {
  readonly itemId: string;
  readonly mode: 'move' | 'resize';
  readonly x: number;
  readonly y: number;
  readonly origin: Placement;
}

interface AgendaBuilderProps {
  readonly agenda: AgendaView;
  /** Saves a new placement; resolves with what to announce (saved, or why not). */
  readonly onCommit: (item: AgendaItemView, placement: Placement) => Promise<string>;
}

/** Why each flagged session is flagged: the speaker or room it shares, and with which session. */
const overlapNotes = (agenda: AgendaView) => {
  const titles = new Map(agenda.items.map((item) => [item.id, item.title]));
  const speakers = new Map(agenda.speakers.map((speaker) => [speaker.id, speaker.name]));
  const notes = new Map<string, string[]>();
  for (const overlap of agenda.overlaps) {
    const what =
      overlap.kind === 'speaker'
        ? `${speakers.get(overlap.subject) ?? 'A speaker'} is also in`
        : `Room ${overlap.subject} is also used by`;
    const [a, b] = overlap.itemIds;
    notes.set(a, [...(notes.get(a) ?? []), `${what} “${titles.get(b) ?? ''}”`]);
    notes.set(b, [...(notes.get(b) ?? []), `${what} “${titles.get(a) ?? ''}”`]);
  }
  return notes;
};

/**
 * The organizer's grid: tracks as columns, 15-minute rows of one day on the event's clock. A session is
 * dragged to move it (time and track) or by its lower edge to change its length; with the keyboard,
 * arrows move it, Shift with up and down changes its length, Enter saves and Escape cancels. Every step
 * is announced in a live region. Pointer events only: no drag library in the bundle.
 */
export const AgendaBuilder = ({ agenda, onCommit }: AgendaBuilderProps) => {
  const { conference, items } = agenda;
  const days = daysOf(conference.startDate, conference.endDate);
  const [day, setDay] = useState(() => (items[0] ? dayOf(items[0].start) : days[0]!));
  const tracks = useMemo(() => tracksOf(items), [items]);
  const notes = useMemo(() => overlapNotes(agenda), [agenda]);
  const [draft, setDraft] = useState<{ readonly itemId: string; readonly placement: Placement } | null>(null);
  const [saving, setSaving] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const body = useRef<HTMLDivElement>(null);
  const drag = useRef<Drag | null>(null);

  const placementOf = (item: AgendaItemView): Placement =>
    draft?.itemId === item.id ? draft.placement : item;
  const dayItems = items.filter((item) => dayOf(item.start) === day);
  const { first, last } = hoursOf(day, dayItems.map(placementOf));
  const span = last - first;
  const lanes = lanesOf(dayItems.map((item) => ({ ...placementOf(item), id: item.id })));

  const commit = async (item: AgendaItemView, placement: Placement) => {
    if (samePlacement(item, placement)) {
      setDraft(null);
      return;
    }
    setDraft({ itemId: item.id, placement });
    setSaving(item.id);
    setAnnouncement(`Saving ${item.title}…`);
    const message = await onCommit(item, placement);
    setSaving(null);
    setDraft(null);
    setAnnouncement(message);
  };

  /** Where the pointer has dragged the session to, in whole slots and tracks. */
  const dragged = (event: PointerEvent, current: Drag): Placement => {
    const rect = body.current!.getBoundingClientRect();
    const slots = Math.round((event.clientY - current.y) / (rect.height / (span / slotMinutes)));
    if (current.mode === 'resize') return resized(current.origin, slots);
    const steps = Math.round((event.clientX - current.x) / (rect.width / tracks.length));
    return moved(current.origin, slots, steps, tracks);
  };

  const startDrag = (event: PointerEvent<HTMLElement>, item: AgendaItemView, mode: Drag['mode']) => {
    if (event.button !== 0 || saving) return;
    event.stopPropagation();
    event.preventDefault();
    // The pointer's moves and its release reach the session's button (they bubble from the edge too).
    event.currentTarget.setPointerCapture(event.pointerId);
    (event.currentTarget.closest('button') ?? event.currentTarget).focus();
    drag.current = { itemId: item.id, mode, x: event.clientX, y: event.clientY, origin: item };
  };

  const moveDrag = (event: PointerEvent) => {
    const current = drag.current;
    if (current) setDraft({ itemId: current.itemId, placement: dragged(event, current) });
  };

  const endDrag = (event: PointerEvent, item: AgendaItemView) => {
    const current = drag.current;
    if (current?.itemId !== item.id) return;
    drag.current = null;
    void commit(item, dragged(event, current));
  };

  const cancelDrag = () => {
    drag.current = null;
    setDraft(null);
  };

  const onKeyDown = (event: KeyboardEvent, item: AgendaItemView) => {
    if (saving) return;
    const current = placementOf(item);
    const step = (next: Placement) => {
      event.preventDefault();
      setDraft({ itemId: item.id, placement: next });
      setAnnouncement(`${item.title}: ${describePlacement(next)}. Enter saves, Escape cancels.`);
    };
    const up = event.key === 'ArrowUp' ? -1 : event.key === 'ArrowDown' ? 1 : 0;
    if (up && event.shiftKey) step(resized(current, up));
    else if (up) step(moved(current, up, 0, tracks));
    else if (event.key === 'ArrowLeft') step(moved(current, 0, -1, tracks));
    else if (event.key === 'ArrowRight') step(moved(current, 0, 1, tracks));
    else if (event.key === 'Enter' && draft?.itemId === item.id) {
      event.preventDefault();
      void commit(item, current);
    } else if (event.key === 'Escape' && draft?.itemId === item.id) {
      event.preventDefault();
      setDraft(null);
      setAnnouncement(`Not moved: ${item.title} stays at ${describePlacement(item)}.`);
    }
  };

  const hourMarks = [];
  for (let minute = Math.ceil(first / 60) * 60; minute < last; minute += 60) hourMarks.push(minute);

  return (
    <section className="agenda-builder" aria-label="Agenda builder">
      <fieldset className="agenda-builder__days">
        <legend className="visually-hidden">Day</legend>
        {days.map((candidate) => (
          <button
            key={candidate}
            type="button"
            className="button button--secondary"
            aria-pressed={candidate === day}
            onClick={() => setDay(candidate)}
          >
            {dayLabel(candidate)}
          </button>
        ))}
      </fieldset>
      <p id="agenda-builder-help" className="agenda-builder__help">
        Drag a session to move it, or its lower edge to change its length. With the keyboard: arrow keys move
        the focused session by {slotMinutes} minutes or to the next track, Shift with the up and down arrows
        changes its length, Enter saves, Escape cancels.
      </p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <div
        className="agenda-builder__grid"
        style={{ '--tracks': tracks.length, '--rows': span / slotMinutes } as CSSProperties}
      >
        <div className="agenda-builder__corner" />
        {tracks.map((track) => (
          <div key={track} className="agenda-builder__track">
            {trackLabel(track)}
          </div>
        ))}
        <div className="agenda-builder__hours" aria-hidden="true">
          {hourMarks.map((minute) => (
            <span key={minute} style={{ top: `${((minute - first) / span) * 100}%` }}>
              {clockOf(minute)}
            </span>
          ))}
        </div>
        <div ref={body} className="agenda-builder__body">
          {dayItems.map((item) => {
            const placement = placementOf(item);
            const { top, length } = spanOf(placement, first);
            const column = Math.max(0, tracks.indexOf(placement.track));
            const flagged = notes.get(item.id);
            const { lane, lanes: laneCount } = lanes.get(item.id) ?? { lane: 0, lanes: 1 };
            return (
              <button
                key={item.id}
                type="button"
                className={`agenda-block${flagged ? ' agenda-block--overlap' : ''}${draft?.itemId === item.id ? ' agenda-block--moving' : ''}`}
                data-item-id={item.id}
                aria-describedby="agenda-builder-help"
                aria-busy={saving === item.id}
                style={{
                  top: `${(top / span) * 100}%`,
                  height: `${(length / span) * 100}%`,
                  left: `${((column + lane / laneCount) / tracks.length) * 100}%`,
                  width: `${100 / tracks.length / laneCount}%`,
                }}
                onPointerDown={(event) => startDrag(event, item, 'move')}
                onPointerMove={moveDrag}
                onPointerUp={(event) => endDrag(event, item)}
                onPointerCancel={cancelDrag}
                onKeyDown={(event) => onKeyDown(event, item)}
                onBlur={() => {
                  if (draft?.itemId === item.id && !saving && !drag.current) setDraft(null);
                }}
              >
                <span className="agenda-block__title">{item.title}</span>
                <span className="agenda-block__time">{describePlacement(placement)}</span>
                {item.room ? <span className="agenda-block__room">{item.room}</span> : null}
                {flagged ? (
                  <span className="agenda-block__overlap">Overlap: {flagged.join('; ')}</span>
                ) : null}
                <span
                  className="agenda-block__resize"
                  aria-hidden="true"
                  onPointerDown={(event) => startDrag(event, item, 'resize')}
                />
              </button>
            );
          })}
        </div>
      </div>
    </section>
  );
};
