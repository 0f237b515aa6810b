import { id, page, pageQuery, requiredText } from '../http/contracts';
import { defineRoute } from '../http/route';
import * as z from '../schema/zod';
import { memberToAdd, memberView, messageView, roomView } from './contracts';

/**
 * An event's chat rooms for anyone on its roster, guests of the organization among them: the rooms the
 * room policy lets the caller have, a room's members and its history. The same policy decides as for the
 * WebSocket frames (`room-policy.ts`); a room of another event, or one the caller may not have, is 404.
 */

const one = '/api/orgs/{orgId}/conferences/{conferenceId}/chat/rooms' as const;
const conferenceParams = z.strictObject({ orgId: id, conferenceId: id });
const roomParams = z.extend(conferenceParams, { roomId: id });
const memberParams = z.extend(roomParams, { userId: id });

export const eventRoomRoutes = {
  listRooms: defineRoute({
    method: 'GET',
    path: one,
    name: 'list-event-rooms',
    access: 'conference-member',
    summary:
      "The event's rooms the caller may join: open rooms for its roster, private ones they were invited to",
    params: conferenceParams,
    query: pageQuery,
    response: page(roomView),
  }),
  createPrivateRoom: defineRoute({
    method: 'POST',
    path: one,
    name: 'create-event-private-room',
    access: 'conference-organizer',
    summary:
      'An organizer opens a private room of the event with people from its roster (organizers who are guests of the organization too)',
    params: conferenceParams,
    body: z.strictObject({
      name: requiredText(80),
      /** People to add at once, from the event's roster or the organization; the creator is always a member. */
      memberIds: z._default(z.array(id).check(z.maxLength(50)), []),
    }),
    status: 201,
    response: roomView,
  }),
  getRoom: defineRoute({
    method: 'GET',
    path: `${one}/{roomId}`,
    name: 'get-event-room',
    access: 'conference-member',
    summary: 'One room of the event with the caller’s unread count',
    params: roomParams,
    response: roomView,
  }),
  listMembers: defineRoute({
    method: 'GET',
    path: `${one}/{roomId}/members`,
    name: 'list-event-room-members',
    access: 'conference-member',
    summary: 'Members with their presence, for the sidebar; people hidden from the directory left out',
    params: roomParams,
    query: pageQuery,
    response: page(memberView),
  }),
  addMember: defineRoute({
    method: 'POST',
    path: `${one}/{roomId}/members`,
    name: 'add-event-room-member',
    access: 'conference-organizer',
    summary:
      'An organizer adds someone on the event’s roster or of the organization to one of its rooms (for a private room, the invitation)',
    params: roomParams,
    body: memberToAdd,
    response: memberView,
    status: 201,
  }),
  removeMember: defineRoute({
    method: 'DELETE',
    path: `${one}/{roomId}/members/{userId}`,
    name: 'remove-event-room-member',
    access: 'conference-member',
    summary:
      'Leaves one of the event’s rooms, or (its organizers, the room’s creator) removes someone from it',
    params: memberParams,
  }),
  listMessages: defineRoute({
    method: 'GET',
    path: `${one}/{roomId}/messages`,
    name: 'list-event-room-messages',
    access: 'conference-member',
    summary: 'History, newest first, paged backwards with an opaque cursor',
    params: roomParams,
    query: pageQuery,
    response: page(messageView),
  }),
} as const;
