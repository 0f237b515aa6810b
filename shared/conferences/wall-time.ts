import { offsetAt, wallClock } from '../time/zones';

/**
 * A conference's wall-clock time (`2027-03-04T09:30`) resolved to its UTC instant in the conference's
 * zone. Clocks that skip forward leave a gap (Berlin has no 02:30 on the last Sunday of March): such a time
 * does not exist and is refused. Clocks that fall back repeat an hour: such a time is ambiguous, resolves
 * to its earlier occurrence and says so, so the organizer can be told.
 */
export type WallTimeResolution =
  | { readonly kind: 'exact'; readonly utc: string }
  | { readonly kind: 'ambiguous'; readonly utc: string; readonly laterUtc: string }
  | { readonly kind: 'gap' };

const HOUR = 3_600_000;

const parseWall = (local: string): number => {
  const [date, time] = local.split('T') as [string, string];
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  return Date.UTC(year, month - 1, day, hour, minute);
};

export const resolveWallTime = (local: string, timeZone: string): WallTimeResolution => {
  const wall = parseWall(local);
  // Offsets before and after any clock change within half a day of the moment.
  const offsets = new Set([
    offsetAt(wall - 14 * HOUR, timeZone),
    offsetAt(wall, timeZone),
    offsetAt(wall + 14 * HOUR, timeZone),
  ]);
  const instants = [...new Set([...offsets].map((offset) => wall - offset))]
    .filter((instant) => wallClock(instant, timeZone) === wall)
    .sort((a, b) => a - b);
  if (instants.length === 0) return { kind: 'gap' };
  const utc = new Date(instants[0]!).toISOString();
  if (instants.length === 1) return { kind: 'exact', utc };
  return { kind: 'ambiguous', utc, laterUtc: new Date(instants.at(-1)!).toISOString() };
};

/** The wall clock `YYYY-MM-DDTHH:MM` of an instant in a zone. */
export const wallTimeOf = (instant: string | number, timeZone: string): string =>
  new Date(wallClock(typeof instant === 'number' ? instant : Date.parse(instant), timeZone))
    .toISOString()
    .slice(0, 16);

/** The UTC offset of an instant in a zone, as `+05:45` / `-04:00`. */
export const offsetLabel = (instant: string, timeZone: string): string => {
  const minutes = Math.round(offsetAt(Date.parse(instant), timeZone) / 60_000);
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
};
