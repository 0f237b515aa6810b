import { describe, expect, it } from 'vitest';
import { id } from '../http/contracts';
import {
  digestPartitions,
  followingDigestAt,
  formatDuration,
  isQuiet,
  localDateOf,
  localMoment,
  median,
  nextDailyAt,
  outsideQuietHours,
  recipientHash,
  runIdFor,
  stepIdFor,
} from './schedule';

const at = (iso: string) => new Date(iso);

describe('nextDailyAt', () => {
  it("finds the next morning on the organization's clock, today or tomorrow", () => {
    // 05:59 UTC is 07:59 in Berlin in summer: today's 07:00 has passed.
    expect(nextDailyAt(7, 'Europe/Berlin', at('2026-06-10T04:00:00Z')).toISOString()).toBe(
      '2026-06-10T05:00:00.000Z',
    );
    expect(nextDailyAt(7, 'Europe/Berlin', at('2026-06-10T05:59:00Z')).toISOString()).toBe(
      '2026-06-11T05:00:00.000Z',
    );
    // Exactly at the digest time counts as sent: the next one is tomorrow.
    expect(nextDailyAt(7, 'Europe/Berlin', at('2026-06-10T05:00:00Z')).toISOString()).toBe(
      '2026-06-11T05:00:00.000Z',
    );
  });

  it('follows daylight saving time, so the hour stays the local hour', () => {
    // Berlin springs forward on 29 March 2026: 07:00 is 06:00 UTC before and 05:00 UTC after.
    expect(nextDailyAt(7, 'Europe/Berlin', at('2026-03-28T07:00:00Z')).toISOString()).toBe(
      '2026-03-29T05:00:00.000Z',
    );
    // Chicago falls back on 1 November 2026 at 07:00 UTC: 07:00 was 12:00 UTC the day before, 13:00 now.
    expect(nextDailyAt(7, 'America/Chicago', at('2026-10-31T11:00:00Z')).toISOString()).toBe(
      '2026-10-31T12:00:00.000Z',
    );
    expect(nextDailyAt(7, 'America/Chicago', at('2026-11-01T12:00:00Z')).toISOString()).toBe(
      '2026-11-01T13:00:00.000Z',
    );
  });

  it('sends an hour the clock skips when the clock resumes, and half-hour zones at their hour', () => {
    expect(nextDailyAt(2, 'Europe/Berlin', at('2026-03-28T12:00:00Z')).toISOString()).toBe(
      '2026-03-29T01:00:00.000Z', // 03:00 CEST
    );
    expect(nextDailyAt(7, 'Asia/Kolkata', at('2026-06-10T00:00:00Z')).toISOString()).toBe(
      '2026-06-10T01:30:00.000Z',
    );
  });
});

describe('the daily digest in every kind of zone', () => {
  const HOUR = 3_600_000;
  const firstRun = Date.parse('2026-01-01T00:00:00Z');
  const lastRun = Date.parse('2027-01-02T00:00:00Z');

  /**
   * A year of hourly fan-outs, as the schedule index sees them: a run at `now` publishes the digest when
   * its partition is one the run reads and it is due by then; handling it moves the schedule on.
   */
  const simulateYear = (hour: number, timeZone: string) => {
    const sent: { localDate: string; digestAt: number; sentAt: number }[] = [];
    let next = nextDailyAt(hour, timeZone, new Date(firstRun - 1));
    for (let now = firstRun; now <= lastRun; now += HOUR) {
      const due =
        digestPartitions(new Date(now)).includes(next.toISOString().slice(11, 13)) && next.getTime() <= now;
      if (!due) continue;
      sent.push({ localDate: localDateOf(next, timeZone), digestAt: next.getTime(), sentAt: now });
      next = followingDigestAt(hour, timeZone, next, new Date(now));
    }
    return sent;
  };

  const zones = [
    'Asia/Kolkata',
    'America/St_Johns',
    'Asia/Kathmandu',
    'Australia/Lord_Howe',
    'Europe/Berlin',
  ];

  it.each(zones.flatMap((zone) => [0, 7, 23].map((hour) => [zone, hour] as const)))(
    'in %s at %i:00 arrives once a local day, at the first hourly run at or after that hour',
    (timeZone, hour) => {
      const sent = simulateYear(hour, timeZone);
      const dates = sent.map((digest) => digest.localDate);
      expect(new Set(dates).size).toBe(dates.length);
      // Every local date from the first digest to the last, none skipped.
      const days = (Date.parse(dates.at(-1)!) - Date.parse(dates[0]!)) / (24 * HOUR) + 1;
      expect(dates).toHaveLength(days);
      expect(days).toBeGreaterThanOrEqual(365);
      for (const digest of sent) {
        const local = localMoment(digest.localDate, `${String(hour).padStart(2, '0')}:00`, timeZone);
        expect(digest.digestAt).toBe(local.getTime());
        expect(digest.sentAt - digest.digestAt).toBeGreaterThanOrEqual(0);
        expect(digest.sentAt - digest.digestAt).toBeLessThan(HOUR);
      }
    },
  );

  it('goes out at 02:00 UTC for 07:00 in Kolkata (01:30 UTC), at 11:00 for St. John’s, 02:00 for Kathmandu', () => {
    const sentAt = (zone: string) => new Date(simulateYear(7, zone)[180]!.sentAt).toISOString().slice(11, 16);
    expect(sentAt('Asia/Kolkata')).toBe('02:00');
    expect(sentAt('Asia/Kathmandu')).toBe('02:00');
    expect(['10:00', '11:00']).toContain(sentAt('America/St_Johns'));
  });

  it('catches up a missed run with the next one, on the right local date, and never sends it twice', () => {
    const digestAt = at('2026-06-10T01:30:00Z'); // 07:00 in Kolkata
    // The 02:00 run failed: the 03:00 run still reads partition 01 and sends it.
    expect(digestPartitions(at('2026-06-10T03:00:00Z'))).toEqual(['01', '02', '03']);
    expect(localDateOf(digestAt, 'Asia/Kolkata')).toBe('2026-06-10');
    // Handled late, the next digest is still tomorrow's morning, not a second one today.
    expect(followingDigestAt(7, 'Asia/Kolkata', digestAt, at('2026-06-10T03:00:00Z')).toISOString()).toBe(
      '2026-06-11T01:30:00.000Z',
    );
  });
});

describe('quiet hours', () => {
  const night = { start: '20:00', end: '08:00' };

  it('span midnight when the start is after the end', () => {
    expect(isQuiet('19:59', night)).toBe(false);
    expect(isQuiet('20:00', night)).toBe(true);
    expect(isQuiet('03:00', night)).toBe(true);
    expect(isQuiet('08:00', night)).toBe(false);
    expect(isQuiet('12:30', { start: '12:00', end: '13:00' })).toBe(true);
    expect(isQuiet('13:00', { start: '12:00', end: '13:00' })).toBe(false);
  });

  it('move a message due inside them to their end, the same night or the next morning', () => {
    // 22:30 Berlin (CEST) → 08:00 the next day; 03:00 → 08:00 the same day.
    expect(outsideQuietHours(at('2026-06-10T20:30:00Z'), night, 'Europe/Berlin').toISOString()).toBe(
      '2026-06-11T06:00:00.000Z',
    );
    expect(outsideQuietHours(at('2026-06-11T01:00:00Z'), night, 'Europe/Berlin').toISOString()).toBe(
      '2026-06-11T06:00:00.000Z',
    );
  });

  it('leave a message outside them, or without any, as it is', () => {
    const noon = at('2026-06-10T10:00:00Z');
    expect(outsideQuietHours(noon, night, 'Europe/Berlin')).toBe(noon);
    expect(outsideQuietHours(at('2026-06-10T22:00:00Z'), null, 'Europe/Berlin').toISOString()).toBe(
      '2026-06-10T22:00:00.000Z',
    );
  });

  it('end on the local clock across a daylight saving change', () => {
    // The night of 28–29 March 2026 in Berlin: 08:00 on the 29th is 06:00 UTC (CEST), not 07:00.
    expect(outsideQuietHours(at('2026-03-28T21:00:00Z'), night, 'Europe/Berlin').toISOString()).toBe(
      '2026-03-29T06:00:00.000Z',
    );
  });
});

describe('localMoment', () => {
  it('resolves a skipped wall-clock time to the moment the clock resumes', () => {
    expect(localMoment('2026-03-29', '02:30', 'Europe/Berlin').toISOString()).toBe(
      '2026-03-29T01:00:00.000Z',
    );
  });
});

describe('ids', () => {
  it('give a run the same valid, time-ordered id for the same trigger and key', () => {
    const first = runIdFor('lead-capture:01J', at('2026-06-10T10:00:00Z'));
    expect(runIdFor('lead-capture:01J', at('2026-06-10T10:00:00Z'))).toBe(first);
    expect(runIdFor('lead-capture:01K', at('2026-06-10T10:00:00Z'))).not.toBe(first);
    expect(id.safeParse(first).success).toBe(true);
    expect(runIdFor('a', at('2026-06-10T10:00:01Z')) > runIdFor('z', at('2026-06-10T10:00:00Z'))).toBe(true);
  });

  it('give a step a stable valid id, and recipients a hash instead of their address', () => {
    const stepId = stepIdFor('review-request:01J');
    expect(stepIdFor('review-request:01J')).toBe(stepId);
    expect(id.safeParse(stepId).success).toBe(true);
    expect(stepId[0]! <= '7').toBe(true);
    expect(recipientHash('Ada@Example.com')).toBe(recipientHash('ada@example.com'));
    expect(recipientHash('ada@example.com')).not.toContain('ada');
  });
});

describe('figures', () => {
  it('take the median of odd and even counts', () => {
    expect(median([])).toBeUndefined();
    expect(median([30, 10, 20])).toBe(20);
    expect(median([40, 10, 20, 30])).toBe(25);
  });

  it('read durations as people do', () => {
    expect(formatDuration(45)).toBe('45 min');
    expect(formatDuration(200)).toBe('3 h 20 min');
    expect(formatDuration(180)).toBe('3 h');
    expect(formatDuration(3 * 24 * 60 + 125)).toBe('3 d 2 h');
  });
});
