import { id } from '../http/contracts';
import { defineRoute } from '../http/route';
import * as z from '../schema/zod';

/**
 * Networking analytics of a conference: counters kept as messages are posted and connections accepted
 * (never computed by reading the messages again), read with one Query.
 */

export const roomStatsView = z.object({ roomId: id, name: z.string(), messages: z.number().check(z.int()) });
export const chatDayView = z.object({ date: z.string(), messages: z.number().check(z.int()) });
export const chatPersonView = z.object({ userId: id, name: z.string(), messages: z.number().check(z.int()) });

export const networkingStatsView = z.object({
  messages: z.number().check(z.int()),
  /** Accepted connection requests between attendees. */
  connections: z.number().check(z.int()),
  /** Every room anyone wrote in, most messages first. */
  rooms: z.array(roomStatsView),
  /** Messages per UTC day, in order. */
  days: z.array(chatDayView),
  /** The ten people who wrote most, most first. */
  people: z.array(chatPersonView),
});
export type NetworkingStatsView = z.infer<typeof networkingStatsView>;

export const networkingTables = ['rooms', 'days', 'people'] as const;

const one = '/api/orgs/{orgId}/conferences/{conferenceId}/analytics/networking' as const;
const params = z.strictObject({ orgId: id, conferenceId: id });

export const chatStatsRoutes = {
  getNetworking: defineRoute({
    method: 'GET',
    path: one,
    name: 'get-networking-analytics',
    access: 'conference-organizer',
    summary: 'Chat messages per room and per day, the most active rooms and people, connections made',
    params,
    response: networkingStatsView,
  }),
  exportNetworking: defineRoute({
    method: 'GET',
    path: `${one}/export`,
    name: 'export-networking-analytics',
    access: 'conference-organizer',
    summary: 'One networking table as CSV (every room, day or person who wrote)',
    params,
    query: z.strictObject({ table: z.enum(networkingTables) }),
  }),
} as const;
