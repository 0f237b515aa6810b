import { describe, expect, it } from 'vitest';
import { functions } from '../functions/manifest';
import { CronConversionError, toEventBridgeCron } from './constructs/cron-expression';

describe('toEventBridgeCron', () => {
  it.each([
    ['* * * * *', 'cron(* * * * ? *)'],
    ['0 7 * * *', 'cron(0 7 * * ? *)'],
    ['30 8 1 * *', 'cron(30 8 1 * ? *)'],
    ['0 0 1,15 * *', 'cron(0 0 1,15 * ? *)'],
    ['15 6 * 1-6 *', 'cron(15 6 * 1-6 ? *)'],
    ['0 12 * JAN,JUL *', 'cron(0 12 * 1,7 ? *)'],
  ])('puts ? in day-of-week when only the day of month matters: %s', (cron, expected) => {
    expect(toEventBridgeCron(cron)).toBe(expected);
  });

  it.each([
    ['0 9 * * 1-5', 'cron(0 9 ? * 2-6 *)'],
    ['0 9 * * MON-FRI', 'cron(0 9 ? * 2-6 *)'],
    ['0 0 * * 0', 'cron(0 0 ? * 1 *)'],
    ['0 0 * * 7', 'cron(0 0 ? * 1 *)'],
    ['0 0 * * SUN', 'cron(0 0 ? * 1 *)'],
    ['0 0 * * 6', 'cron(0 0 ? * 7 *)'],
    ['0 0 * * 0,6', 'cron(0 0 ? * 1,7 *)'],
    ['0 10 * * 5-7', 'cron(0 10 ? * 1,6-7 *)'],
    ['0 10 * * 1,3,5', 'cron(0 10 ? * 2,4,6 *)'],
    ['0 10 * * */2', 'cron(0 10 ? * 1,3,5,7 *)'],
  ])('renumbers weekdays from Sunday = 1 and puts ? in day-of-month: %s', (cron, expected) => {
    expect(toEventBridgeCron(cron)).toBe(expected);
  });

  it.each([
    ['*/15 * * * *', 'cron(0/15 * * * ? *)'],
    ['5/10 * * * *', 'cron(5/10 * * * ? *)'],
    ['0 */6 * * *', 'cron(0 0/6 * * ? *)'],
    ['0-30/10 * * * *', 'cron(0,10,20,30 * * * ? *)'],
    ['0 0 */2 * *', 'cron(0 0 1/2 * ? *)'],
  ])('writes steps in the start/step form EventBridge documents: %s', (cron, expected) => {
    expect(toEventBridgeCron(cron)).toBe(expected);
  });

  it('tolerates extra whitespace and lower-case names', () => {
    expect(toEventBridgeCron('  0  9 * *   mon-fri ')).toBe('cron(0 9 ? * 2-6 *)');
  });

  it('rejects restricting both day of month and day of week, whose OR semantics EventBridge lacks', () => {
    expect(() => toEventBridgeCron('0 0 1 * 1')).toThrow(CronConversionError);
  });

  it.each([
    ['0 0 * *', /expected 5 fields/],
    ['0 0 * * * 2026', /expected 5 fields/],
    ['@daily', /expected 5 fields/],
    ['60 * * * *', /minute 60 is outside 0-59/],
    ['0 24 * * *', /hour 24 is outside 0-23/],
    ['0 0 0 * *', /day of month 0 is outside 1-31/],
    ['0 0 * 13 *', /month 13 is outside 1-12/],
    ['0 0 * * 8', /day of week 8 is outside 0-7/],
    ['0 0 L * *', /not a valid day of month/],
    ['0 0 * * 5#2', /unsupported day of week/],
    ['0 0 * * FRI-MON', /runs backwards/],
    ['*/0 * * * *', /step must be at least 1/],
  ])('rejects %s', (cron, message) => {
    expect(() => toEventBridgeCron(cron)).toThrow(message);
  });

  it('converts every schedule of the manifest', () => {
    const schedules = functions.flatMap((fn) => fn.schedules ?? []);
    expect(schedules.length).toBeGreaterThan(0);
    for (const { cron } of schedules)
      expect(toEventBridgeCron(cron)).toMatch(/^cron\(\S+ \S+ \S+ \S+ \S+ \*\)$/);
  });
});
