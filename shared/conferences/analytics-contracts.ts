import { cursor, id } from '../http/contracts';
import { defineRoute } from '../http/route';
import * as z from '../schema/zod';
import { conferenceDate } from './contracts';

/**
 * Attendance and engagement of a conference, counted as it happens (atomic counters, per-minute and
 * per-day buckets), never by reading every signal again.
 */

export const attendanceInput = z.strictObject({ kind: z.enum(['join', 'beat']) });

export const attendanceResult = z.object({
  /** Seconds of watch time this signal added. */
  credited: z.number().check(z.int()),
});

export const funnelView = z.object({
  invited: z.number().check(z.int()),
  registered: z.number().check(z.int()),
  attended: z.number().check(z.int()),
  engaged: z.number().check(z.int()),
});

export const itemStatsView = z.object({
  itemId: id,
  title: z.string(),
  start: z.string(),
  track: z.string(),
  /** Distinct people who opened it. */
  viewers: z.number().check(z.int()),
  joins: z.number().check(z.int()),
  watchSeconds: z.number().check(z.int()),
});

export const dayStatsView = z.object({
  date: z.string(),
  people: z.number().check(z.int()),
  joins: z.number().check(z.int()),
  watchSeconds: z.number().check(z.int()),
});

export const analyticsView = z.object({
  timeZone: z.string(),
  funnel: funnelView,
  /** Every agenda item in agenda order. */
  items: z.array(itemStatsView),
  /** The items most people opened, most first (at most five, only those anyone opened). */
  popular: z.array(itemStatsView),
  days: z.array(dayStatsView),
});

export const participationQuery = z.strictObject({ date: z.optional(conferenceDate) });

export const participationView = z.object({
  date: z.string(),
  timeZone: z.string(),
  /** Minutes anyone was present, in order: UTC minute, the conference's wall time, people present. */
  minutes: z.array(z.object({ minute: z.string(), local: z.string(), people: z.number().check(z.int()) })),
  /** People present in the last complete minute. */
  now: z.number().check(z.int()),
});

export const personStatsView = z.object({
  userId: id,
  name: z.string(),
  email: z.string(),
  joins: z.number().check(z.int()),
  items: z.number().check(z.int()),
  watchSeconds: z.number().check(z.int()),
  lastSeenAt: z.string(),
  engaged: z.boolean(),
});
export type PersonStatsView = z.infer<typeof personStatsView>;

export const engagementQuery = z.strictObject({
  cursor: z.optional(cursor),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 50),
});
export const engagementPage = z.object({
  items: z.array(personStatsView),
  nextCursor: z.nullable(z.string()),
});

export const analyticsTables = ['items', 'days', 'attendees'] as const;
export const analyticsExportQuery = z.strictObject({
  table: z.enum(analyticsTables),
  cursor: z.optional(cursor),
});
export type AnalyticsExportQuery = z.infer<typeof analyticsExportQuery>;

// Routes -----------------------------------------------------------------------------------------------

const one = '/api/orgs/{orgId}/conferences/{conferenceId}' as const;

export const analyticsRoutes = {
  recordAttendance: defineRoute({
    method: 'POST',
    path: `${one}/agenda/{itemId}/attendance`,
    name: 'record-attendance',
    access: 'conference-member',
    summary: 'A join when a session (or its stream) opens, then a beat about every 30 s while it stays open',
    body: attendanceInput,
    response: attendanceResult,
    maxBodyBytes: 256,
  }),
  getAnalytics: defineRoute({
    method: 'GET',
    path: `${one}/analytics`,
    name: 'get-conference-analytics',
    access: 'conference-organizer',
    summary: 'Registration funnel, attendance per session, most popular sessions and days',
    response: analyticsView,
  }),
  getParticipation: defineRoute({
    method: 'GET',
    path: `${one}/analytics/participation`,
    name: 'get-conference-participation',
    access: 'conference-organizer',
    summary: 'People present minute by minute on one conference day (default: today, else the first day)',
    query: participationQuery,
    response: participationView,
  }),
  listEngagement: defineRoute({
    method: 'GET',
    path: `${one}/analytics/attendees`,
    name: 'list-attendee-engagement',
    access: 'conference-organizer',
    summary: 'Engagement per attendee: visits, sessions, watch time, a page at a time',
    query: engagementQuery,
    response: engagementPage,
  }),
  exportAnalytics: defineRoute({
    method: 'GET',
    path: `${one}/analytics/export`,
    name: 'export-conference-analytics',
    access: 'conference-organizer',
    summary: 'One analytics table as CSV (attendees in parts continued by x-next-cursor)',
    query: analyticsExportQuery,
  }),
} as const;
