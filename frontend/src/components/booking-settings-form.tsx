import { type FormEvent, useCallback, useEffect, useId, useMemo, useState } from 'react';
import type { DateOverride, DayHours } from '../../../shared/booking/availability-contracts';
import {
  type BookingSettingsView,
  bookingRoutes,
  type calendarView,
  saveBookingSettingsInput,
} from '../../../shared/booking/contracts';
import type * as z from '../../../shared/schema/zod';
import { call, errorMessage } from '../lib/api';
import { bookingErrorMessage, formatCalendarDate, wholeNumber } from '../lib/booking';
import { type FieldErrors, unplacedErrors, validate } from '../lib/form';
import { timeZoneOptions } from '../lib/time-zones';
import { useFormSubmit } from '../lib/use-form-submit';
import { addDays, todayIn, zoneName } from '../lib/zoned-time';
import { BusyButton } from './busy-button';
import { SelectField, TextField } from './field';
import { FormAlert } from './form-alert';
import { IntervalsEditor, WeeklyHoursEditor } from './hours-editor';
import { LoadingRows, RetryAlert } from './list-states';
import { VersionConflictAlert } from './version-conflict-alert';

type Calendar = z.infer<typeof calendarView>;

const numberFields = [
  'slotMinutes',
  'bufferBeforeMinutes',
  'bufferAfterMinutes',
  'minimumNoticeHours',
  'maxPerDay',
  'horizonDays',
] as const;
type NumberField = (typeof numberFields)[number];

/** The form's values: numbers as typed, overrides with a key that survives removing the ones above. */
interface Draft {
  readonly timeZone: string;
  readonly workingHours: DayHours[];
  readonly numbers: Record<NumberField | 'changeNoticeHours', string>;
  readonly dateOverrides: (DateOverride & { readonly key: number })[];
  readonly checkCalendarIds: string[];
  readonly targetCalendarId: string | null;
}

let nextKey = 1;

const draftOf = (settings: BookingSettingsView): Draft => {
  const { availability } = settings;
  return {
    timeZone: availability.timeZone,
    workingHours: availability.workingHours.map((day) => [...day]),
    numbers: {
      slotMinutes: String(availability.slotMinutes),
      bufferBeforeMinutes: String(availability.bufferBeforeMinutes),
      bufferAfterMinutes: String(availability.bufferAfterMinutes),
      minimumNoticeHours: String(availability.minimumNoticeHours),
      maxPerDay: String(availability.maxPerDay),
      horizonDays: String(availability.horizonDays),
      changeNoticeHours: String(settings.changeNoticeHours),
    },
    dateOverrides: availability.dateOverrides.map((override) => ({ ...override, key: nextKey++ })),
    checkCalendarIds: [...settings.checkCalendarIds],
    targetCalendarId: settings.targetCalendarId,
  };
};

/** The request body the draft stands for, numbers parsed (NaN where the box holds no whole number). */
const candidateOf = (draft: Draft, version: number) => ({
  version,
  availability: {
    timeZone: draft.timeZone,
    workingHours: draft.workingHours,
    slotMinutes: wholeNumber(draft.numbers.slotMinutes),
    bufferBeforeMinutes: wholeNumber(draft.numbers.bufferBeforeMinutes),
    bufferAfterMinutes: wholeNumber(draft.numbers.bufferAfterMinutes),
    minimumNoticeHours: wholeNumber(draft.numbers.minimumNoticeHours),
    maxPerDay: wholeNumber(draft.numbers.maxPerDay),
    horizonDays: wholeNumber(draft.numbers.horizonDays),
    dateOverrides: draft.dateOverrides.map(({ key: _key, ...override }) => override),
  },
  checkCalendarIds: draft.checkCalendarIds,
  targetCalendarId: draft.targetCalendarId,
  changeNoticeHours: wholeNumber(draft.numbers.changeNoticeHours),
});

const pathOf = (field: NumberField | 'changeNoticeHours') =>
  field === 'changeNoticeHours' ? field : `availability.${field}`;

/** Every path the form shows an error beside; anything else goes into the summary. */
const placedPaths = (draft: Draft): string[] => {
  const intervals = (path: string, hours: DayHours) => [
    path,
    ...hours.flatMap((_, index) => [`${path}.${index}`, `${path}.${index}.start`, `${path}.${index}.end`]),
  ];
  return [
    'availability.timeZone',
    'availability.workingHours',
    'availability.dateOverrides',
    'checkCalendarIds',
    'targetCalendarId',
    ...[...numberFields, 'changeNoticeHours' as const].map(pathOf),
    ...draft.workingHours.flatMap((hours, day) => intervals(`availability.workingHours.${day}`, hours)),
    ...draft.dateOverrides.flatMap((override, index) => [
      `availability.dateOverrides.${index}`,
      `availability.dateOverrides.${index}.date`,
      ...intervals(`availability.dateOverrides.${index}.hours`, override.hours),
    ]),
  ];
};

const numberBoxes: readonly {
  readonly field: NumberField | 'changeNoticeHours';
  readonly label: string;
  readonly hint: string;
  readonly min: number;
  readonly max: number;
}[] = [
  { field: 'slotMinutes', label: 'Slot length (minutes)', hint: '15 to 240', min: 15, max: 240 },
  {
    field: 'bufferBeforeMinutes',
    label: 'Buffer before (minutes)',
    hint: 'Free time needed before a meeting, 0 to 120',
    min: 0,
    max: 120,
  },
  {
    field: 'bufferAfterMinutes',
    label: 'Buffer after (minutes)',
    hint: 'Free time needed after a meeting, 0 to 120',
    min: 0,
    max: 120,
  },
  {
    field: 'minimumNoticeHours',
    label: 'Minimum notice (hours)',
    hint: 'No slots sooner than this from now, 0 to 720',
    min: 0,
    max: 720,
  },
  { field: 'maxPerDay', label: 'Meetings per day at most', hint: '1 to 50', min: 1, max: 50 },
  {
    field: 'horizonDays',
    label: 'Bookable ahead (days)',
    hint: 'How far ahead clients can book, 1 to 180',
    min: 1,
    max: 180,
  },
  {
    field: 'changeNoticeHours',
    label: 'Change notice (hours)',
    hint: 'Clients may cancel or move up to this long before a meeting, 0 to 720',
    min: 0,
    max: 720,
  },
];

interface BookingSettingsFormProps {
  readonly settings: BookingSettingsView;
  /** Whether a calendar is connected, so its calendars can be listed. */
  readonly connected: boolean;
  readonly onSaved: (settings: BookingSettingsView) => void;
  /** Called with the latest settings after a version conflict made the admin load them again. */
  readonly onReloaded: (settings: BookingSettingsView) => void;
}

/**
 * Everything an admin sets about booking, saved as one versioned document: the calendars, the working
 * hours and their time zone, slot rules and date overrides. A save based on an older version is refused.
 */
export const BookingSettingsForm = ({
  settings,
  connected,
  onSaved,
  onReloaded,
}: BookingSettingsFormProps) => {
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings));
  const [version, setVersion] = useState(settings.version);
  const [conflict, setConflict] = useState(false);
  const zones = useMemo(() => {
    const options = timeZoneOptions();
    return options.includes(draft.timeZone) ? options : [draft.timeZone, ...options];
  }, [draft.timeZone]);

  const update = (change: Partial<Draft>) => setDraft((current) => ({ ...current, ...change }));
  const setNumber = (field: NumberField | 'changeNoticeHours', value: string) =>
    setDraft((current) => ({ ...current, numbers: { ...current.numbers, [field]: value } }));

  const { errors, failure, busy, submit, setErrors, setFailure, setBusy } = useFormSubmit({
    check: () => {
      setConflict(false);
      const candidate = candidateOf(draft, version);
      const checked = validate(saveBookingSettingsInput, candidate);
      const notWhole: Record<string, string> = {};
      for (const field of [...numberFields, 'changeNoticeHours' as const])
        if (Number.isNaN(wholeNumber(draft.numbers[field]))) notWhole[pathOf(field)] = 'Enter a whole number';
      if (Object.keys(notWhole).length === 0) return checked;
      return { ok: false, errors: { ...(checked.ok ? {} : checked.errors), ...notWhole } };
    },
    invalidTitle: 'Please correct the highlighted fields.',
    send: async (data) => {
      const saved = await call(bookingRoutes.saveSettings, { body: data });
      setVersion(saved.version);
      setDraft(draftOf(saved));
      onSaved(saved);
    },
    onVersionConflict: () => setConflict(true),
  });

  const reload = async () => {
    setBusy(true);
    try {
      const latest = await call(bookingRoutes.settings);
      setDraft(draftOf(latest));
      setVersion(latest.version);
      setConflict(false);
      setFailure(null);
      setErrors({});
      onReloaded(latest);
    } catch (caught) {
      setFailure(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  };

  const onSubmit = (event: FormEvent) => void submit(event);

  return (
    <form className="form booking-settings" onSubmit={onSubmit} noValidate>
      {connected ? (
        <CalendarsFieldset
          checkCalendarIds={draft.checkCalendarIds}
          targetCalendarId={draft.targetCalendarId}
          onChange={update}
          errors={errors}
        />
      ) : (
        <p className="muted">Connect Google Calendar to choose which calendars block slots.</p>
      )}

      <fieldset className="fieldset">
        <legend className="fieldset__legend">Working hours</legend>
        <SelectField
          label="Time zone"
          hint="Working hours and date overrides are read in this zone. Clients see times in their own."
          value={draft.timeZone}
          onChange={(event) => update({ timeZone: event.target.value })}
          error={errors['availability.timeZone']}
          className="booking-settings__zone"
        >
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zoneName(zone)}
            </option>
          ))}
        </SelectField>
        <WeeklyHoursEditor
          workingHours={draft.workingHours}
          onChange={(workingHours) => update({ workingHours })}
          errors={errors}
          path="availability.workingHours"
        />
      </fieldset>

      <fieldset className="fieldset">
        <legend className="fieldset__legend">Slots and limits</legend>
        <div className="booking-settings__numbers">
          {numberBoxes.map((box) => (
            <TextField
              key={box.field}
              label={box.label}
              hint={box.hint}
              type="number"
              inputMode="numeric"
              min={box.min}
              max={box.max}
              step={1}
              required
              value={draft.numbers[box.field]}
              onChange={(event) => setNumber(box.field, event.target.value)}
              error={errors[pathOf(box.field)]}
            />
          ))}
        </div>
      </fieldset>

      <DateOverridesFieldset
        overrides={draft.dateOverrides}
        timeZone={draft.timeZone}
        onChange={(dateOverrides) => update({ dateOverrides })}
        errors={errors}
      />

      {conflict ? (
        <VersionConflictAlert onReload={() => void reload()} reloadLabel="Reload latest settings">
          Someone else saved the booking settings after you loaded them. Reload to see their changes, then
          make yours again.
        </VersionConflictAlert>
      ) : (
        <FormAlert title={failure ?? undefined} messages={unplacedErrors(errors, placedPaths(draft))} />
      )}
      <div className="form__buttons form__buttons--start">
        <BusyButton
          type="submit"
          className="button button--primary"
          busy={busy}
          busyLabel="Saving…"
          disabled={conflict}
        >
          Save booking settings
        </BusyButton>
      </div>
    </form>
  );
};

interface CalendarsFieldsetProps {
  readonly checkCalendarIds: readonly string[];
  readonly targetCalendarId: string | null;
  readonly onChange: (change: { checkCalendarIds?: string[]; targetCalendarId?: string | null }) => void;
  readonly errors: FieldErrors;
}

/** Which calendars' busy times block slots, and which writable calendar receives the booked events. */
const CalendarsFieldset = ({
  checkCalendarIds,
  targetCalendarId,
  onChange,
  errors,
}: CalendarsFieldsetProps) => {
  const [calendars, setCalendars] = useState<Calendar[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const targetId = useId();

  const load = useCallback(async (signal?: AbortSignal) => {
    setProblem(null);
    setCalendars(null);
    try {
      const { items } = await call(bookingRoutes.calendars, { signal });
      if (!signal?.aborted) setCalendars(items);
    } catch (caught) {
      if (!signal?.aborted) setProblem(bookingErrorMessage(caught));
    }
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    void load(controller.signal);
    return () => controller.abort();
  }, [load]);

  const primary = calendars?.find((calendar) => calendar.primary);
  const target = targetCalendarId ?? primary?.id ?? null;
  const writable = calendars?.filter((calendar) => calendar.canWrite) ?? [];
  const toggle = (id: string, checked: boolean) =>
    onChange({
      checkCalendarIds: checked
        ? [...checkCalendarIds.filter((other) => other !== id), id]
        : checkCalendarIds.filter((other) => other !== id),
    });

  return (
    <fieldset className="fieldset">
      <legend className="fieldset__legend">Calendars</legend>
      {problem ? (
        <RetryAlert title={problem} onRetry={() => void load()} />
      ) : calendars === null ? (
        <LoadingRows label="Loading your calendars…" />
      ) : (
        <>
          <fieldset className="choice-list" aria-describedby={`${targetId}-busy-hint`}>
            <legend className="field__label">Busy times in these calendars block slots</legend>
            <p className="field__hint" id={`${targetId}-busy-hint`}>
              The calendar that receives the events always counts.
            </p>
            {calendars.map((calendar) => (
              <CalendarCheckbox
                key={calendar.id}
                calendar={calendar}
                checked={calendar.id === target || checkCalendarIds.includes(calendar.id)}
                locked={calendar.id === target}
                onChange={(checked) => toggle(calendar.id, checked)}
              />
            ))}
            {errors.checkCalendarIds ? <p className="field__error">{errors.checkCalendarIds}</p> : null}
          </fieldset>
          <SelectField
            id={targetId}
            label="Calendar that receives the booked meetings"
            hint="Only calendars you may write to are listed."
            value={targetCalendarId ?? ''}
            onChange={(event) => onChange({ targetCalendarId: event.target.value || null })}
            error={errors.targetCalendarId}
            className="booking-settings__target"
          >
            {targetCalendarId === null ? (
              <option value="">Primary calendar{primary ? ` (${primary.name})` : ''}</option>
            ) : null}
            {targetCalendarId !== null && !writable.some((calendar) => calendar.id === targetCalendarId) ? (
              <option value={targetCalendarId}>{targetCalendarId} (not writable)</option>
            ) : null}
            {writable.map((calendar) => (
              <option key={calendar.id} value={calendar.id}>
                {calendar.name}
                {calendar.primary ? ' (primary)' : ''}
              </option>
            ))}
          </SelectField>
        </>
      )}
    </fieldset>
  );
};

const CalendarCheckbox = ({
  calendar,
  checked,
  locked,
  onChange,
}: {
  readonly calendar: Calendar;
  readonly checked: boolean;
  readonly locked: boolean;
  readonly onChange: (checked: boolean) => void;
}) => {
  const id = useId();
  return (
    <div className="checkbox">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={locked}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label htmlFor={id}>
        {calendar.name}
        {calendar.primary ? <span className="badge badge--neutral">Primary</span> : null}
        {locked ? <span className="muted small">receives the meetings</span> : null}
      </label>
    </div>
  );
};

interface DateOverridesFieldsetProps {
  readonly overrides: Draft['dateOverrides'];
  readonly timeZone: string;
  readonly onChange: (overrides: Draft['dateOverrides']) => void;
  readonly errors: FieldErrors;
}

/** Dates that differ from the week: closed all day, or open at other hours. */
const DateOverridesFieldset = ({ overrides, timeZone, onChange, errors }: DateOverridesFieldsetProps) => {
  const set = (key: number, change: Partial<DateOverride>) =>
    onChange(overrides.map((override) => (override.key === key ? { ...override, ...change } : override)));
  const add = () => {
    const last = overrides.at(-1)?.date;
    const date = addDays(last && /^\d{4}-\d{2}-\d{2}$/.test(last) ? last : todayIn(timeZone), 1);
    onChange([...overrides, { key: nextKey++, date, hours: [] }]);
  };
  return (
    <fieldset className="fieldset">
      <legend className="fieldset__legend">Date overrides</legend>
      <p className="field__hint">
        Holidays and special days: close a date, or set other hours for it, in the zone above.
      </p>
      {errors['availability.dateOverrides'] ? (
        <p className="field__error">{errors['availability.dateOverrides']}</p>
      ) : null}
      {overrides.length === 0 ? <p className="muted">No date overrides.</p> : null}
      <ul className="date-overrides">
        {overrides.map((override, index) => {
          const path = `availability.dateOverrides.${index}`;
          const label = /^\d{4}-\d{2}-\d{2}$/.test(override.date)
            ? formatCalendarDate(override.date, { day: 'numeric', month: 'long', year: 'numeric' })
            : `Date override ${index + 1}`;
          return (
            <li key={override.key} className="date-override">
              <fieldset className="date-override__row">
                <legend className="visually-hidden">{label}</legend>
                <TextField
                  label="Date"
                  type="date"
                  required
                  value={override.date}
                  onChange={(event) => set(override.key, { date: event.target.value })}
                  error={errors[`${path}.date`] ?? errors[path]}
                />
                <SelectField
                  label="Hours"
                  value={override.hours.length > 0 ? 'custom' : 'closed'}
                  onChange={(event) =>
                    set(override.key, {
                      hours: event.target.value === 'custom' ? [{ start: '09:00', end: '17:00' }] : [],
                    })
                  }
                >
                  <option value="closed">Closed all day</option>
                  <option value="custom">Custom hours</option>
                </SelectField>
                <button
                  type="button"
                  className="button button--ghost button--small button--danger-text date-override__remove"
                  onClick={() => onChange(overrides.filter((other) => other.key !== override.key))}
                  aria-label={`Remove the override of ${label}`}
                >
                  Remove
                </button>
              </fieldset>
              {override.hours.length > 0 ? (
                <IntervalsEditor
                  dayLabel={label}
                  hours={override.hours}
                  onChange={(hours) => set(override.key, { hours })}
                  errors={errors}
                  path={`${path}.hours`}
                />
              ) : null}
            </li>
          );
        })}
      </ul>
      <div>
        <button type="button" className="button button--secondary button--small" onClick={add}>
          Add date override
        </button>
      </div>
    </fieldset>
  );
};
