import { useId } from 'react';
import type { DayHours, WorkingInterval } from '../../../shared/booking/availability-contracts';
import { endFromInput, endToInput, weekdays } from '../lib/booking';
import type { FieldErrors } from '../lib/form';
import { TextField } from './field';

/** What a day that opens starts with. */
const firstInterval: WorkingInterval = { start: '09:00', end: '17:00' };

/** Where a new interval goes: one hour after the last one ends, an hour long, within the day. */
const nextInterval = (hours: DayHours): WorkingInterval => {
  const last = hours.at(-1);
  if (!last) return firstInterval;
  const end = Number(last.end.slice(0, 2));
  const start = Math.min(end + 1, 22);
  const pad = (hour: number) => `${String(hour).padStart(2, '0')}:00`;
  return { start: pad(start), end: start + 1 >= 24 ? '24:00' : pad(start + 1) };
};

interface IntervalsEditorProps {
  /** Names the day for screen readers, e.g. "Monday" or "3 December". */
  readonly dayLabel: string;
  readonly hours: DayHours;
  readonly onChange: (hours: DayHours) => void;
  /** Field errors of the whole form, and the dotted path of this day's list inside it. */
  readonly errors: FieldErrors;
  readonly path: string;
}

/** The working intervals of one day: a start and end time each, added and removed one at a time. */
export const IntervalsEditor = ({ dayLabel, hours, onChange, errors, path }: IntervalsEditorProps) => {
  const set = (index: number, interval: WorkingInterval) =>
    onChange(hours.map((existing, at) => (at === index ? interval : existing)));
  const dayError = errors[path];
  return (
    <div className="intervals">
      {hours.map((interval, index) => {
        const at = `${path}.${index}`;
        const rowError = errors[at];
        const name = `${dayLabel}, interval ${index + 1}`;
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: intervals have no identity; the inputs are controlled
          <fieldset key={index} className="interval">
            <legend className="visually-hidden">{name}</legend>
            <TextField
              label="From"
              type="time"
              required
              value={interval.start}
              onChange={(event) => set(index, { ...interval, start: event.target.value })}
              error={errors[`${at}.start`]}
              className="interval__time"
            />
            <TextField
              label="To"
              type="time"
              required
              value={endToInput(interval.end)}
              onChange={(event) => set(index, { ...interval, end: endFromInput(event.target.value) })}
              error={errors[`${at}.end`]}
              className="interval__time"
            />
            <button
              type="button"
              className="button button--ghost button--small button--danger-text interval__remove"
              onClick={() => onChange(hours.filter((_, other) => other !== index))}
              aria-label={`Remove ${name}`}
            >
              Remove
            </button>
            {rowError ? (
              <p className="field__error interval__error">
                <span aria-hidden="true">⚠ </span>
                {rowError}
              </p>
            ) : null}
          </fieldset>
        );
      })}
      {dayError ? (
        <p className="field__error">
          <span aria-hidden="true">⚠ </span>
          {dayError}
        </p>
      ) : null}
      <button
        type="button"
        className="button button--secondary button--small intervals__add"
        onClick={() => onChange([...hours, nextInterval(hours)])}
        aria-label={`Add an interval on ${dayLabel}`}
      >
        Add interval
      </button>
    </div>
  );
};

interface WeeklyHoursEditorProps {
  /** Seven day lists, Sunday first (as stored). */
  readonly workingHours: readonly DayHours[];
  readonly onChange: (workingHours: DayHours[]) => void;
  readonly errors: FieldErrors;
  /** The dotted path of the weekly list in the form's errors. */
  readonly path: string;
}

/** Working hours per weekday, Monday first: closed, or one or more intervals. */
export const WeeklyHoursEditor = ({ workingHours, onChange, errors, path }: WeeklyHoursEditorProps) => {
  const hintId = useId();
  const setDay = (index: number, hours: DayHours) =>
    onChange(workingHours.map((existing, at) => (at === index ? hours : existing)));
  return (
    <div className="weekly-hours">
      <p className="field__hint" id={hintId}>
        Slots start at the beginning of each interval, one after another. To work until midnight, end at 00:00
        (12:00 AM).
      </p>
      {errors[path] ? <p className="field__error">{errors[path]}</p> : null}
      <ul className="weekly-hours__days">
        {weekdays.map(({ index, name }) => {
          const hours = workingHours[index] ?? [];
          const open = hours.length > 0;
          return (
            <li key={index} className="weekly-hours__day">
              <fieldset className="hours-day" aria-describedby={hintId}>
                <legend className="hours-day__name">{name}</legend>
                <OpenToggle
                  day={name}
                  open={open}
                  onChange={(next) => setDay(index, next ? [firstInterval] : [])}
                />
                {open ? (
                  <IntervalsEditor
                    dayLabel={name}
                    hours={hours}
                    onChange={(next) => setDay(index, next)}
                    errors={errors}
                    path={`${path}.${index}`}
                  />
                ) : (
                  <p className="muted hours-day__closed">Closed</p>
                )}
              </fieldset>
            </li>
          );
        })}
      </ul>
    </div>
  );
};

const OpenToggle = ({
  day,
  open,
  onChange,
}: {
  readonly day: string;
  readonly open: boolean;
  readonly onChange: (open: boolean) => void;
}) => {
  const id = useId();
  return (
    <div className="checkbox hours-day__toggle">
      <input id={id} type="checkbox" checked={open} onChange={(event) => onChange(event.target.checked)} />
      <label htmlFor={id}>
        Open<span className="visually-hidden"> on {day}</span>
      </label>
    </div>
  );
};
