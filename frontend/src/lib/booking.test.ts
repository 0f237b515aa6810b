import { describe, expect, it } from 'vitest';
import { ApiError } from './api';
import {
  bookingErrorMessage,
  endFromInput,
  endToInput,
  formatCalendarDate,
  formatTimeIn,
  isBookingPaused,
  isStaleSlot,
  wholeNumber,
} from './booking';
import { addDays, todayIn, zoneName } from './zoned-time';

const problem = (status: number, type: string, detail?: string) =>
  new ApiError({ type: `/api/docs#problem-${type}`, title: 'Title', status, detail });

describe('todayIn and addDays', () => {
  it('reads the date on the wall calendar of the zone, not of UTC', () => {
    const lateEvening = new Date('2026-11-21T23:30:00Z');

    expect(todayIn('UTC', lateEvening)).toBe('2026-11-21');
    expect(todayIn('Europe/Berlin', lateEvening)).toBe('2026-11-22');
    expect(todayIn('America/Chicago', lateEvening)).toBe('2026-11-21');
  });

  it('moves across months, years and clock changes by whole dates', () => {
    expect(addDays('2026-11-28', 7)).toBe('2026-12-05');
    expect(addDays('2026-12-29', 7)).toBe('2027-01-05');
    expect(addDays('2026-03-26', 7)).toBe('2026-04-02');
    expect(addDays('2026-11-05', -7)).toBe('2026-10-29');
  });
});

describe('times in a zone', () => {
  it('formats an instant on the wall clock of the zone, 24-hour like the slot labels', () => {
    expect(formatTimeIn('2026-11-23T08:00:00.000Z', 'Europe/Berlin')).toBe('09:00');
    expect(formatTimeIn('2026-11-23T08:00:00.000Z', 'America/Chicago')).toBe('02:00');
    expect(formatTimeIn('2026-07-01T08:00:00.000Z', 'Europe/Berlin')).toBe('10:00');
  });

  it('names a calendar date without shifting it into another day', () => {
    expect(formatCalendarDate('2026-11-23', { weekday: 'long' })).toBe(
      new Intl.DateTimeFormat(undefined, { weekday: 'long', timeZone: 'UTC' }).format(
        new Date('2026-11-23T12:00:00Z'),
      ),
    );
  });

  it('writes zones with spaces', () => {
    expect(zoneName('America/New_York')).toBe('America/New York');
  });
});

describe('working interval ends', () => {
  it('reads 00:00 as the end of the day and shows 24:00 as 00:00', () => {
    expect(endFromInput('00:00')).toBe('24:00');
    expect(endFromInput('17:30')).toBe('17:30');
    expect(endToInput('24:00')).toBe('00:00');
    expect(endToInput('12:00')).toBe('12:00');
  });
});

describe('wholeNumber', () => {
  it('accepts whole numbers only', () => {
    expect(wholeNumber(' 30 ')).toBe(30);
    expect(wholeNumber('0')).toBe(0);
    expect(wholeNumber('')).toBeNaN();
    expect(wholeNumber('1.5')).toBeNaN();
    expect(wholeNumber('-1')).toBeNaN();
  });
});

describe('booking problems', () => {
  it('keeps the API’s words when booking is paused or Google is slow, though the status is 503', () => {
    const paused = problem(503, 'booking-paused', 'Booking is paused while the agency reconnects.');

    expect(bookingErrorMessage(paused)).toBe('Booking is paused while the agency reconnects.');
    expect(isBookingPaused(paused)).toBe(true);
    expect(bookingErrorMessage(problem(503, 'calendar-unavailable', 'Google did not answer.'))).toBe(
      'Google did not answer.',
    );
    expect(bookingErrorMessage(problem(500, 'internal', 'The error has been logged.'))).toMatch(
      /Something went wrong on our side/,
    );
  });

  it('tells a slot that is gone from other conflicts', () => {
    expect(isStaleSlot(problem(409, 'slot-taken'))).toBe(true);
    expect(isStaleSlot(problem(409, 'slot-unavailable'))).toBe(true);
    expect(isStaleSlot(problem(409, 'day-full'))).toBe(true);
    expect(isStaleSlot(problem(409, 'change-notice-passed'))).toBe(false);
    expect(isStaleSlot(problem(409, 'version-conflict'))).toBe(false);
  });
});
