import { describe, expect, it } from 'vitest';
import {
  addDays,
  defaultScheduleLocal,
  formatInZone,
  formatTimeInZone,
  sameClock,
  todayIn,
  wallClockIn,
  zoneName,
} from './zoned-time';

describe('wallClockIn', () => {
  it('reads an instant on another zone’s clock, across daylight saving', () => {
    expect(wallClockIn('America/Chicago', '2026-11-23T19:30:00.000Z')).toBe('2026-11-23T13:30');
    expect(wallClockIn('America/Chicago', '2026-07-01T19:30:00.000Z')).toBe('2026-07-01T14:30');
    expect(wallClockIn('Asia/Kolkata', '2026-07-01T19:30:00.000Z')).toBe('2026-07-02T01:00');
    expect(wallClockIn('UTC', '2026-01-01T00:00:00.000Z')).toBe('2026-01-01T00:00');
  });
});

describe('todayIn', () => {
  it('is the organization’s date, not the browser’s', () => {
    const now = new Date('2026-11-21T03:00:00.000Z');
    expect(todayIn('America/Chicago', now)).toBe('2026-11-20');
    expect(todayIn('Europe/Berlin', now)).toBe('2026-11-21');
    expect(todayIn('Pacific/Kiritimati', new Date('2026-11-21T11:00:00.000Z'))).toBe('2026-11-22');
  });
});

describe('addDays', () => {
  it('moves across months, leap days and years', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('defaultScheduleLocal', () => {
  it('suggests nine in the morning of the organization’s tomorrow', () => {
    expect(defaultScheduleLocal('America/Chicago', new Date('2026-11-21T03:00:00.000Z'))).toBe(
      '2026-11-21T09:00',
    );
    expect(defaultScheduleLocal('Europe/Berlin', new Date('2026-11-21T03:00:00.000Z'))).toBe(
      '2026-11-22T09:00',
    );
  });
});

describe('formatting on a zone’s clock', () => {
  it('shows the organization’s wall clock', () => {
    expect(formatInZone('2026-11-23T19:30:00.000Z', 'America/Chicago', 'en-US')).toBe(
      'Mon, Nov 23, 2026, 1:30 PM',
    );
    expect(formatTimeInZone('2026-11-23T19:30:00.000Z', 'Europe/Berlin', 'en-GB')).toBe('20:30');
  });

  it('names zones as people read them', () => {
    expect(zoneName('America/New_York')).toBe('America/New York');
  });

  it('tells when two zones show the same clock', () => {
    expect(sameClock('Europe/Berlin', 'Europe/Paris', '2026-11-23T19:30:00.000Z')).toBe(true);
    expect(sameClock('Europe/Berlin', 'America/Chicago', '2026-11-23T19:30:00.000Z')).toBe(false);
  });
});
