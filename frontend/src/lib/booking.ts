import { ApiError, errorMessage } from './api';

/** Problems the booking API answers with a message meant for people, even with a 5xx status. */
const explainedProblems = new Set(['booking-paused', 'calendar-unavailable']);

/** A 409 that means "pick another slot": the slots shown are stale and need loading again. */
const staleSlotProblems = new Set(['slot-taken', 'slot-unavailable', 'day-full']);

/** Like `errorMessage`, but keeps the API's own words when booking is paused or Google is slow. */
export const bookingErrorMessage = (error: unknown): string =>
  error instanceof ApiError && explainedProblems.has(error.problemType) && error.detail
    ? error.detail
    : errorMessage(error);

/** True when a booking or move failed because the chosen slot is not free any more. */
export const isStaleSlot = (error: unknown): boolean =>
  error instanceof ApiError && error.status === 409 && staleSlotProblems.has(error.problemType);

/** True when the API refused because booking is paused (Google revoked the calendar grant). */
export const isBookingPaused = (error: unknown): boolean =>
  error instanceof ApiError && error.problemType === 'booking-paused';

const dateFormats = new Map<string, Intl.DateTimeFormat>();

const formatIn = (timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat => {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(undefined, { ...options, timeZone });
    dateFormats.set(key, format);
  }
  return format;
};

const dayOptions: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
};
const timeOptions: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/** "Mon, 23 Nov 2026" for an instant, on the wall calendar of a zone. */
export const formatDayIn = (instant: string, timeZone: string): string =>
  formatIn(timeZone, dayOptions).format(new Date(instant));

/** "09:00" for an instant, on the wall clock of a zone (24-hour, like the slot labels). */
export const formatTimeIn = (instant: string, timeZone: string): string =>
  formatIn(timeZone, timeOptions).format(new Date(instant));

/** "Mon, 23 Nov 2026, 09:00–09:30" in a zone. */
export const formatMeeting = (start: string, end: string, timeZone: string): string =>
  `${formatDayIn(start, timeZone)}, ${formatTimeIn(start, timeZone)}–${formatTimeIn(end, timeZone)}`;

/** "Monday 23 November" for a calendar date `YYYY-MM-DD` (no zone: the date is already local). */
export const formatCalendarDate = (
  date: string,
  options: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long' },
): string => formatIn('UTC', options).format(new Date(`${date}T12:00:00Z`));

/** Weekdays as the settings store them (0 is Sunday), listed Monday first. */
export const weekdays: readonly { readonly index: number; readonly name: string }[] = [
  { index: 1, name: 'Monday' },
  { index: 2, name: 'Tuesday' },
  { index: 3, name: 'Wednesday' },
  { index: 4, name: 'Thursday' },
  { index: 5, name: 'Friday' },
  { index: 6, name: 'Saturday' },
  { index: 0, name: 'Sunday' },
];

/**
 * A time input cannot hold `24:00`, the end of the day. An interval may not end at `00:00` (it must end
 * after it starts), so an end of `00:00` typed in the input unambiguously means midnight, `24:00`.
 */
export const endFromInput = (value: string): string => (value === '00:00' ? '24:00' : value);
export const endToInput = (end: string): string => (end === '24:00' ? '00:00' : end);

/** A whole number typed in a box, or NaN when it is not one. */
export const wholeNumber = (text: string): number =>
  /^\s*\d{1,6}\s*$/.test(text) ? Number(text) : Number.NaN;
