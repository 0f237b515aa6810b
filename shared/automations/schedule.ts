import { createHash } from 'node:crypto';
import { encodeTime } from 'ulid';
import { localToUtc, utcToLocal } from '../time/zones';

/**
 * The clock arithmetic of automations, as pure functions: when the next digest is due on an
 * organization's wall clock, whether a moment is inside quiet hours and when they end, and stable ids.
 */

const DAY = 86_400_000;

const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/**
 * The instant a local wall-clock time happens on a date; a time the clock skips (spring forward) happens
 * when the clock resumes, e.g. 02:30 on a day that jumps from 02:00 to 03:00 happens at 03:00.
 */
export const localMoment = (date: string, time: string, timeZone: string): Date => {
  const exact = localToUtc(`${date}T${time}`, timeZone);
  if (exact) return new Date(exact);
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  // Clock changes are whole quarter hours: the first quarter hour after the wanted time that exists.
  for (let step = 1; step <= 8; step++) {
    const minutes = hour * 60 + Math.floor(minute / 15) * 15 + step * 15;
    if (minutes >= 24 * 60) break;
    const candidate = localToUtc(
      `${date}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`,
      timeZone,
    );
    if (candidate) return new Date(candidate);
  }
  throw new Error(`${date}T${time} does not exist in ${timeZone}`);
};

/** The local date of an instant, `YYYY-MM-DD`. */
export const localDateOf = (instant: Date, timeZone: string): string =>
  utcToLocal(instant.toISOString(), timeZone).slice(0, 10);

/** The first moment after `after` when the organization's clock shows `hour`:00. */
export const nextDailyAt = (hour: number, timeZone: string, after: Date): Date => {
  const time = `${String(hour).padStart(2, '0')}:00`;
  let date = localDateOf(after, timeZone);
  for (let tries = 0; tries < 3; tries++, date = addDays(date, 1)) {
    const candidate = localMoment(date, time, timeZone);
    if (candidate.getTime() > after.getTime()) return candidate;
  }
  throw new Error(`No ${time} after ${after.toISOString()} in ${timeZone}`);
};

const HOUR = 3_600_000;

/** The fan-out looks back this many hours, so a missed or failed hourly run is caught up by the next. */
export const digestLookBackHours = 3;

/**
 * The UTC hours (`00`–`23`) of the digest-schedule partitions an hourly fan-out at `now` reads, oldest
 * first. A digest due at 01:30 UTC (07:00 in Kolkata) sits in partition `01` and goes out with the
 * 02:00 run, the first one at or after it.
 */
export const digestPartitions = (now: Date): string[] =>
  Array.from({ length: digestLookBackHours }, (_, index) =>
    new Date(now.getTime() - (digestLookBackHours - 1 - index) * HOUR).toISOString().slice(11, 13),
  );

/** When the digest after the one due at `digestAt`, handled at `now`, is due: the next local morning. */
export const followingDigestAt = (hour: number, timeZone: string, digestAt: Date, now: Date): Date =>
  nextDailyAt(hour, timeZone, new Date(Math.max(now.getTime(), digestAt.getTime())));

export interface QuietHours {
  readonly start: string;
  readonly end: string;
}

const minutesOf = (time: string) => {
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return hour * 60 + minute;
};

/** Whether a local time of day falls inside quiet hours; a window like 20:00–08:00 spans midnight. */
export const isQuiet = (localTime: string, quiet: QuietHours): boolean => {
  const now = minutesOf(localTime);
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  return start < end ? now >= start && now < end : now >= start || now < end;
};

/**
 * When a message due at `at` may go out: `at` itself, or the end of the quiet hours it falls into (on the
 * organization's clock, DST included).
 */
export const outsideQuietHours = (at: Date, quiet: QuietHours | null, timeZone: string): Date => {
  if (!quiet) return at;
  const local = utcToLocal(at.toISOString(), timeZone);
  if (!isQuiet(local.slice(11, 16), quiet)) return at;
  const date = local.slice(0, 10);
  const endToday = localMoment(date, quiet.end, timeZone);
  return endToday.getTime() > at.getTime() ? endToday : localMoment(addDays(date, 1), quiet.end, timeZone);
};

const crockford = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `length` Crockford base-32 characters of a SHA-256 of `key`: stable, and unguessable without the key. */
const hashChars = (key: string, length: number): string => {
  const digest = createHash('sha256').update(key).digest();
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of digest) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += crockford[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
    if (out.length >= length) break;
  }
  return out;
};

/**
 * A run's id: ULID-shaped, its time part the trigger's time (so runs sort by when they started) and the
 * rest a hash of what the run is about. A redelivered event or a retried step gets the same id.
 */
export const runIdFor = (runKey: string, triggeredAt: Date): string =>
  encodeTime(triggeredAt.getTime(), 10) + hashChars(runKey, 16);

/** A step's id: a hash of what it is about, so queuing the same step twice writes one item. */
export const stepIdFor = (stepKey: string): string => {
  const chars = hashChars(`step:${stepKey}`, 26);
  // A ULID's first character is 0–7; keeping to that keeps step ids valid ULIDs.
  return crockford[crockford.indexOf(chars[0]!) % 8] + chars.slice(1);
};

/** A recipient as a key part: a hash, so addresses never appear in keys. */
export const recipientHash = (address: string): string => hashChars(`to:${address.toLowerCase()}`, 20);

/** The median of some numbers; undefined for none. */
export const median = (values: readonly number[]): number | undefined => {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** "3 h 20 min", "2 d 4 h", "45 min": a duration as people read it. */
export const formatDuration = (minutes: number): string => {
  const rounded = Math.round(minutes);
  if (rounded < 60) return `${rounded} min`;
  if (rounded < 24 * 60) {
    const rest = rounded % 60;
    return `${Math.floor(rounded / 60)} h${rest ? ` ${rest} min` : ''}`;
  }
  const hours = Math.floor((rounded % (24 * 60)) / 60);
  return `${Math.floor(rounded / (24 * 60))} d${hours ? ` ${hours} h` : ''}`;
};
