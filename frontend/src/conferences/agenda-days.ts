import { formatDayInZone } from '../lib/zoned-time';

const groupBy = <T>(items: readonly T[], key: (item: T) => string) => {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
};

interface Timed {
  readonly startUtc: string;
  readonly track: string;
}

export interface AgendaTrack<T> {
  readonly track: string;
  readonly items: readonly T[];
}

export interface AgendaDay<T> {
  readonly day: string;
  readonly tracks: readonly AgendaTrack<T>[];
}

/**
 * Sessions by day on the reader's clock, then by track, both in agenda order; a session without a track
 * is under "Sessions".
 */
export const agendaDays = <T extends Timed>(items: readonly T[], zone: string): AgendaDay<T>[] =>
  [...groupBy(items, (item) => formatDayInZone(item.startUtc, zone))].map(([day, sessions]) => ({
    day,
    tracks: [...groupBy(sessions, (item) => item.track || 'Sessions')].map(([track, inTrack]) => ({
      track,
      items: inTrack,
    })),
  }));
