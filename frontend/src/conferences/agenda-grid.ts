export const slotMinutes = 15;
const dayMinutes = 24 * 60;
/** The latest end a wall time can name on its own day (24:00 is not a wall time). */
const lastEnd = dayMinutes - slotMinutes;

export interface Placement {
  readonly track: string;
  readonly start: string;
  readonly end: string;
}

export const dayOf = (wall: string) => wall.slice(0, 10);
export const minutesOf = (wall: string) => Number(wall.slice(11, 13)) * 60 + Number(wall.slice(14, 16));

export const clockOf = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

const at = (day: string, minutes: number) => `${day}T${clockOf(minutes)}`;

/** Every date from the event's first to its last day. */
export const daysOf = (startDate: string, endDate: string): string[] => {
  const days: string[] = [];
  for (
    let day = Date.parse(`${startDate}T00:00:00Z`);
    day <= Date.parse(`${endDate}T00:00:00Z`);
    day += 86_400_000
  )
    days.push(new Date(day).toISOString().slice(0, 10));
  return days;
};

/** The tracks as columns, in name order; sessions without a track have a column of their own, first. */
export const tracksOf = (items: readonly { track: string }[]): string[] => {
  const tracks = [...new Set(items.map((item) => item.track))].sort((a, b) =>
    a === '' ? -1 : b === '' ? 1 : a.localeCompare(b),
  );
  return tracks.length ? tracks : [''];
};

/**
 * The rows a day shows: 08:00 to 20:00, widened to whole hours around its sessions (a session running
 * past midnight is cut at the day's end).
 */
export const hoursOf = (day: string, items: readonly Placement[]) => {
  let first = 8 * 60;
  let last = 20 * 60;
  for (const item of items) {
    if (dayOf(item.start) !== day) continue;
    first = Math.min(first, Math.floor(minutesOf(item.start) / 60) * 60);
    const end = dayOf(item.end) === day ? minutesOf(item.end) : dayMinutes;
    last = Math.max(last, Math.ceil(end / 60) * 60);
  }
  return { first, last };
};

/** Where a session sits in a day's grid, in minutes from the grid's first row. */
export const spanOf = (item: Placement, first: number) => {
  const start = minutesOf(item.start);
  const end = dayOf(item.end) === dayOf(item.start) ? minutesOf(item.end) : dayMinutes;
  return { top: start - first, length: end - start };
};

const snap = (minutes: number) => Math.round(minutes / slotMinutes) * slotMinutes;

/**
 * The session moved by whole slots (and tracks), keeping its length and its day; it never leaves the day
 * nor the track list.
 */
export const moved = (
  item: Placement,
  slots: number,
  trackSteps: number,
  tracks: readonly string[],
): Placement => {
  const day = dayOf(item.start);
  const start = minutesOf(item.start);
  const length = spanOf(item, 0).length;
  const next = Math.min(Math.max(0, snap(start + slots * slotMinutes)), Math.max(0, lastEnd - length));
  const index = Math.max(0, tracks.indexOf(item.track));
  const track = tracks[Math.min(tracks.length - 1, Math.max(0, index + trackSteps))] ?? item.track;
  return { track, start: at(day, next), end: at(day, Math.min(lastEnd, next + length)) };
};

/** The session with its end moved by whole slots: at least one slot long, and never past the day. */
export const resized = (item: Placement, slots: number): Placement => {
  const day = dayOf(item.start);
  const start = minutesOf(item.start);
  const end = spanOf(item, 0).length + start;
  const next = Math.min(lastEnd, Math.max(start + slotMinutes, snap(end + slots * slotMinutes)));
  return { ...item, end: at(day, next) };
};

export const samePlacement = (a: Placement, b: Placement) =>
  a.track === b.track && a.start === b.start && a.end === b.end;

/** The fields of a move the update route needs: only what changed. */
export const changeOf = (from: Placement, to: Placement) => ({
  ...(to.track === from.track ? {} : { track: to.track }),
  ...(to.start === from.start ? {} : { start: to.start }),
  ...(to.end === from.end ? {} : { end: to.end }),
});

/**
 * Side-by-side lanes for sessions of one track that overlap in time, so none hides another: each
 * session takes the first lane free at its start, and a group of overlapping sessions shares the
 * column's width among its lanes.
 */
export const lanesOf = <T extends Placement & { readonly id: string }>(items: readonly T[]) => {
  const result = new Map<string, { lane: number; lanes: number }>();
  const byTrack = new Map<string, T[]>();
  for (const item of items) byTrack.set(item.track, [...(byTrack.get(item.track) ?? []), item]);
  for (const group of byTrack.values()) {
    const sorted = [...group].sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end));
    let cluster: { id: string; lane: number }[] = [];
    let clusterEnd = '';
    let laneEnds: string[] = [];
    const close = () => {
      for (const member of cluster) result.set(member.id, { lane: member.lane, lanes: laneEnds.length });
      cluster = [];
      laneEnds = [];
    };
    for (const item of sorted) {
      if (cluster.length && item.start >= clusterEnd) close();
      if (!cluster.length || item.end > clusterEnd) clusterEnd = item.end;
      const free = laneEnds.findIndex((end) => end <= item.start);
      const lane = free === -1 ? laneEnds.length : free;
      laneEnds[lane] = item.end;
      cluster.push({ id: item.id, lane });
    }
    close();
  }
  return result;
};
