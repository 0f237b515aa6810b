import { describe, expect, it } from 'vitest';
import { endOfLocalDay, hasOffset, localToUtc, startOfLocalDay, utcToLocal } from './zones';

describe('local time to UTC', () => {
  it('reads a wall-clock time in the zone, summer and winter', () => {
    expect(localToUtc('2026-05-04T09:30', 'Europe/Berlin')).toBe('2026-05-04T07:30:00.000Z');
    expect(localToUtc('2026-01-15T09:30', 'Europe/Berlin')).toBe('2026-01-15T08:30:00.000Z');
    expect(localToUtc('2026-05-04T09:30', 'Asia/Kolkata')).toBe('2026-05-04T04:00:00.000Z');
    expect(localToUtc('2026-05-04T09:30', 'UTC')).toBe('2026-05-04T09:30:00.000Z');
  });

  it('refuses a time the clock skips when it springs forward', () => {
    expect(localToUtc('2026-03-08T02:30', 'America/New_York')).toBeUndefined();
    expect(localToUtc('2026-03-29T02:15', 'Europe/Berlin')).toBeUndefined();
    expect(localToUtc('2026-03-08T03:00', 'America/New_York')).toBe('2026-03-08T07:00:00.000Z');
  });

  it('takes the first of a time that happens twice when the clock falls back', () => {
    expect(localToUtc('2026-11-01T01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
  });

  it('round-trips through the wall clock', () => {
    for (const zone of ['America/Chicago', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kathmandu']) {
      const instant = localToUtc('2026-07-01T17:45', zone)!;
      expect(utcToLocal(instant, zone), zone).toBe('2026-07-01T17:45');
    }
  });
});

describe('local days', () => {
  it('spans 23 hours on the day the clock springs forward', () => {
    const start = startOfLocalDay('2026-03-08', 'America/New_York');
    const end = endOfLocalDay('2026-03-08', 'America/New_York');

    expect(start).toBe('2026-03-08T05:00:00.000Z');
    expect(end).toBe('2026-03-09T04:00:00.000Z');
    expect(Date.parse(end) - Date.parse(start)).toBe(23 * 3_600_000);
  });

  it('starts at the clock change where midnight does not exist', () => {
    // Chile springs forward at midnight: 2026-09-06 begins at 01:00 local.
    expect(localToUtc('2026-09-06T00:00', 'America/Santiago')).toBeUndefined();
    expect(startOfLocalDay('2026-09-06', 'America/Santiago')).toBe('2026-09-06T04:00:00.000Z');
    expect(utcToLocal(startOfLocalDay('2026-09-06', 'America/Santiago'), 'America/Santiago')).toBe(
      '2026-09-06T01:00',
    );
  });
});

describe('offsets', () => {
  it('tells an instant with an offset from a wall-clock time', () => {
    expect(hasOffset('2026-05-04T09:30:00Z')).toBe(true);
    expect(hasOffset('2026-05-04T09:30+02:00')).toBe(true);
    expect(hasOffset('2026-05-04T09:30')).toBe(false);
  });
});
