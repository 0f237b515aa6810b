const partsFormatters = new Map<string, Intl.DateTimeFormat>();

const partsFor = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
};

/** The wall clock of an instant in a zone, `YYYY-MM-DDTHH:MM`. */
export const wallClockIn = (timeZone: string, instant: Date | string | number): string => {
  const fields: Record<string, string> = {};
  for (const part of partsFor(timeZone).formatToParts(new Date(instant))) fields[part.type] = part.value;
  return `${fields.year}-${fields.month}-${fields.day}T${fields.hour}:${fields.minute}`;
};

/** Today's date on the zone's clock, `YYYY-MM-DD`. */
export const todayIn = (timeZone: string, now: Date = new Date()): string =>
  wallClockIn(timeZone, now).slice(0, 10);

/** A calendar date moved by whole days: `addDays('2026-02-28', 1)` is `2026-03-01`. */
export const addDays = (date: string, days: number): string => {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
};

/** A sensible first suggestion for a new job: tomorrow at nine on the organization's clock. */
export const defaultScheduleLocal = (timeZone: string, now: Date = new Date()): string =>
  `${addDays(todayIn(timeZone, now), 1)}T09:00`;

/** "America/New_York" as people read it: "America/New York". */
export const zoneName = (timeZone: string): string => timeZone.replaceAll('_', ' ');

const displayFormatters = new Map<string, Intl.DateTimeFormat>();

const displayFor = (key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat => {
  let formatter = displayFormatters.get(key);
  if (!formatter) {
    formatter = make();
    displayFormatters.set(key, formatter);
  }
  return formatter;
};

/** "Mon, Nov 23, 2026, 1:30 PM" on the zone's clock, in the reader's locale unless one is given. */
export const formatInZone = (instant: string, timeZone: string, locale?: string): string =>
  displayFor(
    `full|${locale ?? ''}|${timeZone}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        timeZone,
        weekday: 'short',
        year: 'numeric',
        month: 'short',
        day: 'numeric',
        hour: 'numeric',
        minute: '2-digit',
      }),
  ).format(new Date(instant));

/** "1:30 PM" on the zone's clock. */
export const formatTimeInZone = (instant: string, timeZone: string, locale?: string): string =>
  displayFor(
    `time|${locale ?? ''}|${timeZone}`,
    () => new Intl.DateTimeFormat(locale, { timeZone, hour: 'numeric', minute: '2-digit' }),
  ).format(new Date(instant));

/** "Mon, Nov 23" on the zone's clock. */
export const formatDayInZone = (instant: string, timeZone: string, locale?: string): string =>
  displayFor(
    `day|${locale ?? ''}|${timeZone}`,
    () => new Intl.DateTimeFormat(locale, { timeZone, weekday: 'short', month: 'short', day: 'numeric' }),
  ).format(new Date(instant));

/** This browser's time zone. */
export const viewerTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/**
 * Whether two zones show the same wall clock at an instant (then a second "your time" would only repeat
 * the first).
 */
export const sameClock = (a: string, b: string, instant: string): boolean =>
  a === b || wallClockIn(a, instant) === wallClockIn(b, instant);
