import { id, page, pageQuery } from '../http/contracts';
import { defineRoute } from '../http/route';
import { multiLineText } from '../http/text';
import { defineAction } from '../realtime/contracts';
import * as z from '../schema/zod';
import { roomRef } from './contracts';

/**
 * Moderation of a conference's chat rooms: anyone in a room reports a message into the event's queue;
 * the event's organizers (and the organization's owners) work the queue, delete any message, mute a
 * person in one room or the whole event for a while, ban a person from the event's chat and slow a room
 * down. Rooms bound to no conference have no moderators but their creators and are not covered here.
 */

export const reportReasons = ['spam', 'harassment', 'hate', 'off-topic', 'other'] as const;
export const reportReason = z.enum(reportReasons);
export type ReportReason = z.infer<typeof reportReason>;

export const reportStatuses = ['open', 'resolved', 'dismissed'] as const;
export const reportStatus = z.enum(reportStatuses);

/** A mute lasts at least a minute and at most a week; a longer silence is a ban. */
export const maxMuteMinutes = 7 * 24 * 60;
/** Slow mode: at most one message per person every `seconds`; 0 turns it off. */
export const maxSlowModeSeconds = 3600;

export const reportView = z.object({
  id,
  roomId: id,
  roomName: z.string(),
  messageId: id,
  /** The message as it was reported, kept even after a delete so the decision can be explained. */
  messageText: z.string(),
  authorId: id,
  authorName: z.string(),
  reporterId: id,
  reporterName: z.string(),
  reason: reportReason,
  note: z.string(),
  status: reportStatus,
  createdAt: z.string(),
  decidedAt: z.nullable(z.string()),
  decidedBy: z.nullable(id),
});
export type ReportView = z.infer<typeof reportView>;

export const restrictionView = z.object({
  kind: z.enum(['ban', 'mute']),
  userId: id,
  name: z.string(),
  /** For a mute in one room; null for the whole event. */
  roomId: z.nullable(id),
  reason: z.string(),
  /** When a mute ends; null for a ban (until lifted). */
  until: z.nullable(z.string()),
  createdAt: z.string(),
  createdBy: id,
});
export type RestrictionView = z.infer<typeof restrictionView>;

const one = '/api/orgs/{orgId}/conferences/{conferenceId}/chat' as const;
const conferenceParams = z.strictObject({ orgId: id, conferenceId: id });
const roomParams = z.extend(conferenceParams, { roomId: id });

export const moderationRoutes = {
  listReports: defineRoute({
    method: 'GET',
    path: `${one}/reports`,
    name: 'list-chat-reports',
    access: 'conference-organizer',
    summary: 'The moderation queue: open reports oldest first, or every report newest first',
    params: conferenceParams,
    query: z.extend(pageQuery, { status: z._default(z.enum(['open', 'all']), 'open') }),
    response: page(reportView),
  }),
  decideReport: defineRoute({
    method: 'POST',
    path: `${one}/reports/{reportId}/decision`,
    name: 'decide-chat-report',
    access: 'conference-organizer',
    summary: 'Resolves or dismisses an open report (409 when it was already decided)',
    params: z.extend(conferenceParams, { reportId: id }),
    body: z.strictObject({ decision: z.enum(['resolved', 'dismissed']) }),
    response: reportView,
  }),
  deleteMessage: defineRoute({
    method: 'DELETE',
    path: `${one}/rooms/{roomId}/messages/{messageId}`,
    name: 'moderate-chat-message',
    access: 'conference-organizer',
    summary: "Deletes anyone's message; every connected screen drops it (room.message-deleted)",
    params: z.extend(roomParams, { messageId: id }),
  }),
  setSlowMode: defineRoute({
    method: 'PUT',
    path: `${one}/rooms/{roomId}/slow-mode`,
    name: 'set-chat-slow-mode',
    access: 'conference-organizer',
    summary: 'One message per person every N seconds in this room; 0 turns slow mode off',
    params: roomParams,
    body: z.strictObject({ seconds: z.number().check(z.int(), z.gte(0), z.lte(maxSlowModeSeconds)) }),
    response: z.object({ roomId: id, slowModeSeconds: z.number().check(z.int()) }),
  }),
  listRestrictions: defineRoute({
    method: 'GET',
    path: `${one}/restrictions`,
    name: 'list-chat-restrictions',
    access: 'conference-organizer',
    summary: 'Bans and mutes still in force',
    params: conferenceParams,
    response: z.object({ items: z.array(restrictionView) }),
  }),
  mute: defineRoute({
    method: 'POST',
    path: `${one}/mutes`,
    name: 'mute-chat-person',
    access: 'conference-organizer',
    summary: 'Mutes a person for some minutes in one room of the event, or in all of them',
    params: conferenceParams,
    body: z.strictObject({
      userId: id,
      roomId: z._default(z.nullable(id), null),
      minutes: z.number().check(z.int(), z.gte(1), z.lte(maxMuteMinutes)),
      reason: z._default(multiLineText(500), ''),
    }),
    response: restrictionView,
    status: 201,
  }),
  unmute: defineRoute({
    method: 'DELETE',
    path: `${one}/mutes/{userId}`,
    name: 'unmute-chat-person',
    access: 'conference-organizer',
    summary: 'Lifts a mute (in one room with ?roomId=, else the event-wide one)',
    params: z.extend(conferenceParams, { userId: id }),
    query: z.strictObject({ roomId: z.optional(id) }),
  }),
  ban: defineRoute({
    method: 'PUT',
    path: `${one}/bans/{userId}`,
    name: 'ban-chat-person',
    access: 'conference-organizer',
    summary: "Bans a person from the event's chat: they can neither join nor post in its rooms",
    params: z.extend(conferenceParams, { userId: id }),
    body: z.strictObject({ reason: z._default(multiLineText(500), '') }),
    response: restrictionView,
  }),
  unban: defineRoute({
    method: 'DELETE',
    path: `${one}/bans/{userId}`,
    name: 'unban-chat-person',
    access: 'conference-organizer',
    summary: 'Lifts a ban',
    params: z.extend(conferenceParams, { userId: id }),
  }),
} as const;

export const moderationActions = {
  report: defineAction(
    'room.report',
    "Reports a message to the event's moderators, with a reason (once per person and message)",
    { ...roomRef, messageId: id, reason: reportReason, note: z._default(multiLineText(500), '') },
    z.object({ reportId: id }),
  ),
} as const;
