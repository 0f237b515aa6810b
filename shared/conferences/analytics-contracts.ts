import * as z from 'zod';
import { cursor, id } from '../http/contracts';
import { defineRoute } from '../http/route';
import { conferenceDate } from './contracts';

/**
 * Attendance and engagement of a conference, counted as it happens (atomic counters, per-minute and
 * per-day buckets), never by reading every signal again.
 */

export const attendanceInput = z.strictObject({ kind: z.enum(['join', 'beat']) });

export const attendanceResult = z.object({
  /** Seconds of watch time this signal added. */
  credited: z.number().int(),
});

export const funnelView = z.object({
  invited: z.number().int(),
  registered: z.number().int(),
  attended: z.number().int(),
  engaged: z.number().int(),
});

export const itemStatsView = z.object({
  itemId: id,
  title: z.string(),
  start: z.string(),
  track: z.string(),
  /** Distinct people who opened it. */
  viewers: z.number().int(),
  joins: z.number().int(),
  watchSeconds: z.number().int(),
});

export const dayStatsView = z.object({
  date: z.string(),
  people: z.number().int(),
  joins: z.number().int(),
  watchSeconds: z.number().int(),
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

export const participationQuery = z.strictObject({ date: conferenceDate.optional() });

export const participationView = z.object({
  date: z.string(),
  timeZone: z.string(),
  /** Minutes anyone was present, in order: UTC minute, the conference's wall time, people present. */
  minutes: z.array(z.object({ minute: z.string(), local: z.string(), people: z.number().int() })),
  /** People present in the last complete minute. */
  now: z.number().int(),
});

export const personStatsView = z.object({
  userId: id,
  name: z.string(),
  email: z.string(),
  joins: z.number().int(),
  items: z.number().int(),
  watchSeconds: z.number().int(),
  lastSeenAt: z.string(),
  engaged: z.boolean(),
});
export type PersonStatsView = z.infer<typeof personStatsView>;

export const engagementQuery = z.strictObject({
  cursor: cursor.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export const engagementPage = z.object({
  items: z.array(personStatsView),
  nextCursor: z.string().nullable(),
});

export const analyticsTables = ['items', 'days', 'attendees'] as const;
export const analyticsExportQuery = z.strictObject({
  table: z.enum(analyticsTables),
  cursor: cursor.optional(),
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
