import { offsetAt, wallClock } from '../time/zones';
import type { AvailabilitySettings, DayHours, Slot, SlotDay, TimeRange } from './availability-contracts';
import { minutesOfDay } from './availability-contracts';

/**
 * The availability engine: which booking slots the operator's calendar offers. Pure functions, no I/O.
 *
 * Slots are laid out on the operator's wall clock: each working interval of a local date yields slots at
 * its start, start + slotMinutes, … while the wall-clock end stays within the interval. A slot is offered
 * only where the clock runs straight for its whole length (it ends exactly slotMinutes later on the wall
 * clock, and lasts slotMinutes in real time). So on a clock change a 09:00–17:00 day stays 09:00–17:00,
 * a local time that does not exist yields nothing, a local time that occurs twice yields one slot (the
 * earliest occurrence that runs straight), and no slot reads "01:30–03:00" while lasting 30 minutes.
 *
 * Time zones come from `shared/time/zones.ts` (the built-in `Intl.DateTimeFormat`; no date library).
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Everything the engine needs; `settings` must satisfy `availabilitySettings`. */
export interface AvailabilityInput {
  readonly settings: AvailabilitySettings;
  /** Busy blocks of the operator's calendar (Google free/busy), merged or not, in any order. */
  readonly busy: readonly TimeRange[];
  /** Existing bookings: they block their time and count toward `maxPerDay` on their local start date. */
  readonly booked: readonly TimeRange[];
  readonly now: Date;
}

const isoDate = (wall: number): string => new Date(wall).toISOString().slice(0, 10);

interface Span {
  readonly start: number;
  readonly end: number;
}

/** What one call works with, prepared once: the window, merged blocks and bookings per local date. */
interface Plan {
  readonly settings: AvailabilitySettings;
  readonly slotMs: number;
  readonly earliest: number;
  readonly latest: number;
  readonly blocks: readonly Span[];
  /** Bookings widened by their own buffers: the breaks a booked meeting keeps around itself. */
  readonly bookedWithBuffers: readonly Span[];
  readonly bookedPerDate: ReadonlyMap<string, number>;
  readonly overrides: ReadonlyMap<string, DayHours>;
}

const toSpan = (range: TimeRange): Span => {
  const start = Date.parse(range.start);
  const end = Date.parse(range.end);
  // An unreadable busy block must not silently turn into free time.
  if (Number.isNaN(start) || Number.isNaN(end)) {
    throw new RangeError(`Not a time range: ${range.start} – ${range.end}`);
  }
  return { start, end };
};

/** Sorted, merged, non-empty spans: the result no longer depends on the order of the input. */
const mergeSpans = (spans: Span[]): Span[] => {
  const sorted = spans.filter((span) => span.end > span.start).sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last && span.start <= last.end)
      merged[merged.length - 1] = { start: last.start, end: Math.max(last.end, span.end) };
    else merged.push(span);
  }
  return merged;
};

/** Whether [start, end) overlaps any of the sorted, merged blocks (touching is not overlapping). */
const overlapsAny = (blocks: readonly Span[], start: number, end: number): boolean => {
  let low = 0;
  let high = blocks.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (blocks[middle]!.end <= start) low = middle + 1;
    else high = middle;
  }
  const block = blocks[low];
  return block !== undefined && block.start < end;
};

const planFor = ({ settings, busy, booked, now }: AvailabilityInput): Plan => {
  const nowMs = now.getTime();
  if (Number.isNaN(nowMs)) throw new RangeError('now is not a valid date');
  const bookedSpans = booked.map(toSpan);
  const bookedPerDate = new Map<string, number>();
  for (const span of bookedSpans) {
    const date = isoDate(wallClock(span.start, settings.timeZone));
    bookedPerDate.set(date, (bookedPerDate.get(date) ?? 0) + 1);
  }
  return {
    settings,
    slotMs: settings.slotMinutes * MINUTE,
    earliest: nowMs + settings.minimumNoticeHours * HOUR,
    latest: nowMs + settings.horizonDays * DAY,
    blocks: mergeSpans([...busy.map(toSpan), ...bookedSpans]),
    bookedWithBuffers: mergeSpans(
      bookedSpans.map((span) => ({
        start: span.start - settings.bufferBeforeMinutes * MINUTE,
        end: span.end + settings.bufferAfterMinutes * MINUTE,
      })),
    ),
    bookedPerDate,
    overrides: new Map(settings.dateOverrides.map((override) => [override.date, override.hours])),
  };
};

/**
 * The candidate slots of one local date (its midnight as a wall clock), before notice, horizon, busy
 * time and the daily limit are applied. Ordered and non-overlapping.
 */
const candidatesOn = (midnight: number, plan: Plan): Span[] => {
  const { settings, slotMs } = plan;
  const { timeZone } = settings;
  const hours =
    plan.overrides.get(isoDate(midnight)) ?? settings.workingHours[new Date(midnight).getUTCDay()] ?? [];
  if (hours.length === 0) return [];

  // Every instant of this date, and the ends of its slots, lies within these bounds (offsets span
  // −12 h to +14 h). Equal offsets at both bounds mean no clock change that day (no zone changes its
  // clock twice within 52 hours): one subtraction per slot, no formatting. Otherwise each slot is
  // checked against both offsets.
  const offsetBefore = offsetAt(midnight - 15 * HOUR, timeZone);
  const offsetAfter = offsetAt(midnight + 37 * HOUR, timeZone);
  const resolve = (wall: number): number | undefined => {
    if (offsetBefore === offsetAfter) return wall - offsetBefore;
    const starts = [wall - offsetBefore, wall - offsetAfter].sort((a, b) => a - b);
    return starts.find((start) => {
      const offset = wall - start;
      return offsetAt(start, timeZone) === offset && offsetAt(start + slotMs, timeZone) === offset;
    });
  };

  const intervals = hours
    .map((interval) => ({ start: minutesOfDay(interval.start), end: minutesOfDay(interval.end) }))
    .sort((a, b) => a.start - b.start);
  const candidates: Span[] = [];
  let lastEnd = Number.NEGATIVE_INFINITY;
  for (const interval of intervals) {
    for (
      let minute = interval.start;
      minute + settings.slotMinutes <= interval.end;
      minute += settings.slotMinutes
    ) {
      const start = resolve(midnight + minute * MINUTE);
      // The guard keeps the list non-overlapping whatever a zone's clock changes look like.
      if (start === undefined || start < lastEnd) continue;
      candidates.push({ start, end: start + slotMs });
      lastEnd = start + slotMs;
    }
  }
  return candidates;
};

const isDateFull = (date: string, plan: Plan): boolean =>
  (plan.bookedPerDate.get(date) ?? 0) >= plan.settings.maxPerDay;

/**
 * A candidate keeps its buffers clear of busy time and bookings, and stays out of the buffers of the
 * bookings already made: after a 11:30–12:00 booking with a 15-minute buffer after, 12:00 is not offered.
 */
const isFree = (candidate: Span, plan: Plan): boolean =>
  candidate.start >= plan.earliest &&
  candidate.end <= plan.latest &&
  !overlapsAny(
    plan.blocks,
    candidate.start - plan.settings.bufferBeforeMinutes * MINUTE,
    candidate.end + plan.settings.bufferAfterMinutes * MINUTE,
  ) &&
  !overlapsAny(plan.bookedWithBuffers, candidate.start, candidate.end);

const toSlot = (span: Span): Slot => ({
  start: new Date(span.start).toISOString(),
  end: new Date(span.end).toISOString(),
});

/**
 * The free slots between now + minimum notice and now + horizon, ordered by start, in ISO-8601 UTC.
 * A slot is free when, widened by the buffers, it overlaps no busy block and no booking, and its
 * operator-local date has fewer than `maxPerDay` bookings.
 *
 * @throws RangeError when `now` or a busy block or booking is not a readable instant.
 */
export const computeSlots = (input: AvailabilityInput): Slot[] => {
  const plan = planFor(input);
  const { timeZone } = plan.settings;
  // One local date of margin each side covers zones whose dates do not advance monotonically.
  const first = Date.parse(isoDate(wallClock(plan.earliest, timeZone))) - DAY;
  const last = Date.parse(isoDate(wallClock(plan.latest, timeZone))) + DAY;
  const slots: Slot[] = [];
  for (let midnight = first; midnight <= last; midnight += DAY) {
    if (isDateFull(isoDate(midnight), plan)) continue;
    for (const candidate of candidatesOn(midnight, plan)) {
      if (isFree(candidate, plan)) slots.push(toSlot(candidate));
    }
  }
  return slots;
};

/**
 * Whether a requested slot is offered right now: true exactly when `computeSlots` with the same input
 * returns a slot with the same start and end instants. Used to re-check a slot at booking time, and
 * cheaper than `computeSlots` since it looks at one local date only.
 */
export const isSlotOffered = (requested: Slot, input: AvailabilityInput): boolean => {
  const start = Date.parse(requested.start);
  const end = Date.parse(requested.end);
  if (Number.isNaN(start) || Number.isNaN(end)) return false;
  const plan = planFor(input);
  const date = isoDate(wallClock(start, plan.settings.timeZone));
  if (isDateFull(date, plan)) return false;
  return candidatesOn(Date.parse(date), plan).some(
    (candidate) => candidate.start === start && candidate.end === end && isFree(candidate, plan),
  );
};

/**
 * Slots grouped by their local start date in the viewer's time zone (the client organization's), each
 * labelled with its local start `HH:MM`; dates and slots in order.
 */
export const groupByLocalDay = (slots: readonly Slot[], timeZone: string): SlotDay[] => {
  const days: SlotDay[] = [];
  const ordered = slots
    .map((slot) => ({ slot, start: Date.parse(slot.start) }))
    .sort((a, b) => a.start - b.start);
  for (const { slot, start } of ordered) {
    const wall = new Date(wallClock(start, timeZone)).toISOString();
    const date = wall.slice(0, 10);
    const labelled = { start: slot.start, end: slot.end, label: wall.slice(11, 16) };
    const day = days.at(-1);
    if (day?.date === date) day.slots.push(labelled);
    else days.push({ date, slots: [labelled] });
  }
  return days;
};
