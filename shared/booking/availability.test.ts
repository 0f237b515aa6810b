import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { localDate } from '../time/zones';
import { type AvailabilityInput, computeSlots, groupByLocalDay, isSlotOffered } from './availability';
import {
  type AvailabilitySettings,
  availabilitySettings,
  type DayHours,
  type Slot,
  type TimeRange,
} from './availability-contracts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** Weekly hours from `{ 1: [['09:00', '12:00']] }`; unlisted days are closed. */
const week = (days: Partial<Record<Weekday, [string, string][]>>): DayHours[] =>
  Array.from({ length: 7 }, (_, day) => (days[day as Weekday] ?? []).map(([start, end]) => ({ start, end })));

const settingsWith = (overrides: Partial<AvailabilitySettings> = {}): AvailabilitySettings =>
  availabilitySettings.parse({
    timeZone: 'Europe/Berlin',
    workingHours: week({ 1: [['09:00', '12:00']] }),
    slotMinutes: 30,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 0,
    minimumNoticeHours: 0,
    maxPerDay: 10,
    horizonDays: 7,
    dateOverrides: [],
    ...overrides,
  });

/** Sunday 2026-03-01, noon UTC: the week ahead starts with Monday 2026-03-02 (Berlin is UTC+1). */
const sundayNoon = new Date('2026-03-01T12:00:00Z');

const input = (
  settings: Partial<AvailabilitySettings> = {},
  rest: Partial<Omit<AvailabilityInput, 'settings'>> = {},
): AvailabilityInput => ({
  settings: settingsWith(settings),
  busy: [],
  booked: [],
  now: sundayNoon,
  ...rest,
});

const startsOf = (slots: Slot[]) => slots.map((slot) => slot.start);

/** `count` consecutive slots of `minutes` from a UTC instant, as `computeSlots` writes them. */
const run = (first: string, count: number, minutes: number): Slot[] =>
  Array.from({ length: count }, (_, index) => {
    const start = Date.parse(first) + index * minutes * MINUTE;
    return { start: new Date(start).toISOString(), end: new Date(start + minutes * MINUTE).toISOString() };
  });

const range = (start: string, end: string): TimeRange => ({ start, end });

describe('a plain week', () => {
  it('offers a Berlin Monday 09:00–12:00 as six 30-minute slots in UTC', () => {
    expect(computeSlots(input())).toEqual(run('2026-03-02T08:00:00Z', 6, 30));
  });

  it('splits the day at a lunch break', () => {
    const slots = computeSlots(
      input({
        workingHours: week({
          1: [
            ['09:00', '12:00'],
            ['13:00', '15:00'],
          ],
        }),
      }),
    );

    expect(slots).toEqual([...run('2026-03-02T08:00:00Z', 6, 30), ...run('2026-03-02T12:00:00Z', 4, 30)]);
  });

  it('restarts the slot grid at the start of each working interval', () => {
    const slots = computeSlots(
      input({
        workingHours: week({
          1: [
            ['10:45', '11:45'],
            ['09:15', '10:30'],
          ],
        }),
      }),
    );

    expect(startsOf(slots)).toEqual([
      '2026-03-02T08:15:00.000Z',
      '2026-03-02T08:45:00.000Z',
      '2026-03-02T09:45:00.000Z',
      '2026-03-02T10:15:00.000Z',
    ]);
  });

  it('accepts working hours that run until 24:00', () => {
    const slots = computeSlots(input({ workingHours: week({ 1: [['22:30', '24:00']] }), slotMinutes: 45 }));

    expect(slots).toEqual(run('2026-03-02T21:30:00Z', 2, 45));
  });

  describe('around a busy block from 10:00 to 10:30 Berlin time', () => {
    const busy = [range('2026-03-02T10:00:00+01:00', '2026-03-02T10:30:00+01:00')];

    it.each([
      { before: 0, after: 0, local: ['09:00', '09:30', '10:30', '11:00', '11:30'] },
      { before: 15, after: 0, local: ['09:00', '09:30', '11:00', '11:30'] },
      { before: 0, after: 15, local: ['09:00', '10:30', '11:00', '11:30'] },
      { before: 15, after: 15, local: ['09:00', '11:00', '11:30'] },
    ])(
      'offers $local with buffers of $before min before and $after min after',
      ({ before, after, local }) => {
        const slots = computeSlots(
          input({ bufferBeforeMinutes: before, bufferAfterMinutes: after }, { busy }),
        );

        expect(groupByLocalDay(slots, 'Europe/Berlin')[0]?.slots.map((slot) => slot.label)).toEqual(local);
      },
    );

    it('treats an existing booking like busy time', () => {
      expect(computeSlots(input({}, { booked: busy }))).toEqual(computeSlots(input({}, { busy })));
    });

    it.each([
      { before: 15, after: 0, local: ['09:00', '11:00', '11:30'] },
      { before: 0, after: 15, local: ['09:00', '11:00', '11:30'] },
      { before: 15, after: 15, local: ['09:00', '11:00', '11:30'] },
    ])(
      'keeps the breaks of a booking too: offers $local around a booking with $before / $after min buffers',
      ({ before, after, local }) => {
        const slots = computeSlots(
          input({ bufferBeforeMinutes: before, bufferAfterMinutes: after }, { booked: busy }),
        );

        expect(groupByLocalDay(slots, 'Europe/Berlin')[0]?.slots.map((slot) => slot.label)).toEqual(local);
      },
    );
  });

  it('hides slots that start sooner than the minimum notice', () => {
    const now = new Date('2026-03-02T08:10:00Z'); // 09:10 in Berlin

    expect(computeSlots(input({ minimumNoticeHours: 1 }, { now }))).toEqual(
      run('2026-03-02T09:30:00Z', 3, 30),
    );
  });

  describe('with at most two bookings a day', () => {
    const weekdays = week({ 1: [['09:00', '12:00']], 2: [['09:00', '12:00']] });
    const mondayAt = (time: string) => range(`2026-03-02T${time}:00+01:00`, `2026-03-02T${time}:30+01:00`);

    it('still offers a day that has one booking, without the booked slot', () => {
      const slots = computeSlots(
        input({ workingHours: weekdays, maxPerDay: 2 }, { booked: [mondayAt('09')] }),
      );

      expect(startsOf(slots)).not.toContain('2026-03-02T08:00:00.000Z');
      expect(slots).toHaveLength(5 + 6);
    });

    it('closes a day once it has two bookings, and leaves the next day open', () => {
      const booked = [mondayAt('09'), mondayAt('11')];
      const slots = computeSlots(input({ workingHours: weekdays, maxPerDay: 2 }, { booked }));

      expect(slots).toEqual(run('2026-03-03T08:00:00Z', 6, 30));
    });

    it('counts a booking toward its start date in the operator time zone', () => {
      // 23:30 UTC on Monday is 00:30 on Tuesday in Berlin.
      const booked = [range('2026-03-02T23:30:00Z', '2026-03-03T00:00:00Z')];
      const slots = computeSlots(input({ workingHours: weekdays, maxPerDay: 1 }, { booked }));

      expect(slots).toEqual(run('2026-03-02T08:00:00Z', 6, 30));
    });
  });

  it('offers nothing that ends after the horizon', () => {
    const now = new Date('2026-03-01T09:45:00Z'); // the horizon ends Monday 10:45 in Berlin

    expect(computeSlots(input({ horizonDays: 1 }, { now }))).toEqual(run('2026-03-02T08:00:00Z', 3, 30));
  });

  it('reaches the next Monday only when the horizon does', () => {
    expect(computeSlots(input({ horizonDays: 7 }))).toHaveLength(6);
    expect(computeSlots(input({ horizonDays: 8 }))).toEqual([
      ...run('2026-03-02T08:00:00Z', 6, 30),
      ...run('2026-03-09T08:00:00Z', 6, 30),
    ]);
  });

  it('closes a day with an empty override and opens another with override hours', () => {
    const slots = computeSlots(
      input(
        {
          horizonDays: 8,
          dateOverrides: [
            { date: '2026-03-02', hours: [] },
            { date: '2026-03-07', hours: [{ start: '10:00', end: '11:00' }] },
          ],
        },
        {},
      ),
    );

    expect(slots).toEqual([...run('2026-03-07T09:00:00Z', 2, 30), ...run('2026-03-09T08:00:00Z', 6, 30)]);
  });

  it('replaces the weekly hours of a date with its override hours', () => {
    const slots = computeSlots(
      input({ dateOverrides: [{ date: '2026-03-02', hours: [{ start: '14:00', end: '15:00' }] }] }),
    );

    expect(slots).toEqual(run('2026-03-02T13:00:00Z', 2, 30));
  });

  it('refuses to treat an unreadable busy block as free time', () => {
    expect(() => computeSlots(input({}, { busy: [range('soon', '2026-03-02T10:00:00Z')] }))).toThrow(
      RangeError,
    );
  });
});

describe('on clock changes', () => {
  const weekend = week({ 0: [['09:00', '17:00']], 6: [['09:00', '17:00']] });

  it.each([
    {
      zone: 'America/New_York',
      change: 'spring-forward',
      now: '2026-03-06T12:00:00Z',
      saturday: '2026-03-07T14:00:00Z',
      sunday: '2026-03-08T13:00:00Z',
    },
    {
      zone: 'America/New_York',
      change: 'fall-back',
      now: '2026-10-30T12:00:00Z',
      saturday: '2026-10-31T13:00:00Z',
      sunday: '2026-11-01T14:00:00Z',
    },
    {
      zone: 'Europe/Berlin',
      change: 'spring-forward',
      now: '2026-03-27T12:00:00Z',
      saturday: '2026-03-28T08:00:00Z',
      sunday: '2026-03-29T07:00:00Z',
    },
    {
      zone: 'Europe/Berlin',
      change: 'fall-back',
      now: '2026-10-23T12:00:00Z',
      saturday: '2026-10-24T07:00:00Z',
      sunday: '2026-10-25T08:00:00Z',
    },
  ])(
    'keeps a 09:00–17:00 day at 09:00–17:00 local over the $zone $change weekend',
    ({ zone, now, saturday, sunday }) => {
      const slots = computeSlots(
        input(
          { timeZone: zone, workingHours: weekend, slotMinutes: 60, horizonDays: 3 },
          { now: new Date(now) },
        ),
      );

      expect(slots).toEqual([...run(saturday, 8, 60), ...run(sunday, 8, 60)]);
      const labels = groupByLocalDay(slots, zone).map((day) => day.slots.map((slot) => slot.label));
      const nineToFive = ['09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00', '16:00'];
      expect(labels).toEqual([nineToFive, nineToFive]);
    },
  );

  const night = (zone: string, now: string, hours: [string, string], slotMinutes: number) =>
    input(
      { timeZone: zone, workingHours: week({ 0: [hours] }), slotMinutes, horizonDays: 2 },
      { now: new Date(now) },
    );

  it('skips New York local times that do not exist, and the slot the jump would cut short', () => {
    const nights = night('America/New_York', '2026-03-07T00:00:00Z', ['00:00', '05:00'], 30);
    const slots = computeSlots(nights);

    // 00:00, 00:30, 01:00 EST; 01:30–02:00 would end at 03:00 EDT; 02:00–02:59 does not exist.
    expect(slots).toEqual([...run('2026-03-08T05:00:00Z', 3, 30), ...run('2026-03-08T07:00:00Z', 4, 30)]);
    expect(isSlotOffered({ start: '2026-03-08T06:30:00Z', end: '2026-03-08T07:00:00Z' }, nights)).toBe(false);
  });

  it('offers each repeated New York local time once on the fall-back night', () => {
    const nights = night('America/New_York', '2026-10-31T00:00:00Z', ['00:00', '03:00'], 30);
    const slots = computeSlots(nights);

    // 00:00, 00:30, 01:00 EDT; 01:30 EDT would end at 01:00 EST, so 01:30 EST; then 02:00 and 02:30 EST.
    expect(startsOf(slots)).toEqual([
      '2026-11-01T04:00:00.000Z',
      '2026-11-01T04:30:00.000Z',
      '2026-11-01T05:00:00.000Z',
      '2026-11-01T06:30:00.000Z',
      '2026-11-01T07:00:00.000Z',
      '2026-11-01T07:30:00.000Z',
    ]);
    expect(groupByLocalDay(slots, 'America/New_York')[0]?.slots.map((slot) => slot.label)).toEqual([
      '00:00',
      '00:30',
      '01:00',
      '01:30',
      '02:00',
      '02:30',
    ]);
    // The second 01:00 (EST) repeats a local time already offered.
    expect(isSlotOffered({ start: '2026-11-01T06:00:00Z', end: '2026-11-01T06:30:00Z' }, nights)).toBe(false);
  });

  it('skips the Berlin hour that does not exist on the spring-forward night', () => {
    const slots = computeSlots(night('Europe/Berlin', '2026-03-28T00:00:00Z', ['01:00', '04:00'], 60));

    // 01:00 CET would end at 03:00 CEST; 02:00 does not exist; 03:00 CEST is 01:00 UTC.
    expect(slots).toEqual(run('2026-03-29T01:00:00Z', 1, 60));
  });

  it('offers each repeated Berlin local time once on the fall-back night', () => {
    const slots = computeSlots(night('Europe/Berlin', '2026-10-24T00:00:00Z', ['02:00', '04:00'], 30));

    expect(startsOf(slots)).toEqual([
      '2026-10-25T00:00:00.000Z', // 02:00 CEST
      '2026-10-25T01:30:00.000Z', // 02:30 CET: 02:30 CEST would end at 02:00 CET
      '2026-10-25T02:00:00.000Z', // 03:00 CET
      '2026-10-25T02:30:00.000Z', // 03:30 CET
    ]);
  });
});

describe('client display', () => {
  // Monday 2026-03-02, 15:00–18:00 in Berlin: 14:00, 15:00 and 16:00 UTC.
  const slots = computeSlots(input({ workingHours: week({ 1: [['15:00', '18:00']] }), slotMinutes: 60 }));
  const labelled = (date: string, labels: string[], first: string) => ({
    date,
    slots: run(first, labels.length, 60).map((slot, index) => ({ ...slot, label: labels[index] })),
  });

  it('moves a late Berlin afternoon into the next morning in Tokyo', () => {
    expect(groupByLocalDay(slots, 'Asia/Tokyo')).toEqual([
      labelled('2026-03-02', ['23:00'], '2026-03-02T14:00:00Z'),
      labelled('2026-03-03', ['00:00', '01:00'], '2026-03-02T15:00:00Z'),
    ]);
  });

  it('shows the same slots as a Los Angeles morning', () => {
    expect(groupByLocalDay(slots, 'America/Los_Angeles')).toEqual([
      labelled('2026-03-02', ['06:00', '07:00', '08:00'], '2026-03-02T14:00:00Z'),
    ]);
  });

  it('follows the client zone clock change when the operator zone has not changed yet', () => {
    // 2026-03-23: Los Angeles is on daylight time (UTC−7), Berlin still on standard time (UTC+1).
    const now = new Date('2026-03-22T12:00:00Z');
    const monday = computeSlots(input({ slotMinutes: 60 }, { now }));

    expect(groupByLocalDay(monday, 'America/Los_Angeles')).toEqual([
      labelled('2026-03-23', ['01:00', '02:00', '03:00'], '2026-03-23T08:00:00Z'),
    ]);
  });

  it('sorts slots given out of order', () => {
    expect(groupByLocalDay([...slots].reverse(), 'Asia/Tokyo')).toEqual(groupByLocalDay(slots, 'Asia/Tokyo'));
  });

  it('gives the local date of an instant', () => {
    expect(localDate('2026-03-02T15:00:00Z', 'Asia/Tokyo')).toBe('2026-03-03');
    expect(localDate(new Date('2026-03-02T15:00:00Z'), 'America/Los_Angeles')).toBe('2026-03-02');
  });
});

describe('availability settings', () => {
  const valid = {
    timeZone: 'Europe/Berlin',
    workingHours: week({
      1: [
        ['09:00', '12:00'],
        ['13:00', '17:00'],
      ],
    }),
    slotMinutes: 30,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 15,
    minimumNoticeHours: 24,
    maxPerDay: 4,
    horizonDays: 60,
    dateOverrides: [{ date: '2026-12-24', hours: [] }],
  };
  const messages = (value: unknown) =>
    availabilitySettings
      .safeParse(value)
      .error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);

  it('accept a working week with a lunch break, an end of 24:00 and a closed holiday', () => {
    const withMidnight = { ...valid, workingHours: week({ 5: [['18:00', '24:00']] }) };

    expect(availabilitySettings.safeParse(valid).success).toBe(true);
    expect(availabilitySettings.safeParse(withMidnight).success).toBe(true);
  });

  it.each([
    ['an hour of 25', week({ 1: [['09:00', '25:00']] }), 'workingHours.1.0.end'],
    ['a start of 24:00', week({ 1: [['24:00', '24:00']] }), 'workingHours.1.0.start'],
    ['minutes of 60', week({ 1: [['09:60', '10:00']] }), 'workingHours.1.0.start'],
    [
      'an end before the start',
      week({ 1: [['12:00', '09:00']] }),
      'workingHours.1.0.end: Must be after the start',
    ],
    ['an empty interval', week({ 1: [['09:00', '09:00']] }), 'workingHours.1.0.end: Must be after the start'],
    [
      'overlapping intervals',
      week({
        1: [
          ['13:00', '17:00'],
          ['09:00', '13:30'],
        ],
      }),
      'workingHours.1.0: Overlaps',
    ],
  ])('reject working hours with %s', (_, workingHours, expected) => {
    expect(messages({ ...valid, workingHours })?.join('\n')).toContain(expected);
  });

  it('reject a week that does not have seven days', () => {
    expect(messages({ ...valid, workingHours: valid.workingHours.slice(1) })?.[0]).toContain('workingHours');
  });

  it.each(['Mars/Olympus_Mons', 'Berlin', ''])('reject the unknown time zone %j', (timeZone) => {
    expect(messages({ ...valid, timeZone })?.[0]).toMatch(/^timeZone: /);
  });

  it.each([
    ['slotMinutes', 10],
    ['slotMinutes', 241],
    ['slotMinutes', 30.5],
    ['bufferBeforeMinutes', -1],
    ['bufferAfterMinutes', 121],
    ['minimumNoticeHours', 721],
    ['maxPerDay', 0],
    ['maxPerDay', 51],
    ['horizonDays', 0],
    ['horizonDays', 181],
  ])('reject %s of %d', (field, value) => {
    expect(messages({ ...valid, [field]: value })?.[0]).toMatch(new RegExp(`^${field}: `));
  });

  it('reject two overrides for the same date', () => {
    const dateOverrides = [
      { date: '2026-12-24', hours: [] },
      { date: '2026-12-24', hours: [{ start: '09:00', end: '12:00' }] },
    ];

    expect(messages({ ...valid, dateOverrides })).toEqual([
      'dateOverrides.1.date: Date already has an override',
    ]);
  });

  it.each(['2026-02-30', '2026-13-01', '26-12-24'])('reject the override date %s', (date) => {
    expect(messages({ ...valid, dateOverrides: [{ date, hours: [] }] })?.[0]).toMatch(
      /^dateOverrides\.0\.date: /,
    );
  });
});

// Properties. Zones with clock changes at night, at midnight (Santiago), by 30 minutes (Lord Howe) and
// with quarter-hour offsets; `now` is often a few days before a clock change.
const zones = [
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'America/Santiago',
  'America/St_Johns',
  'Australia/Lord_Howe',
  'Pacific/Chatham',
  'Asia/Kathmandu',
  'Asia/Tokyo',
  'UTC',
];
const clockChanges = [
  '2026-03-08T07:00:00Z',
  '2026-11-01T06:00:00Z',
  '2026-03-29T01:00:00Z',
  '2026-10-25T01:00:00Z',
  '2026-04-05T03:00:00Z',
  '2026-09-06T04:00:00Z',
  '2026-04-04T15:00:00Z',
  '2026-10-03T16:00:00Z',
].map(Date.parse);

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Up to three disjoint intervals with boundaries on a `step`-minute grid; a full day now and then. */
const dayHoursArb = (step: number): fc.Arbitrary<DayHours> =>
  fc.oneof(
    fc.uniqueArray(fc.integer({ min: 0, max: 1440 / step }), { maxLength: 6 }).map((points) => {
      const sorted = points.sort((a, b) => a - b);
      const intervals: DayHours = [];
      for (let i = 0; i + 1 < sorted.length; i += 2) {
        intervals.push({ start: hhmm(sorted[i]! * step), end: hhmm(sorted[i + 1]! * step) });
      }
      return intervals;
    }),
    fc.constant<DayHours>([{ start: '00:00', end: '24:00' }]),
  );

const nowArb = fc.oneof(
  fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') }),
  fc
    .constantFrom(...clockChanges)
    .chain((change) => fc.integer({ min: change - 5 * DAY, max: change + DAY }).map((time) => time)),
);

const rangesArb = (now: number, maxLength: number) =>
  fc.array(
    fc
      .record({ offset: fc.integer({ min: -288, max: 288 * 8 }), length: fc.integer({ min: 1, max: 72 }) })
      .map(({ offset, length }) => {
        const start = Math.floor(now / (5 * MINUTE)) * 5 * MINUTE + offset * 5 * MINUTE;
        return range(new Date(start).toISOString(), new Date(start + length * 5 * MINUTE).toISOString());
      }),
    { maxLength },
  );

/**
 * Random inputs. With `step` 15 every boundary and slot length is a multiple of 15 minutes, as every
 * zone offset here is, so every slot start lies on the 15-minute UTC grid the oracle below walks.
 */
const inputArb = (step: 5 | 15): fc.Arbitrary<AvailabilityInput> =>
  nowArb.chain((now) =>
    fc.record({
      settings: fc.record({
        timeZone: fc.constantFrom(...zones),
        workingHours: fc.array(dayHoursArb(step), { minLength: 7, maxLength: 7 }),
        slotMinutes:
          step === 15
            ? fc.integer({ min: 1, max: 16 }).map((n) => n * 15)
            : fc.integer({ min: 15, max: 240 }),
        bufferBeforeMinutes: fc.integer({ min: 0, max: 120 }),
        bufferAfterMinutes: fc.integer({ min: 0, max: 120 }),
        minimumNoticeHours: fc.integer({ min: 0, max: 48 }),
        maxPerDay: fc.integer({ min: 1, max: 8 }),
        horizonDays: fc.integer({ min: 1, max: 7 }),
        dateOverrides: fc.uniqueArray(fc.integer({ min: -1, max: 8 }), { maxLength: 3 }).chain((days) =>
          fc.tuple(
            ...days.map((day) =>
              dayHoursArb(step).map((hours) => ({
                date: new Date(now + day * DAY).toISOString().slice(0, 10),
                hours,
              })),
            ),
          ),
        ),
      }),
      busy: rangesArb(now, 12),
      booked: rangesArb(now, 8),
      now: fc.constant(new Date(now)),
    }),
  );

/** The operator's wall clock, computed independently of the engine. */
const wallFormatters = new Map<string, Intl.DateTimeFormat>();
const wallOf = (instant: number, timeZone: string) => {
  let formatter = wallFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    wallFormatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((part) => [part.type, part.value]));
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
  };
};

const nextDate = (date: string) => new Date(Date.parse(date) + DAY).toISOString().slice(0, 10);
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3));

const hoursOn = (date: string, settings: AvailabilitySettings): DayHours =>
  settings.dateOverrides.find((override) => override.date === date)?.hours ??
  settings.workingHours[new Date(date).getUTCDay()]!;

const bookingsOn = (date: string, { settings, booked }: AvailabilityInput) =>
  booked.filter((booking) => wallOf(Date.parse(booking.start), settings.timeZone).date === date).length;

const conflicts = (start: number, end: number, { settings, busy, booked }: AvailabilityInput) => {
  const before = settings.bufferBeforeMinutes * MINUTE;
  const after = settings.bufferAfterMinutes * MINUTE;
  // The slot's own buffers against busy time and bookings…
  const crowded = [...busy, ...booked].some(
    (block) => start - before < Date.parse(block.end) && Date.parse(block.start) < end + after,
  );
  // …and the slot itself against the buffers each booking keeps around itself.
  const inBookingsBuffer = booked.some(
    (block) => start < Date.parse(block.end) + after && Date.parse(block.start) - before < end,
  );
  return crowded || inBookingsBuffer;
};

/** Whether a local start at `minutes` on `date` is on the slot grid of one of that date's intervals. */
const onGrid = (date: string, minutes: number, settings: AvailabilitySettings) =>
  hoursOn(date, settings).some((interval) => {
    const start = minutesOf(interval.start);
    return (
      minutes >= start &&
      (minutes - start) % settings.slotMinutes === 0 &&
      minutes + settings.slotMinutes <= minutesOf(interval.end)
    );
  });

/** The wall clock runs straight from start to end: it shows exactly slotMinutes more at the end. */
const runsStraight = (
  start: ReturnType<typeof wallOf>,
  end: ReturnType<typeof wallOf>,
  slotMinutes: number,
) =>
  (end.date === start.date && end.minutes === start.minutes + slotMinutes) ||
  (end.date === nextDate(start.date) && end.minutes === start.minutes + slotMinutes - 1440);

/**
 * The oracle: walk every instant of the 15-minute UTC grid, keep the first that shows each grid time of
 * the operator's wall clock and runs straight, then apply window, limit and conflicts.
 */
const expectedStarts = (scenario: AvailabilityInput): number[] => {
  const { settings, now } = scenario;
  const step = 15 * MINUTE;
  const slotMs = settings.slotMinutes * MINUTE;
  const earliest = now.getTime() + settings.minimumNoticeHours * HOUR;
  const latest = now.getTime() + settings.horizonDays * DAY;
  const walls = new Map<number, ReturnType<typeof wallOf>>();
  const wall = (instant: number) => {
    const found = walls.get(instant) ?? wallOf(instant, settings.timeZone);
    walls.set(instant, found);
    return found;
  };
  const firstShowing = new Map<string, number>();
  for (let t = Math.floor(earliest / step) * step - 2 * DAY; t <= latest + DAY; t += step) {
    const start = wall(t);
    if (
      !onGrid(start.date, start.minutes, settings) ||
      !runsStraight(start, wall(t + slotMs), settings.slotMinutes)
    ) {
      continue;
    }
    const key = `${start.date} ${start.minutes}`;
    if (!firstShowing.has(key)) firstShowing.set(key, t);
  }
  return [...firstShowing.values()]
    .filter(
      (t) =>
        t >= earliest &&
        t + slotMs <= latest &&
        bookingsOn(wall(t).date, scenario) < settings.maxPerDay &&
        !conflicts(t, t + slotMs, scenario),
    )
    .sort((a, b) => a - b);
};

// Property runs are CPU-bound: a busy machine slows them, which is no failure of the code.
describe('availability properties', { timeout: 60_000 }, () => {
  it('offers exactly the grid times of the operator wall clock that are free (15-minute oracle)', () => {
    fc.assert(
      fc.property(inputArb(15), (scenario) => {
        expect(computeSlots(scenario).map((slot) => Date.parse(slot.start))).toEqual(
          expectedStarts(scenario),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('never offers a slot that overlaps busy time or a booking, buffers included', () => {
    fc.assert(
      fc.property(inputArb(5), (scenario) => {
        for (const slot of computeSlots(scenario)) {
          expect(conflicts(Date.parse(slot.start), Date.parse(slot.end), scenario)).toBe(false);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('offers only slots within working hours, notice, horizon and daily limit in the operator zone', () => {
    fc.assert(
      fc.property(inputArb(5), (scenario) => {
        const { settings, now } = scenario;
        for (const slot of computeSlots(scenario)) {
          const start = Date.parse(slot.start);
          const end = Date.parse(slot.end);
          const local = wallOf(start, settings.timeZone);
          expect(end - start).toBe(settings.slotMinutes * MINUTE);
          expect(onGrid(local.date, local.minutes, settings)).toBe(true);
          expect(runsStraight(local, wallOf(end, settings.timeZone), settings.slotMinutes)).toBe(true);
          expect(start).toBeGreaterThanOrEqual(now.getTime() + settings.minimumNoticeHours * HOUR);
          expect(end).toBeLessThanOrEqual(now.getTime() + settings.horizonDays * DAY);
          expect(bookingsOn(local.date, scenario)).toBeLessThan(settings.maxPerDay);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('returns slots sorted by start and never overlapping each other', () => {
    fc.assert(
      fc.property(inputArb(5), (scenario) => {
        const slots = computeSlots(scenario);
        for (let i = 1; i < slots.length; i++) {
          expect(Date.parse(slots[i - 1]!.end)).toBeLessThanOrEqual(Date.parse(slots[i]!.start));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('re-checks a requested slot exactly as computeSlots would offer it', () => {
    fc.assert(
      fc.property(
        inputArb(5),
        fc.array(fc.integer({ min: 0, max: 8 * 96 }), { maxLength: 20 }),
        (scenario, gridPoints) => {
          const slots = computeSlots(scenario);
          const offered = new Set(slots.map((slot) => `${slot.start} ${slot.end}`));
          const slotMs = scenario.settings.slotMinutes * MINUTE;
          const quarter = Math.floor(scenario.now.getTime() / (15 * MINUTE)) * 15 * MINUTE;
          const requests = [
            ...slots.slice(0, 10).flatMap((slot) =>
              [0, -MINUTE, MINUTE, -HOUR, HOUR, slotMs].flatMap((shift) => [
                { start: Date.parse(slot.start) + shift, end: Date.parse(slot.end) + shift },
                { start: Date.parse(slot.start) + shift, end: Date.parse(slot.end) + shift + 15 * MINUTE },
              ]),
            ),
            ...gridPoints.map((n) => ({
              start: quarter + n * 15 * MINUTE,
              end: quarter + n * 15 * MINUTE + slotMs,
            })),
          ];
          for (const request of requests) {
            const slot = {
              start: new Date(request.start).toISOString(),
              end: new Date(request.end).toISOString(),
            };
            expect(isSlotOffered(slot, scenario)).toBe(offered.has(`${slot.start} ${slot.end}`));
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('does not depend on the order of busy blocks and bookings', () => {
    const shuffledArb = inputArb(5).chain((scenario) =>
      fc.record({
        scenario: fc.constant(scenario),
        busy: fc.shuffledSubarray([...scenario.busy], { minLength: scenario.busy.length }),
        booked: fc.shuffledSubarray([...scenario.booked], { minLength: scenario.booked.length }),
      }),
    );
    fc.assert(
      fc.property(shuffledArb, ({ scenario, busy, booked }) => {
        expect(computeSlots({ ...scenario, busy, booked })).toEqual(computeSlots(scenario));
      }),
      { numRuns: 100 },
    );
  });
});

describe('a requested slot', () => {
  const scenario = input({}, { busy: [range('2026-03-02T09:00:00Z', '2026-03-02T09:30:00Z')] });

  it('is offered when written with an offset instead of in UTC', () => {
    expect(
      isSlotOffered({ start: '2026-03-02T09:00:00+01:00', end: '2026-03-02T09:30:00+01:00' }, scenario),
    ).toBe(true);
  });

  it('is not offered when busy, off the grid, of another length or unreadable', () => {
    expect(isSlotOffered({ start: '2026-03-02T09:00:00Z', end: '2026-03-02T09:30:00Z' }, scenario)).toBe(
      false,
    );
    expect(isSlotOffered({ start: '2026-03-02T08:15:00Z', end: '2026-03-02T08:45:00Z' }, scenario)).toBe(
      false,
    );
    expect(isSlotOffered({ start: '2026-03-02T08:00:00Z', end: '2026-03-02T09:00:00Z' }, scenario)).toBe(
      false,
    );
    expect(isSlotOffered({ start: 'Monday', end: '2026-03-02T08:30:00Z' }, scenario)).toBe(false);
  });
});
