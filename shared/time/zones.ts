const HOUR = 3_600_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
};

/** The wall clock of an instant in a zone, as the epoch milliseconds of that wall clock read as UTC. */
export const wallClock = (instant: number, timeZone: string): number => {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) fields[part.type] = Number(part.value);
  return Date.UTC(fields.year!, fields.month! - 1, fields.day!, fields.hour!, fields.minute!, fields.second!);
};

/** Wall clock minus UTC at an instant, in milliseconds (+3_600_000 for Berlin in winter). */
export const offsetAt = (instant: number, timeZone: string): number => {
  const whole = instant - (((instant % 1000) + 1000) % 1000);
  return wallClock(whole, timeZone) - whole;
};

/** The local date `YYYY-MM-DD` of an instant in a time zone. */
export const localDate = (instant: string | Date, timeZone: string): string => {
  const time = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(time)) throw new RangeError(`Not an instant: ${String(instant)}`);
  return new Date(wallClock(time, timeZone)).toISOString().slice(0, 10);
};

/** `YYYY-MM-DDTHH:MM[:SS]` read as if it were UTC. */
const parseWall = (local: string): number => {
  const [date, time = '00:00'] = local.split('T') as [string, string?];
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute, second = 0] = time.split(':').map(Number) as [number, number, number?];
  return Date.UTC(year, month - 1, day, hour, minute, Math.floor(second));
};

/**
 * The UTC instant (ISO-8601) of a local wall-clock time, or undefined when the clock skips that time (a
 * spring-forward gap). A time that occurs twice (fall back) resolves to its first occurrence.
 */
export const localToUtc = (local: string, timeZone: string): string | undefined => {
  const wall = parseWall(local);
  // Offsets anywhere near the moment: before and after any clock change within a day of it.
  const offsets = new Set([
    offsetAt(wall - 14 * HOUR, timeZone),
    offsetAt(wall, timeZone),
    offsetAt(wall + 14 * HOUR, timeZone),
  ]);
  const matches = [...offsets]
    .map((offset) => wall - offset)
    .filter((instant) => wallClock(instant, timeZone) === wall)
    .sort((a, b) => a - b);
  return matches.length ? new Date(matches[0]!).toISOString() : undefined;
};

/** The local wall clock of an instant, `YYYY-MM-DDTHH:MM`. */
export const utcToLocal = (instant: string, timeZone: string): string =>
  new Date(wallClock(Date.parse(instant), timeZone)).toISOString().slice(0, 16);

/** The first instant of a local date; where the clock skips midnight, the moment the day begins. */
export const startOfLocalDay = (date: string, timeZone: string): string => {
  const exact = localToUtc(`${date}T00:00`, timeZone);
  if (exact) return exact;
  const wall = parseWall(`${date}T00:00`);
  return new Date(wall - offsetAt(wall - 14 * HOUR, timeZone)).toISOString();
};

/** The first instant after a local date: the start of the next day. */
export const endOfLocalDay = (date: string, timeZone: string): string => {
  const next = new Date(parseWall(`${date}T00:00`) + 24 * HOUR).toISOString().slice(0, 10);
  return startOfLocalDay(next, timeZone);
};

/** Whether a schedule time names its own offset (`Z`, `+02:00`) rather than the organization's wall clock. */
export const hasOffset = (value: string): boolean => /(?:Z|[+-]\d{2}:\d{2})$/.test(value);
