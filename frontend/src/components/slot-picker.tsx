import { useCallback, useEffect, useId, useState } from 'react';
import type { LabelledSlot } from '../../../shared/booking/availability-contracts';
import { bookingRoutes, type SlotsView } from '../../../shared/booking/contracts';
import { call } from '../lib/api';
import { bookingErrorMessage, formatCalendarDate, isBookingPaused } from '../lib/booking';
import { addDays, todayIn, zoneName } from '../lib/zoned-time';
import { LoadingRows, RetryAlert } from './list-states';

/** Days asked for at a time; "Later days" moves on by as many. */
const windowDays = 7;

export interface SlotsState {
  readonly status: 'loading' | 'ready' | 'error';
  readonly view: SlotsView | null;
  readonly error: string | null;
  /** The first date shown (organization's zone); null for today. */
  readonly from: string | null;
  readonly later: () => void;
  readonly earlier: () => void;
  readonly reload: () => void;
}

const pausedView = (previous: SlotsView | null): SlotsView => ({
  availability: 'paused',
  standIn: previous?.standIn ?? false,
  timeZone: previous?.timeZone ?? 'UTC',
  slotMinutes: previous?.slotMinutes ?? 30,
  changeNoticeHours: previous?.changeNoticeHours ?? 0,
  days: [],
});

/**
 * The free slots of an organization, a week at a time from today; when moving a booking, its own time
 * does not block the slots next to it.
 */
export const useSlots = (orgId: string, movingBookingId?: string): SlotsState => {
  const [from, setFrom] = useState<string | null>(null);
  const [view, setView] = useState<SlotsView | null>(null);
  const [status, setStatus] = useState<SlotsState['status']>('loading');
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` only asks for the same days again
  useEffect(() => {
    const controller = new AbortController();
    setStatus('loading');
    setError(null);
    call(bookingRoutes.slots, {
      params: { orgId },
      query: { from: from ?? undefined, days: windowDays, moving: movingBookingId },
      signal: controller.signal,
    })
      .then((answer) => {
        setView(answer);
        setStatus('ready');
      })
      .catch((caught: unknown) => {
        if (controller.signal.aborted) return;
        // Google just refused the grant: booking is paused, which the picker explains calmly.
        if (isBookingPaused(caught)) {
          setView((previous) => pausedView(previous));
          setStatus('ready');
          return;
        }
        setError(bookingErrorMessage(caught));
        setStatus('error');
      });
    return () => controller.abort();
  }, [orgId, movingBookingId, from, attempt]);

  const today = view ? todayIn(view.timeZone) : null;
  const later = useCallback(() => {
    if (!today) return;
    setFrom((current) => addDays(current ?? today, windowDays));
  }, [today]);
  const earlier = useCallback(() => {
    if (!today) return;
    setFrom((current) => {
      const previous = addDays(current ?? today, -windowDays);
      return previous <= today ? null : previous;
    });
  }, [today]);
  const reload = useCallback(() => setAttempt((value) => value + 1), []);

  return { status, view, error, from, later, earlier, reload };
};

const unavailableText: Record<Exclude<SlotsView['availability'], 'open'>, string> = {
  paused:
    'Booking is paused while the agency reconnects its calendar. Please try again later, or contact the agency.',
  'not-connected': 'Booking is not available yet. The agency has not connected its calendar.',
  'not-configured': 'Booking is not available yet.',
};

interface SlotPickerProps {
  readonly slots: SlotsState;
  readonly selected: LabelledSlot | null;
  readonly onSelect: (slot: LabelledSlot | null) => void;
  /** A slot not to offer, such as the meeting's current time when moving it. */
  readonly exclude?: string;
}

/**
 * The free times, a week at a time: a day list, then that day's times as radio buttons, labelled in the
 * organization's time zone (which it names). When booking is unavailable, it says why instead.
 */
export const SlotPicker = ({ slots, selected, onSelect, exclude }: SlotPickerProps) => {
  const { view } = slots;
  const [day, setDay] = useState<string | null>(null);
  const daysName = useId();
  const slotsName = useId();

  const days = (view?.days ?? [])
    .map((entry) => ({ ...entry, slots: entry.slots.filter((slot) => slot.start !== exclude) }))
    .filter((entry) => entry.slots.length > 0);
  const shownDay = days.find((entry) => entry.date === day) ?? days[0] ?? null;

  // A selection that is no longer offered (reloaded slots, another week) is dropped.
  useEffect(() => {
    if (selected && !days.some((entry) => entry.slots.some((slot) => slot.start === selected.start)))
      onSelect(null);
  });

  if (slots.status === 'error') return <RetryAlert title={slots.error ?? undefined} onRetry={slots.reload} />;
  if (!view) return <LoadingRows label="Looking for free times…" />;
  if (view.availability !== 'open')
    return (
      <div className="slot-picker__unavailable" role="status">
        <p className="widget-empty__title">
          {view.availability === 'paused' ? 'Booking is paused' : 'Booking is not available yet'}
        </p>
        <p className="muted">{unavailableText[view.availability]}</p>
      </div>
    );

  const firstDate = slots.from ?? todayIn(view.timeZone);
  const lastDate = addDays(firstDate, windowDays - 1);
  const range = `${formatCalendarDate(firstDate, { day: 'numeric', month: 'short' })} – ${formatCalendarDate(
    lastDate,
    { day: 'numeric', month: 'short' },
  )}`;

  return (
    <div className="slot-picker" aria-busy={slots.status === 'loading'}>
      <p className="slot-picker__zone">
        Times are in <strong>{zoneName(view.timeZone)}</strong>, your organization’s time zone
        {view.standIn ? (
          <>
            {' '}
            <span className="badge badge--info">Local calendar (demo)</span>
          </>
        ) : null}
      </p>
      <div className="slot-picker__paging">
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={slots.earlier}
          disabled={slots.from === null || slots.status === 'loading'}
        >
          <span aria-hidden="true">‹ </span>Earlier<span className="visually-hidden"> days</span>
        </button>
        <p className="slot-picker__range" aria-live="polite">
          {range}
        </p>
        <button
          type="button"
          className="button button--secondary button--small"
          onClick={slots.later}
          disabled={slots.status === 'loading'}
        >
          Later<span className="visually-hidden"> days</span>
          <span aria-hidden="true"> ›</span>
        </button>
      </div>
      {slots.status === 'loading' ? (
        <LoadingRows label="Looking for free times…" />
      ) : days.length === 0 || !shownDay ? (
        <p className="muted" role="status">
          No free times from {range}. Try later days.
        </p>
      ) : (
        <>
          <fieldset className="choices slot-picker__days">
            <legend className="field__label">Day</legend>
            {days.map((entry) => (
              <label key={entry.date} className="choice choice--day">
                <input
                  type="radio"
                  className="choice__input"
                  name={daysName}
                  value={entry.date}
                  checked={entry.date === shownDay.date}
                  onChange={() => {
                    setDay(entry.date);
                    onSelect(null);
                  }}
                />
                <span className="choice__label">
                  {formatCalendarDate(entry.date, { weekday: 'short', day: 'numeric', month: 'short' })}
                  <span className="choice__count">
                    {entry.slots.length} {entry.slots.length === 1 ? 'time' : 'times'}
                  </span>
                </span>
              </label>
            ))}
          </fieldset>
          <fieldset className="choices slot-picker__times">
            <legend className="field__label">Free times on {formatCalendarDate(shownDay.date)}</legend>
            {shownDay.slots.map((slot) => (
              <label key={slot.start} className="choice choice--time">
                <input
                  type="radio"
                  className="choice__input"
                  name={slotsName}
                  value={slot.start}
                  checked={selected?.start === slot.start}
                  onChange={() => onSelect(slot)}
                />
                <span className="choice__label">{slot.label}</span>
              </label>
            ))}
          </fieldset>
        </>
      )}
    </div>
  );
};
