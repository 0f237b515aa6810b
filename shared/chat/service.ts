import { ulid } from 'ulid';
import { alongside } from '../auth/alongside';
import { isOperatorAdmin, type Principal } from '../auth/policy';
import { takeFromSlidingWindow } from '../db/throttle';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  TooManyRequestsError,
  ValidationError,
} from '../http/errors';
import {
  type ConnectionItem,
  connectionsOfUser,
  onlineCounts,
  presenceOf,
  subscribe,
  unsubscribe,
} from '../realtime';
import {
  assertConferenceRoomOpen,
  assertMentionable,
  checkConferenceRoomOpen,
  rosterAdmits,
  shownMembers,
} from './conference-rooms';
import type { MemberView, MessageView, RoomKind, RoomView } from './contracts';
import { fanOut } from './fan-out';
import { assertMayJoin, assertMayPost, banOf, takeSlowModeTurn } from './moderation';
import type { MemberItem, RoomItem } from './repository';
import * as repository from './repository';
import { admitToRoom, canSelfJoin, frameMemberRoom, frameRoom, type RoomPerson } from './room-policy';
import { countMessage } from './stats';

/** Who acts: a signed-in person over HTTP, or the person behind a WebSocket connection. */
export interface ChatCaller {
  readonly userId: string;
  readonly name: string;
  /** Owners and operator admins manage every room of the organization. */
  readonly manages: boolean;
}

export const callerOf = (principal: Principal): ChatCaller => ({
  userId: principal.userId,
  name: principal.name,
  manages: isOperatorAdmin(principal) || principal.role === 'owner',
});

/** Per person and room: a burst of five, then one every second on average. */
export const sendLimit = { messages: 5, windowSeconds: 5 };

export const toRoomView = (room: RoomItem, member: MemberItem | undefined): RoomView => ({
  id: room.id,
  orgId: room.orgId,
  name: room.name,
  kind: room.kind,
  conferenceId: room.conferenceId,
  createdBy: room.createdBy,
  createdAt: room.createdAt,
  lastMessageAt: room.lastMessageAt,
  isMember: Boolean(member),
  unread: member ? Math.max(0, room.seq - member.readSeq) : 0,
  slowModeSeconds: room.slowModeSeconds ?? 0,
  access: room.access ?? (room.kind === 'private' ? 'invitation' : 'open'),
  sponsor: room.sponsor ?? null,
  closedAt: room.closedAt ?? null,
});

/** A closed room keeps its history but takes no new or changed messages. */
const assertRoomNotClosed = (room: RoomItem) => {
  if (room.closedAt) throw new ForbiddenError('This room is closed: its session is no longer on the agenda');
};

/**
 * A room the caller may read: a member's room. A private room of which the caller is no member does not
 * exist for them (404); an open one asks them to join first (403).
 */
const memberRoom = async (orgId: string, roomId: string, caller: ChatCaller) => {
  const { room, member } = await repository.getRoomAndMember(orgId, roomId, caller.userId);
  if (!room || (!member && !canSelfJoin(room) && !caller.manages)) throw new NotFoundError('No such room');
  if (!member) throw new ForbiddenError('Join the room first');
  return { room, member, caller };
};

/** A room the caller may see, member or not. */
const visibleRoom = async (orgId: string, roomId: string, caller: ChatCaller) => {
  const { room, member } = await repository.getRoomAndMember(orgId, roomId, caller.userId);
  if (!room || (!member && !canSelfJoin(room) && !caller.manages)) throw new NotFoundError('No such room');
  return { room, member };
};

const newMember = (userId: string, name: string, now: string, readSeq = 0): MemberItem => ({
  userId,
  name,
  joinedAt: now,
  readSeq,
  readMessageId: null,
});

export const createRoom = async (
  caller: ChatCaller,
  orgId: string,
  input: { name: string; kind: RoomKind; conferenceId?: string; memberIds: string[] },
): Promise<RoomView> => {
  if (input.kind !== 'private' && !caller.manages)
    throw new ForbiddenError('Only owners and operators create lobby, agenda-item and sponsor rooms');
  const invitees = [...new Set(input.memberIds.filter((userId) => userId !== caller.userId))];
  // The event (if any) and the invitees in one read: the organization's people, and for an event's room
  // the people on its roster, guests of other organizations among them.
  const { conferenceExists, people } = await repository.getRoomInvitees(orgId, input.conferenceId, invitees);
  if (!conferenceExists)
    throw new ValidationError([{ path: 'conferenceId', message: 'No such event in this organization' }]);
  const strangers = invitees.filter((userId) => !people.has(userId));
  if (strangers.length)
    throw new ValidationError(
      strangers.map((userId) => ({
        path: `memberIds.${input.memberIds.indexOf(userId)}`,
        message: input.conferenceId
          ? 'Neither a member of this organization nor on the event’s roster'
          : 'Not a member of this organization',
      })),
    );
  const now = new Date().toISOString();
  const room: RoomItem = {
    id: ulid(),
    orgId,
    name: input.name,
    kind: input.kind,
    conferenceId: input.conferenceId ?? null,
    createdBy: caller.userId,
    createdAt: now,
    lastMessageAt: null,
    lastMessageId: null,
    seq: 0,
  };
  const creator = newMember(caller.userId, caller.name, now);
  await repository.createRoom(room, [
    creator,
    ...invitees.map((userId) => newMember(userId, people.get(userId)!.name, now)),
  ]);
  return toRoomView(room, creator);
};

export const listRooms = async (
  caller: ChatCaller,
  orgId: string,
  query: { conferenceId?: string; limit: number; cursor?: string },
) => {
  const { rooms, nextCursor } = await repository.listRooms(orgId, query);
  const memberships = await repository.getMemberships(
    orgId,
    rooms.map((room) => room.id),
    caller.userId,
  );
  return {
    items: rooms
      .filter((room) => canSelfJoin(room) || memberships.has(room.id) || caller.manages)
      .map((room) => toRoomView(room, memberships.get(room.id))),
    nextCursor,
  };
};

export const getRoom = async (caller: ChatCaller, orgId: string, roomId: string) => {
  const { room, member } = await visibleRoom(orgId, roomId, caller);
  return toRoomView(room, member);
};

export const listMembers = async (
  caller: ChatCaller,
  orgId: string,
  roomId: string,
  query: { limit: number; cursor?: string },
): Promise<{ items: MemberView[]; nextCursor: string | null }> =>
  membersOnceAdmitted(memberRoom(orgId, roomId, caller), orgId, roomId, query);

/**
 * A page of a room's members as the caller sees it, each with their presence: people hidden from the
 * event's directory are left out, except for those who manage the room (who see the whole roster anyway,
 * and add and remove its people). Read side by side with `admitted`, the check that the room is the
 * caller's (`alongside`: nobody learns anything of a room that is not theirs): two round trips.
 */
const membersOnceAdmitted = async (
  admitted: Promise<{ readonly room: RoomItem; readonly caller: ChatCaller }>,
  orgId: string,
  roomId: string,
  query: { limit: number; cursor?: string },
): Promise<{ items: MemberView[]; nextCursor: string | null }> => {
  const [{ room, caller }, page] = await alongside(
    admitted,
    repository.listMembers(orgId, roomId, query.limit, query.cursor),
  );
  // Presence is read for the whole page while the directory decides whom of it the caller sees.
  const [members, presence] = await Promise.all([
    caller.manages ? page.members : shownMembers(orgId, room, caller.userId, page.members),
    presenceOf(
      orgId,
      page.members.map((member) => member.userId),
    ),
  ]);
  return {
    items: members.map((member) => ({
      userId: member.userId,
      name: member.name,
      joinedAt: member.joinedAt,
      presence: presence.get(member.userId) ?? 'offline',
    })),
    nextCursor: page.nextCursor,
  };
};

export const addMember = async (
  caller: ChatCaller,
  orgId: string,
  roomId: string,
  userId: string,
): Promise<MemberView> => {
  const { room, member } = await visibleRoom(orgId, roomId, caller);
  const self = userId === caller.userId;
  if (self && !member && !canSelfJoin(room) && !caller.manages)
    throw new ForbiddenError('This room is by invitation');
  if (self && !member) await assertConferenceRoomOpen(orgId, room, caller, false);
  if (!self && !member && !caller.manages) throw new ForbiddenError('Only members invite to a room');
  const person = (await repository.getOrganizationMembers(orgId, [userId])).get(userId);
  if (!person) throw new ValidationError([{ path: 'userId', message: 'Not a member of this organization' }]);
  return putMember(orgId, room, userId, person.name);
};

/** Makes the person a member who starts with nothing unread; someone already in the room stays as they were. */
const putMember = async (
  orgId: string,
  room: RoomItem,
  userId: string,
  name: string,
): Promise<MemberView> => {
  const added = newMember(userId, name, new Date().toISOString(), room.seq);
  await repository.addMember(orgId, room.id, added);
  return { userId, name, joinedAt: added.joinedAt, presence: 'offline' };
};

/** Removes a member, and unsubscribes their open connections so a private room stops reaching them. */
export const removeMember = async (
  caller: ChatCaller,
  orgId: string,
  roomId: string,
  userId: string,
): Promise<void> => {
  const [{ room }, connections] = await alongside(
    visibleRoom(orgId, roomId, caller),
    connectionsOfUser(orgId, userId),
  );
  assertMayRemove(caller, room, userId);
  await dropMember(orgId, roomId, userId, connections);
};

/** Anyone leaves; only the room's creator and those who manage it take someone else out. */
const assertMayRemove = (caller: ChatCaller, room: RoomItem, userId: string) => {
  if (userId !== caller.userId && room.createdBy !== caller.userId && !caller.manages)
    throw new ForbiddenError(
      'Only the room’s creator, owners, operators and the event’s organizers remove others',
    );
};

/**
 * Takes the person out of the room and, in the same round trip, unsubscribes those of their open
 * connections (read beside the access check) that follow it.
 */
const dropMember = async (
  orgId: string,
  roomId: string,
  userId: string,
  connections: readonly ConnectionItem[],
) => {
  await Promise.all([
    repository.removeMember(orgId, roomId, userId),
    ...connections
      .filter((connection) => connection.topics[roomId])
      .map((connection) => unsubscribe(connection.connectionId, roomId, repository.roomTopic(orgId, roomId))),
  ]);
};

export const listMessages = async (
  caller: ChatCaller,
  orgId: string,
  roomId: string,
  query: { limit: number; cursor?: string },
): Promise<{ items: MessageView[]; nextCursor: string | null }> => {
  await memberRoom(orgId, roomId, caller);
  const { messages, nextCursor } = await repository.listMessages(orgId, roomId, query.limit, query.cursor);
  return { items: messages, nextCursor };
};

// What a connection does

export const joinRoom = async (connection: ConnectionItem, input: { orgId?: string; roomId: string }) => {
  const { orgId, room, caller, access, member: existing } = await frameRoom(connection, input);
  checkConferenceRoomOpen(access, caller, Boolean(existing));
  await assertMayJoin(orgId, room, caller.userId);
  let member = existing;
  if (!member) {
    member = newMember(caller.userId, caller.name, new Date().toISOString(), room.seq);
    await repository.addMember(orgId, room.id, member);
  }
  const topic = repository.roomTopic(orgId, room.id);
  await subscribe(connection, room.id, topic, repository.roomHeadKey(orgId, room.id), orgId);
  const online = await onlineCounts({ [room.id]: topic });
  return {
    roomId: room.id,
    lastMessageId: room.lastMessageId,
    unread: Math.max(0, room.seq - member.readSeq),
    online: online[room.id] ?? 0,
  };
};

/** The subscription names its topic, so leaving needs neither the room nor its organization. */
export const leaveRoom = async (connection: ConnectionItem, roomId: string) => {
  const topic = connection.topics[roomId];
  if (topic) await unsubscribe(connection.connectionId, roomId, topic);
};

/** Mentions must name members of the room. */
const checkMentions = async (orgId: string, roomId: string, mentions: readonly string[]) => {
  const unique = [...new Set(mentions)];
  if (unique.length === 0) return unique;
  const members = new Set(await repository.getRoomMembers(orgId, roomId, unique));
  const strangers = unique.filter((userId) => !members.has(userId));
  if (strangers.length)
    throw new ValidationError(
      strangers.map((userId) => ({
        path: `mentions.${mentions.indexOf(userId)}`,
        message: 'Not a member of this room',
      })),
    );
  return unique;
};

const takeSendAllowance = async (orgId: string, roomId: string, userId: string) => {
  const outcome = await takeFromSlidingWindow(
    'chat-room',
    `${orgId}.${roomId}.${userId}`,
    sendLimit.messages,
    sendLimit.windowSeconds,
  );
  if (!outcome.taken)
    throw new TooManyRequestsError(
      `At most ${sendLimit.messages} messages in ${sendLimit.windowSeconds} seconds; try again in ${outcome.retryAfterSeconds} s`,
      { retryAfterSeconds: outcome.retryAfterSeconds },
    );
};

export const sendMessage = async (
  connection: ConnectionItem,
  input: { orgId?: string; roomId: string; text: string; mentions: string[] },
): Promise<MessageView> => {
  const { orgId, room, caller, access } = await frameMemberRoom(connection, input);
  checkConferenceRoomOpen(access, caller, true);
  assertRoomNotClosed(room);
  await assertMayPost(orgId, room, connection.userId);
  const mentions = await checkMentions(orgId, input.roomId, input.mentions);
  await assertMentionable(orgId, room, connection.userId, mentions);
  await takeSendAllowance(orgId, input.roomId, connection.userId);
  await takeSlowModeTurn(orgId, room, connection.userId);
  const message: MessageView = {
    id: ulid(),
    roomId: input.roomId,
    authorId: connection.userId,
    authorName: connection.name,
    text: input.text,
    mentions,
    createdAt: new Date().toISOString(),
    editedAt: null,
    deletedAt: null,
  };
  await repository.putMessage(orgId, message);
  await Promise.all([
    fanOut(orgId, room.id, room.shards, { type: 'room.message', roomId: room.id, message }),
    countMessage(orgId, room, message),
  ]);
  return message;
};

/** Why an own-message change failed: the message is not there (or deleted), or someone else wrote it. */
const refuseChange = async (orgId: string, roomId: string, messageId: string, verb: string) => {
  const message = await repository.getMessage(orgId, roomId, messageId);
  if (!message || message.deletedAt) throw new NotFoundError('No such message');
  throw new ForbiddenError(`Only its author may ${verb} a message`);
};

export const editMessage = async (
  connection: ConnectionItem,
  input: { orgId?: string; roomId: string; messageId: string; text: string; mentions: string[] },
): Promise<MessageView> => {
  const { orgId, room } = await frameMemberRoom(connection, input);
  assertRoomNotClosed(room);
  await assertMayPost(orgId, room, connection.userId);
  const mentions = await checkMentions(orgId, input.roomId, input.mentions);
  await assertMentionable(orgId, room, connection.userId, mentions);
  const message = await repository.updateOwnMessage(orgId, input.roomId, input.messageId, connection.userId, {
    text: input.text,
    mentions,
    editedAt: new Date().toISOString(),
  });
  if (!message) return refuseChange(orgId, input.roomId, input.messageId, 'edit');
  await fanOut(orgId, room.id, room.shards, { type: 'room.message-edited', roomId: room.id, message });
  return message;
};

/** Deleting keeps a tombstone without text, so history and catch-up tell clients to drop the message. */
export const deleteMessage = async (
  connection: ConnectionItem,
  input: { orgId?: string; roomId: string; messageId: string },
) => {
  const { orgId, room } = await frameMemberRoom(connection, input);
  const message = await repository.updateOwnMessage(orgId, input.roomId, input.messageId, connection.userId, {
    text: '',
    mentions: [],
    deletedAt: new Date().toISOString(),
  });
  if (!message) return refuseChange(orgId, input.roomId, input.messageId, 'delete');
  await fanOut(orgId, room.id, room.shards, {
    type: 'room.message-deleted',
    roomId: room.id,
    messageId: input.messageId,
  });
};

/** Reading a message reads everything before it: the pointer takes the room's count at this moment. */
export const markRead = async (
  connection: ConnectionItem,
  input: { orgId?: string; roomId: string; messageId: string },
) => {
  const { orgId, room, member } = await frameMemberRoom(connection, input);
  const moved = await repository.markRead(orgId, input.roomId, connection.userId, input.messageId, room.seq);
  return { unread: moved ? 0 : Math.max(0, room.seq - member.readSeq) };
};

export const catchUp = async (
  connection: ConnectionItem,
  input: { orgId?: string; roomId: string; after?: string; limit: number },
) => {
  const { orgId } = await frameMemberRoom(connection, input);
  // Without a message seen yet (a guest has no HTTP history of another organization's rooms): the newest.
  return input.after
    ? repository.messagesAfter(orgId, input.roomId, input.after, input.limit)
    : repository.newestMessages(orgId, input.roomId, input.limit);
};

// An event's rooms over HTTP, for anyone on its roster

/** The person behind a request; authentication read their account for this very request. */
const personOf = (principal: Principal): RoomPerson => ({
  userId: principal.userId,
  name: principal.name,
  role: principal.role,
  orgId: principal.orgId,
});

/**
 * A room of the event in the path as the room policy lets the caller have it (the decision WebSocket
 * frames get). A room of another event, or of an event that is gone, does not exist here: 404.
 */
const eventRoom = async (principal: Principal, orgId: string, conferenceId: string, roomId: string) => {
  const { room, member, access } = await repository.getConferenceRoomAccess(
    orgId,
    conferenceId,
    roomId,
    principal.userId,
  );
  const admitted =
    room?.conferenceId === conferenceId && access.exists
      ? admitToRoom(orgId, room, member, personOf(principal), access.role)
      : undefined;
  if (!admitted) throw new NotFoundError('No such room');
  return admitted;
};

/** As `eventRoom`, for reading what only members read: an open room asks the caller to join first (403). */
const eventMemberRoom = async (principal: Principal, orgId: string, conferenceId: string, roomId: string) => {
  const admitted = await eventRoom(principal, orgId, conferenceId, roomId);
  if (!admitted.member) throw new ForbiddenError('Join the room first');
  return admitted;
};

/**
 * The event's rooms the caller may join or is in (the roster's rule on top of the room policy, as a join
 * applies it). The caller's role on the roster came with their account
 * (`conference-member` routes read it in the same round trip), so the policy needs only the memberships.
 */
export const listEventRooms = async (
  principal: Principal,
  orgId: string,
  conferenceId: string,
  query: { limit: number; cursor?: string },
) => {
  const { rooms, nextCursor } = await repository.listRooms(orgId, { conferenceId, ...query });
  const memberships = await repository.getMemberships(
    orgId,
    rooms.map((room) => room.id),
    principal.userId,
  );
  const person = personOf(principal);
  const role = principal.conferenceRole;
  return {
    items: rooms
      .filter((room) => {
        const admitted = admitToRoom(orgId, room, memberships.get(room.id), person, role);
        return admitted && rosterAdmits(role, admitted.caller, Boolean(admitted.member));
      })
      .map((room) => toRoomView(room, memberships.get(room.id))),
    nextCursor,
  };
};

/**
 * An organizer's private room of the event. The route lets in the event's organizers (guests of the
 * organization among them), the organization's owner and operator admins; invitees come from the roster
 * or the organization, as for any room of the event.
 */
export const createEventPrivateRoom = (
  principal: Principal,
  orgId: string,
  conferenceId: string,
  input: { name: string; memberIds: string[] },
) => createRoom(callerOf(principal), orgId, { ...input, kind: 'private', conferenceId });

export const getEventRoom = async (
  principal: Principal,
  orgId: string,
  conferenceId: string,
  roomId: string,
) => {
  const { room, member } = await eventRoom(principal, orgId, conferenceId, roomId);
  return toRoomView(room, member);
};

export const listEventRoomMembers = async (
  principal: Principal,
  orgId: string,
  conferenceId: string,
  roomId: string,
  query: { limit: number; cursor?: string },
) => {
  return membersOnceAdmitted(eventMemberRoom(principal, orgId, conferenceId, roomId), orgId, roomId, query);
};

/**
 * An organizer adds someone to one of the event's rooms: a person of the organization or on the event's
 * roster, guests of the organization among them, and not one banned from the event's chat. The room's
 * admission, the person's place and their ban are read side by side: three round trips with the caller's.
 */
export const addEventRoomMember = async (
  principal: Principal,
  orgId: string,
  conferenceId: string,
  roomId: string,
  userId: string,
): Promise<MemberView> => {
  const [{ room }, [{ people }, banned]] = await alongside(
    eventRoom(principal, orgId, conferenceId, roomId),
    Promise.all([
      repository.getRoomInvitees(orgId, conferenceId, [userId]),
      banOf(orgId, conferenceId, roomId, userId),
    ]),
  );
  const person = people.get(userId);
  if (!person)
    throw new ValidationError([
      { path: 'userId', message: 'Neither a member of this organization nor on the event’s roster' },
    ]);
  if (banned)
    throw new ValidationError([
      { path: 'userId', message: 'Banned from this event’s chat: lift the ban first' },
    ]);
  if (room.closedAt) throw new ConflictError('This room is closed: its session is no longer on the agenda');
  return putMember(orgId, room, userId, person.name);
};

/** Someone on the roster leaves one of the event's rooms, or its organizers (or its creator) take someone out. */
export const removeEventRoomMember = async (
  principal: Principal,
  orgId: string,
  conferenceId: string,
  roomId: string,
  userId: string,
): Promise<void> => {
  const [{ room, caller }, connections] = await alongside(
    eventRoom(principal, orgId, conferenceId, roomId),
    connectionsOfUser(orgId, userId),
  );
  assertMayRemove(caller, room, userId);
  await dropMember(orgId, roomId, userId, connections);
};

export const listEventRoomMessages = async (
  principal: Principal,
  orgId: string,
  conferenceId: string,
  roomId: string,
  query: { limit: number; cursor?: string },
): Promise<{ items: MessageView[]; nextCursor: string | null }> => {
  await eventMemberRoom(principal, orgId, conferenceId, roomId);
  const { messages, nextCursor } = await repository.listMessages(orgId, roomId, query.limit, query.cursor);
  return { items: messages, nextCursor };
};
