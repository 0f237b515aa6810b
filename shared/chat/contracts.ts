import { id, page, pageQuery, requiredText } from '../http/contracts';
import { defineRoute } from '../http/route';
import { defineAction } from '../realtime/contracts';
import * as z from '../schema/zod';
import { messageView } from './frame-contracts';

/**
 * Chat rooms of one organization: HTTP routes to manage rooms and members and read history, WebSocket
 * actions to take part. Rooms may be bound to a conference of the organization (indexed by it); its roster
 * and chat toggle then decide who joins and posts (`conference-rooms.ts`).
 */

export const roomKinds = ['lobby', 'agenda-item', 'sponsor', 'private'] as const;
export const roomKind = z.enum(roomKinds);
export type RoomKind = z.infer<typeof roomKind>;

/** Counted in characters (code points), so an emoji is one character, not two. */
export const maxMessageCharacters = 4000;
export const maxMentions = 20;

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** Control characters other than tab and line breaks (NUL among them) never belong in a message. */
const hasControlCharacter = (value: string) =>
  [...value].some((char) => {
    const code = char.charCodeAt(0);
    return (code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 127;
  });

/** Message text: emoji welcome; lone surrogates and control characters refused; shown as text, never HTML. */
export const messageText = z
  .pipe(
    z.string().check(
      z.refine((value) => !loneSurrogate.test(value), 'Contains a broken character (a lone surrogate)'),
      z.refine((value) => !hasControlCharacter(value), 'Contains control characters'),
    ),
    z.transform((value) => value.normalize('NFC').trim()),
  )
  .check(
    z.refine((value) => value.length > 0, 'Required'),
    z.refine(
      (value) => [...value].length <= maxMessageCharacters,
      `At most ${maxMessageCharacters} characters`,
    ),
  );

/** A conference id, as the conferences module mints it. */
export const conferenceId = id;

export const roomView = z.object({
  id,
  orgId: id,
  name: z.string(),
  kind: roomKind,
  conferenceId: z.nullable(id),
  createdBy: id,
  createdAt: z.string(),
  lastMessageAt: z.nullable(z.string()),
  /** Whether the caller is a member; open rooms take anybody of the organization who joins. */
  isMember: z.boolean(),
  /** Messages the caller has not read (0 for non-members). */
  unread: z.number().check(z.int(), z.nonnegative()),
  /** Slow mode (moderation): one message per person every this many seconds; 0 when off. */
  slowModeSeconds: z.number().check(z.int(), z.nonnegative()),
  /** `open`: anybody of the organization joins; `invitation`: members add people. */
  access: z.enum(['open', 'invitation']),
  /** A sponsor's room: the sponsor's name and logo for its branding. */
  sponsor: z.nullable(z.object({ id, name: z.string(), logoUrl: z.nullable(z.string()) })),
  /** When the room closed (its session left the agenda): history stays readable, nobody posts. */
  closedAt: z.nullable(z.string()),
});
export type RoomView = z.infer<typeof roomView>;

export const memberView = z.object({
  userId: id,
  name: z.string(),
  joinedAt: z.string(),
  presence: z.enum(['online', 'away', 'offline']),
});
export type MemberView = z.infer<typeof memberView>;

export { type MessageView, messageView, type RoomFrame, roomFrame, roomFrames } from './frame-contracts';

/** Whom to add to a room: one person, by id. */
export const memberToAdd = z.strictObject({ userId: id });

const roomParams = z.strictObject({ orgId: id, roomId: id });
const memberParams = z.strictObject({ orgId: id, roomId: id, userId: id });

export const chatRoutes = {
  listRooms: defineRoute({
    method: 'GET',
    path: '/api/orgs/{orgId}/chat/rooms',
    name: 'list-rooms',
    access: 'org-member',
    summary: "The organization's rooms the caller may see (open rooms, and private ones they belong to)",
    query: z.extend(pageQuery, { conferenceId: z.optional(conferenceId) }),
    response: page(roomView),
  }),
  createRoom: defineRoute({
    method: 'POST',
    path: '/api/orgs/{orgId}/chat/rooms',
    name: 'create-room',
    access: 'org-member',
    summary: 'Creates a room; members create private rooms, owners and operators any kind',
    body: z.strictObject({
      name: requiredText(80),
      kind: roomKind,
      conferenceId: z.optional(conferenceId),
      /** People to add at once (private rooms are by invitation); the creator is always a member. */
      memberIds: z._default(z.array(id).check(z.maxLength(50)), []),
    }),
    response: roomView,
    status: 201,
  }),
  getRoom: defineRoute({
    method: 'GET',
    path: '/api/orgs/{orgId}/chat/rooms/{roomId}',
    name: 'get-room',
    access: 'org-member',
    summary: 'One room with the caller’s unread count',
    params: roomParams,
    response: roomView,
  }),
  listMembers: defineRoute({
    method: 'GET',
    path: '/api/orgs/{orgId}/chat/rooms/{roomId}/members',
    name: 'list-room-members',
    access: 'org-member',
    summary: 'Members with their presence (online, away, offline), for the sidebar',
    params: roomParams,
    query: pageQuery,
    response: page(memberView),
  }),
  addMember: defineRoute({
    method: 'POST',
    path: '/api/orgs/{orgId}/chat/rooms/{roomId}/members',
    name: 'add-room-member',
    access: 'org-member',
    summary: 'Adds a person of the organization (an invitation for private rooms; oneself for open rooms)',
    params: roomParams,
    body: memberToAdd,
    response: memberView,
    status: 201,
  }),
  removeMember: defineRoute({
    method: 'DELETE',
    path: '/api/orgs/{orgId}/chat/rooms/{roomId}/members/{userId}',
    name: 'remove-room-member',
    access: 'org-member',
    summary: 'Leaves a room, or (room creator, owner, operator) removes someone',
    params: memberParams,
  }),
  listMessages: defineRoute({
    method: 'GET',
    path: '/api/orgs/{orgId}/chat/rooms/{roomId}/messages',
    name: 'list-room-messages',
    access: 'org-member',
    summary: 'History, newest first, paged backwards with an opaque cursor',
    params: roomParams,
    query: pageQuery,
    response: page(messageView),
  }),
} as const;

/**
 * A room in a frame. `orgId` names the room's organization when it is not the connection's own: a guest
 * attending another organization's event, an operator admin. It only says where to look; who may be there
 * is decided from the person's account and the event's roster.
 */
export const roomRef = { orgId: z.optional(id), roomId: id };

/** What a reconnecting client reads after the last message it saw. */
export const catchUpResult = z.object({ messages: z.array(messageView), more: z.boolean() });

export const chatActions = {
  join: defineAction(
    'room.join',
    'Subscribes this connection to a room (members; open rooms add the caller as a member)',
    roomRef,
    z.object({
      roomId: id,
      lastMessageId: z.nullable(id),
      unread: z.number().check(z.int()),
      online: z.number().check(z.int()),
    }),
  ),
  leave: defineAction('room.leave', 'Unsubscribes this connection from a room', roomRef),
  send: defineAction(
    'room.send',
    'Posts a message; delivered to every connection in the room as room.message',
    { ...roomRef, text: messageText, mentions: z._default(z.array(id).check(z.maxLength(maxMentions)), []) },
    messageView,
  ),
  edit: defineAction(
    'room.edit',
    'Changes the text of one of the caller’s own messages',
    {
      ...roomRef,
      messageId: id,
      text: messageText,
      mentions: z._default(z.array(id).check(z.maxLength(maxMentions)), []),
    },
    messageView,
  ),
  delete: defineAction('room.delete', 'Deletes one of the caller’s own messages', {
    ...roomRef,
    messageId: id,
  }),
  read: defineAction(
    'room.read',
    'Moves the caller’s read pointer to a message (never backwards)',
    { ...roomRef, messageId: id },
    z.object({ unread: z.number().check(z.int()) }),
  ),
  catchUp: defineAction(
    'room.catch-up',
    'Messages after the last one this client saw (without `after`: the newest), oldest first, at most `limit`; `more` when cut short',
    {
      ...roomRef,
      after: z.optional(id),
      limit: z._default(z.number().check(z.int(), z.gte(1), z.lte(100)), 50),
    },
    catchUpResult,
  ),
} as const;
