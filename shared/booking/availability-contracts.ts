import { timeZone } from '../organizations/contracts';
import * as z from '../schema/zod';

/** Minutes since local midnight for a validated `HH:MM` (`24:00` is 1440). */
export const minutesOfDay = (time: string): number =>
  Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** A wall-clock time `HH:MM`, 00:00–23:59. */
export const clockTime = z
  .string()
  .check(z.regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'Must be a time HH:MM, 00:00–23:59'));

/** The end of a working interval may also be `24:00`, the end of the day. */
const clockEnd = z.union([clockTime, z.literal('24:00')], {
  error: 'Must be a time HH:MM, 00:00–24:00',
});

/** One stretch of working time in the operator's time zone, e.g. `09:00`–`12:00`. */
export const workingInterval = z.strictObject({ start: clockTime, end: clockEnd }).check(
  z.refine((interval) => minutesOfDay(interval.end) > minutesOfDay(interval.start), {
    path: ['end'],
    message: 'Must be after the start',
  }),
);
export type WorkingInterval = z.infer<typeof workingInterval>;

/** The working intervals of one day, in any order but never overlapping; an empty list is a day off. */
export const dayHours = z.array(workingInterval).check(
  z.maxLength(12, 'At most 12 intervals a day'),
  z.superRefine((intervals, ctx) => {
    const sorted = intervals
      .map((interval, index) => ({
        index,
        start: minutesOfDay(interval.start),
        end: minutesOfDay(interval.end),
      }))
      .sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++) {
      const previous = sorted[i - 1]!;
      const current = sorted[i]!;
      if (current.start < previous.end) {
        ctx.addIssue({
          code: 'custom',
          path: [current.index],
          message: 'Overlaps another interval of the day',
        });
      }
    }
  }),
);
export type DayHours = z.infer<typeof dayHours>;

/** Weekly working hours: seven day lists, index 0 is Sunday and 6 is Saturday. */
export const weeklyHours = z.array(dayHours).check(z.length(7, 'One entry per weekday, Sunday first'));

const isCalendarDate = (value: string) => {
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

/** A calendar date `YYYY-MM-DD` that exists (no 2026-02-30). */
export const calendarDate = z
  .string()
  .check(
    z.regex(/^\d{4}-\d{2}-\d{2}$/, 'Must be a date YYYY-MM-DD'),
    z.refine(isCalendarDate, 'Must be a date that exists'),
  );

/** Replaces the weekly hours on one operator-local date; empty `hours` closes the day. */
export const dateOverride = z.strictObject({ date: calendarDate, hours: dayHours });
export type DateOverride = z.infer<typeof dateOverride>;

/** The operator's booking availability, edited by an operator admin. */
export const availabilitySettings = z.strictObject({
  /** IANA zone the working hours and overrides are read in. */
  timeZone,
  workingHours: weeklyHours,
  /** Length of every slot; slots start at each working interval's start, one after another. */
  slotMinutes: z.number().check(z.int(), z.gte(15), z.lte(240)),
  /** Free time required before a slot starts… */
  bufferBeforeMinutes: z.number().check(z.int(), z.gte(0), z.lte(120)),
  /** …and after it ends. */
  bufferAfterMinutes: z.number().check(z.int(), z.gte(0), z.lte(120)),
  /** Slots starting sooner than this after now are not offered. */
  minimumNoticeHours: z.number().check(z.int(), z.gte(0), z.lte(720)),
  /** Bookings per operator-local day; a day that has this many offers nothing more. */
  maxPerDay: z.number().check(z.int(), z.gte(1), z.lte(50)),
  /** Slots ending later than this many days after now are not offered. */
  horizonDays: z.number().check(z.int(), z.gte(1), z.lte(180)),
  dateOverrides: z.array(dateOverride).check(
    z.maxLength(400, 'At most 400 date overrides'),
    z.superRefine((overrides, ctx) => {
      const seen = new Set<string>();
      overrides.forEach((override, index) => {
        if (seen.has(override.date)) {
          ctx.addIssue({ code: 'custom', path: [index, 'date'], message: 'Date already has an override' });
        }
        seen.add(override.date);
      });
    }),
  ),
});
export type AvailabilitySettings = z.infer<typeof availabilitySettings>;

const instant = z.iso.datetime({ offset: true });

/** A span between two instants (ISO-8601), such as a free/busy block, a booking or a slot. */
export const timeRange = z.strictObject({ start: instant, end: instant }).check(
  z.refine((range) => Date.parse(range.end) > Date.parse(range.start), {
    path: ['end'],
    message: 'Must be after the start',
  }),
);
export type TimeRange = z.infer<typeof timeRange>;

/** A free slot as offered: both ends in ISO-8601 UTC. */
export const slot = z.strictObject({ start: z.string(), end: z.string() });
export type Slot = z.infer<typeof slot>;

/** A slot for display, labelled with its start time `HH:MM` in the viewer's time zone. */
export const labelledSlot = z.strictObject({ start: z.string(), end: z.string(), label: z.string() });
export type LabelledSlot = z.infer<typeof labelledSlot>;

/** The slots starting on one local date of the viewer's time zone. */
export const slotDay = z.strictObject({ date: z.string(), slots: z.array(labelledSlot) });
export type SlotDay = z.infer<typeof slotDay>;
