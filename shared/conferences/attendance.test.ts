import { describe, expect, it } from 'vitest';
import { attendanceLimits, type PersonRecord, planAttendance, type WatchRecord } from './attendance';

const now = new Date('2027-03-04T09:30:40Z');
const secondsAgo = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();
const watch = (lastBeatSecondsAgo: number): WatchRecord => ({
  joins: 1,
  watchSeconds: 0,
  lastBeatAt: secondsAgo(lastBeatSecondsAgo),
});
const person = (overrides: Partial<PersonRecord> = {}): PersonRecord => ({
  joins: 1,
  items: 1,
  watchSeconds: 100,
  lastSeenAt: secondsAgo(30),
  lastMinute: '2027-03-04T09:30',
  lastDay: '2027-03-04',
  engaged: false,
  ...overrides,
});

const credit = (plan: ReturnType<typeof planAttendance>) => {
  if (plan.kind !== 'credit') throw new Error(`Expected a credit, got ${plan.kind}`);
  return plan.credit;
};

describe('an attendance signal', () => {
  it('counts a first join as a new viewer, person, minute and day, with no watch time yet', () => {
    expect(credit(planAttendance('join', undefined, undefined, now, '2027-03-04'))).toEqual({
      joins: 1,
      seconds: 0,
      newViewer: true,
      newPerson: true,
      newMinute: true,
      newDay: true,
      becomesEngaged: false,
      minute: '2027-03-04T09:30',
      day: '2027-03-04',
    });
  });

  it('credits the time since the last beat, measured by the server', () => {
    const plan = credit(planAttendance('beat', watch(31), person(), now, '2027-03-04'));
    expect(plan).toMatchObject({ joins: 0, seconds: 31, newViewer: false, newMinute: false, newDay: false });
  });

  it('refuses beats closer together than the minimum, saying when to come back', () => {
    expect(planAttendance('beat', watch(5), person(), now, '2027-03-04')).toEqual({
      kind: 'too-soon',
      retryAfterSeconds: attendanceLimits.minBeatSeconds - 5,
    });
    expect(planAttendance('join', watch(5), person(), now, '2027-03-04').kind).toBe('too-soon');
  });

  it('caps one beat’s credit and credits nothing across a long gap', () => {
    expect(credit(planAttendance('beat', watch(75), person(), now, '2027-03-04')).seconds).toBe(
      attendanceLimits.maxCreditSeconds,
    );
    expect(credit(planAttendance('beat', watch(600), person(), now, '2027-03-04')).seconds).toBe(0);
  });

  it('counts a beat without a join before it as one visit', () => {
    expect(credit(planAttendance('beat', undefined, person(), now, '2027-03-04'))).toMatchObject({
      joins: 1,
      seconds: 0,
      newViewer: true,
      newPerson: false,
    });
  });

  it('makes a person engaged once, when their total crosses the threshold', () => {
    const close = person({ watchSeconds: attendanceLimits.engagedSeconds - 30 });
    expect(credit(planAttendance('beat', watch(30), close, now, '2027-03-04')).becomesEngaged).toBe(true);
    const already = person({ watchSeconds: attendanceLimits.engagedSeconds + 30, engaged: true });
    expect(credit(planAttendance('beat', watch(30), already, now, '2027-03-04')).becomesEngaged).toBe(false);
  });

  it('counts a person again in a new minute and on a new conference day', () => {
    const yesterday = person({ lastMinute: '2027-03-03T18:00', lastDay: '2027-03-03' });
    expect(credit(planAttendance('beat', watch(30), yesterday, now, '2027-03-04'))).toMatchObject({
      newMinute: true,
      newDay: true,
    });
  });
});
