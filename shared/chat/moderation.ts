import { ulid } from 'ulid';
import type { Principal } from '../auth/policy';
import { loadConference } from '../conferences';
import { clock } from '../db/clock';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  TooManyRequestsError,
  ValidationError,
} from '../http/errors';
import { type ConnectionItem, connectionsOfUser, unsubscribe } from '../realtime';
import { fanOut } from './fan-out';
import type { ReportReason, RestrictionView } from './moderation-contracts';
import * as moderation from './moderation-repository';
import type { RoomItem } from './repository';
import * as repository from './repository';
import { frameRoom } from './room-policy';

/** When a mute ends, as people read it: `14:05 UTC`, with the date once it is not today. */
const untilText = (until: string) => {
  const today = new Date().toISOString().slice(0, 10);
  const time = `${until.slice(11, 16)} UTC`;
  return until.startsWith(today) ? time : `${until.slice(0, 10)} ${time}`;
};

const refusalOf = (restriction: RestrictionView) => {
  if (restriction.kind === 'ban') return "You are banned from this event's chat";
  const where = restriction.roomId ? 'in this room' : "in this event's rooms";
  return `You are muted ${where} until ${untilText(restriction.until!)}`;
};

// Checks the chat service runs before a person joins or posts ---------------------------------------------

/** The person's ban from the chat of an event (the room's mutes are read in the same batch), if any. */
export const banOf = async (orgId: string, conferenceId: string, roomId: string, userId: string) =>
  (await moderation.restrictionsOf(orgId, conferenceId, userId, roomId)).find(
    (restriction) => restriction.kind === 'ban',
  );

/** A banned person joins none of the event's rooms. */
export const assertMayJoin = async (orgId: string, room: RoomItem, userId: string): Promise<void> => {
  if (!room.conferenceId) return;
  const ban = await banOf(orgId, room.conferenceId, room.id, userId);
  if (ban) throw new ForbiddenError(refusalOf(ban));
};

/** A banned or muted person posts nothing: one batch read of the ban and both mutes. */
export const assertMayPost = async (orgId: string, room: RoomItem, userId: string): Promise<void> => {
  if (!room.conferenceId) return;
  const [first] = (await moderation.restrictionsOf(orgId, room.conferenceId, userId, room.id)).sort((a, b) =>
    a.kind === b.kind ? 0 : a.kind === 'ban' ? -1 : 1,
  );
  if (first) throw new ForbiddenError(refusalOf(first));
};

/** In a slow room, one message per person every `slowModeSeconds` (read from the injectable clock). */
export const takeSlowModeTurn = async (orgId: string, room: RoomItem, userId: string): Promise<void> => {
  const seconds = room.slowModeSeconds ?? 0;
  if (seconds <= 0) return;
  const now = clock.now();
  const turn = await moderation.takeSlowModeTurn(orgId, room.id, userId, seconds, now);
  if (turn.taken) return;
  const retryAfterSeconds = Math.max(1, Math.ceil((turn.lastAt + seconds * 1000 - now) / 1000));
  throw new TooManyRequestsError(
    `Slow mode: one message every ${seconds} seconds; try again in ${retryAfterSeconds} s`,
    { retryAfterSeconds },
  );
};

// Reporting (anyone in the room) -------------------------------------------------------------------------

export const reportMessage = async (
  connection: ConnectionItem,
  input: { orgId?: string; roomId: string; messageId: string; reason: ReportReason; note: string },
) => {
  const { orgId, room, member } = await frameRoom(connection, input);
  if (!member) throw new NotFoundError('No such room');
  if (!room.conferenceId)
    throw new ValidationError([
      { path: 'roomId', message: "This room belongs to no event; tell the room's creator instead" },
    ]);
  const message = await repository.getMessage(orgId, input.roomId, input.messageId);
  if (!message || message.deletedAt) throw new NotFoundError('No such message');
  if (message.authorId === connection.userId)
    throw new ValidationError([{ path: 'messageId', message: 'Your own message: delete it instead' }]);
  const reportId = ulid();
  const stored = await moderation.putReport(orgId, room.conferenceId, {
    id: reportId,
    roomId: room.id,
    roomName: room.name,
    messageId: message.id,
    messageText: message.text,
    authorId: message.authorId,
    authorName: message.authorName,
    reporterId: connection.userId,
    reporterName: connection.name,
    reason: input.reason,
    note: input.note,
    status: 'open',
    createdAt: new Date().toISOString(),
    decidedAt: null,
    decidedBy: null,
  });
  if (!stored) throw new ConflictError('You reported this message already');
  return { reportId };
};

// What organizers do (the route policy let only the event's organizers and owners in) -------------------

/** A room of this conference; any other room (or another conference's) does not exist here. */
const conferenceRoom = async (orgId: string, conferenceId: string, roomId: string, userId: string) => {
  const { room } = await repository.getRoomAndMember(orgId, roomId, userId);
  if (!room || room.conferenceId !== conferenceId) throw new NotFoundError('No such room in this event');
  return room;
};

/**
 * The person must belong to the organization whose chat this is, or be on the event's roster: a guest
 * of another organization takes part in the event's rooms, so moderators restrict them too.
 */
const personOf = async (orgId: string, conferenceId: string, userId: string, moderator: Principal) => {
  if (userId === moderator.userId)
    throw new ValidationError([{ path: 'userId', message: 'You cannot restrict yourself' }]);
  const person = (await repository.getRoomInvitees(orgId, conferenceId, [userId])).people.get(userId);
  if (!person)
    throw new ValidationError([
      { path: 'userId', message: 'Neither a member of this organization nor on the event’s roster' },
    ]);
  return person;
};

export const listReports = async (
  orgId: string,
  conferenceId: string,
  query: { status: 'open' | 'all'; limit: number; cursor?: string },
) => {
  await loadConference(orgId, conferenceId);
  return moderation.listReports(orgId, conferenceId, query.status, query.limit, query.cursor);
};

export const decideReport = async (
  moderator: Principal,
  orgId: string,
  conferenceId: string,
  reportId: string,
  decision: 'resolved' | 'dismissed',
) => {
  const decided = await moderation.decideReport(orgId, conferenceId, reportId, {
    status: decision,
    decidedAt: new Date().toISOString(),
    decidedBy: moderator.userId,
  });
  if (decided) return decided;
  const report = await moderation.getReport(orgId, conferenceId, reportId);
  if (!report) throw new NotFoundError('No such report');
  throw new ConflictError(`This report was already ${report.status}`);
};

/** Deletes anyone's message; the tombstone goes to every connection in the room as a frame. */
export const deleteMessage = async (
  moderator: Principal,
  orgId: string,
  conferenceId: string,
  roomId: string,
  messageId: string,
) => {
  const room = await conferenceRoom(orgId, conferenceId, roomId, moderator.userId);
  const deleted = await moderation.deleteAnyMessage(orgId, roomId, messageId, new Date().toISOString());
  if (!deleted) throw new NotFoundError('No such message');
  await fanOut(orgId, room.id, room.shards, { type: 'room.message-deleted', roomId: room.id, messageId });
};

export const setSlowMode = async (
  moderator: Principal,
  orgId: string,
  conferenceId: string,
  roomId: string,
  seconds: number,
) => {
  await conferenceRoom(orgId, conferenceId, roomId, moderator.userId);
  if (!(await moderation.setSlowMode(orgId, roomId, seconds))) throw new NotFoundError('No such room');
  return { roomId, slowModeSeconds: seconds };
};

export const mute = async (
  moderator: Principal,
  orgId: string,
  conferenceId: string,
  input: { userId: string; roomId: string | null; minutes: number; reason: string },
): Promise<RestrictionView> => {
  const [person] = await Promise.all([
    personOf(orgId, conferenceId, input.userId, moderator),
    input.roomId
      ? conferenceRoom(orgId, conferenceId, input.roomId, moderator.userId)
      : loadConference(orgId, conferenceId),
  ]);
  const now = Date.now();
  const until = new Date(now + input.minutes * 60_000);
  const restriction: RestrictionView = {
    kind: 'mute',
    userId: input.userId,
    name: person.name,
    roomId: input.roomId,
    reason: input.reason,
    until: until.toISOString(),
    createdAt: new Date(now).toISOString(),
    createdBy: moderator.userId,
  };
  await moderation.putRestriction(orgId, conferenceId, {
    ...restriction,
    ttl: Math.ceil(until.getTime() / 1000),
  });
  return restriction;
};

export const unmute = (orgId: string, conferenceId: string, userId: string, roomId?: string) =>
  moderation.deleteRestriction(orgId, conferenceId, 'mute', userId, roomId ?? null);

/**
 * Bans a person from the event's chat and takes their open connections out of the event's rooms, so
 * nothing more reaches them there either.
 */
export const ban = async (
  moderator: Principal,
  orgId: string,
  conferenceId: string,
  userId: string,
  reason: string,
): Promise<RestrictionView> => {
  const [person] = await Promise.all([
    personOf(orgId, conferenceId, userId, moderator),
    loadConference(orgId, conferenceId),
  ]);
  const restriction: RestrictionView = {
    kind: 'ban',
    userId,
    name: person.name,
    roomId: null,
    reason,
    until: null,
    createdAt: new Date().toISOString(),
    createdBy: moderator.userId,
  };
  await moderation.putRestriction(orgId, conferenceId, restriction);
  const connections = await connectionsOfUser(orgId, userId);
  const roomIds = [...new Set(connections.flatMap((connection) => Object.keys(connection.topics)))];
  const rooms = await repository.getRooms(orgId, roomIds);
  const eventRooms = new Set(
    rooms.filter((room) => room.conferenceId === conferenceId).map((room) => room.id),
  );
  await Promise.all(
    connections.flatMap((connection) =>
      Object.keys(connection.topics)
        .filter((roomId) => eventRooms.has(roomId))
        .map((roomId) => unsubscribe(connection.connectionId, roomId, repository.roomTopic(orgId, roomId))),
    ),
  );
  return restriction;
};

export const unban = (orgId: string, conferenceId: string, userId: string) =>
  moderation.deleteRestriction(orgId, conferenceId, 'ban', userId, null);

export const listRestrictions = async (orgId: string, conferenceId: string) => {
  await loadConference(orgId, conferenceId);
  const items = await moderation.listRestrictions(orgId, conferenceId);
  return { items: items.sort((a, b) => b.createdAt.localeCompare(a.createdAt)) };
};
