export const attendanceLimits = {
  minBeatSeconds: 20,
  maxCreditSeconds: 60,
  maxGapSeconds: 90,
  /** Watching this much of a conference in total makes an attendee "engaged". */
  engagedSeconds: 10 * 60,
} as const;

export type AttendanceKind = 'join' | 'beat';

/** One person's time on one agenda item, as stored. */
export interface WatchRecord {
  readonly joins: number;
  readonly watchSeconds: number;
  readonly lastBeatAt: string;
}

/** One person's totals across the conference, as stored. */
export interface PersonRecord {
  readonly joins: number;
  readonly items: number;
  readonly watchSeconds: number;
  readonly lastSeenAt: string;
  /** The last UTC minute and conference-local day they were counted as present. */
  readonly lastMinute: string;
  readonly lastDay: string;
  readonly engaged: boolean;
}

export interface AttendanceCredit {
  readonly joins: number;
  readonly seconds: number;
  /** First signal of this person on this item / in this conference / this minute / this day. */
  readonly newViewer: boolean;
  readonly newPerson: boolean;
  readonly newMinute: boolean;
  readonly newDay: boolean;
  readonly becomesEngaged: boolean;
  readonly minute: string;
  readonly day: string;
}

export type AttendancePlan =
  | { readonly kind: 'credit'; readonly credit: AttendanceCredit }
  | {
      readonly kind: 'too-soon';
      readonly retryAfterSeconds: number;
    };

export const planAttendance = (
  kind: AttendanceKind,
  watch: WatchRecord | undefined,
  person: PersonRecord | undefined,
  now: Date,
  day: string,
): AttendancePlan => {
  const sinceLast = watch ? (now.getTime() - Date.parse(watch.lastBeatAt)) / 1000 : Number.POSITIVE_INFINITY;
  if (sinceLast < attendanceLimits.minBeatSeconds)
    return { kind: 'too-soon', retryAfterSeconds: Math.ceil(attendanceLimits.minBeatSeconds - sinceLast) };
  const seconds =
    kind === 'beat' && sinceLast <= attendanceLimits.maxGapSeconds
      ? Math.min(Math.round(sinceLast), attendanceLimits.maxCreditSeconds)
      : 0;
  // A beat without a join before it (the page was open across a reload) still counts the visit once.
  const joins = kind === 'join' || !watch ? 1 : 0;
  const minute = now.toISOString().slice(0, 16);
  const engaged = person?.engaged ?? false;
  return {
    kind: 'credit',
    credit: {
      joins,
      seconds,
      newViewer: !watch,
      newPerson: !person,
      newMinute: person?.lastMinute !== minute,
      newDay: person?.lastDay !== day,
      becomesEngaged: !engaged && (person?.watchSeconds ?? 0) + seconds >= attendanceLimits.engagedSeconds,
      minute,
      day,
    },
  };
};
