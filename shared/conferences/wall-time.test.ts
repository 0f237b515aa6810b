import { describe, expect, it } from 'vitest';
import { offsetLabel, resolveWallTime, wallTimeOf } from './wall-time';

describe('a wall time in a conference zone', () => {
  it('resolves plainly on an ordinary day', () => {
    expect(resolveWallTime('2027-03-04T09:30', 'Europe/Berlin')).toEqual({
      kind: 'exact',
      utc: '2027-03-04T08:30:00.000Z',
    });
  });

  it('does not exist in Berlin’s spring-forward gap (last Sunday of March)', () => {
    expect(resolveWallTime('2027-03-28T02:30', 'Europe/Berlin')).toEqual({ kind: 'gap' });
    expect(resolveWallTime('2027-03-28T01:59', 'Europe/Berlin')).toMatchObject({
      utc: '2027-03-28T00:59:00.000Z',
    });
    expect(resolveWallTime('2027-03-28T03:00', 'Europe/Berlin')).toMatchObject({
      utc: '2027-03-28T01:00:00.000Z',
    });
  });

  it('happens twice in Berlin’s fall-back hour (last Sunday of October) and takes the earlier', () => {
    expect(resolveWallTime('2027-10-31T02:30', 'Europe/Berlin')).toEqual({
      kind: 'ambiguous',
      utc: '2027-10-31T00:30:00.000Z',
      laterUtc: '2027-10-31T01:30:00.000Z',
    });
  });

  it('follows New York across its changes (second Sunday of March, first of November)', () => {
    expect(resolveWallTime('2027-03-14T02:15', 'America/New_York')).toEqual({ kind: 'gap' });
    expect(resolveWallTime('2027-03-14T09:00', 'America/New_York')).toMatchObject({
      utc: '2027-03-14T13:00:00.000Z',
    });
    expect(resolveWallTime('2027-11-07T01:30', 'America/New_York')).toMatchObject({
      kind: 'ambiguous',
      utc: '2027-11-07T05:30:00.000Z',
    });
  });

  it('handles half-hour and quarter-hour zones', () => {
    expect(resolveWallTime('2027-03-04T09:00', 'Asia/Kolkata')).toMatchObject({
      utc: '2027-03-04T03:30:00.000Z',
    });
    expect(resolveWallTime('2027-03-04T09:00', 'Asia/Kathmandu')).toMatchObject({
      utc: '2027-03-04T03:15:00.000Z',
    });
    // Adelaide: +10:30 in its summer (until the first Sunday of April), +9:30 in winter.
    expect(resolveWallTime('2027-03-04T09:00', 'Australia/Adelaide')).toMatchObject({
      utc: '2027-03-03T22:30:00.000Z',
    });
    expect(resolveWallTime('2027-06-04T09:00', 'Australia/Adelaide')).toMatchObject({
      utc: '2027-06-03T23:30:00.000Z',
    });
    expect(resolveWallTime('2027-10-03T02:30', 'Australia/Adelaide')).toEqual({ kind: 'gap' });
  });

  it('reads back as the same wall time, with its offset', () => {
    for (const [wall, zone, offset] of [
      ['2027-03-04T09:30', 'Asia/Kathmandu', '+05:45'],
      ['2027-07-01T18:00', 'America/New_York', '-04:00'],
      ['2027-10-31T03:00', 'Europe/Berlin', '+01:00'],
    ] as const) {
      const resolved = resolveWallTime(wall, zone);
      if (resolved.kind === 'gap') throw new Error('unexpected gap');
      expect(wallTimeOf(resolved.utc, zone)).toBe(wall);
      expect(offsetLabel(resolved.utc, zone)).toBe(offset);
    }
  });
});
