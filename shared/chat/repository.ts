import {
  DeleteCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../aws/dynamo';
import { conferenceRole } from '../conferences/contracts';
import { getMany, getManyInChunks, type ItemKey } from '../db/batch';
import { decodeCursor, encodeCursor, gsi1Key, gsi2Key } from '../db/cursor';
import { isConditionFailure } from '../db/errors';
import { parseItem } from '../db/item';
import { chatKeys, conferenceKeys, orgKeys, userKeys } from '../db/keys';
import { queryPrefix } from '../db/queries';
import { id } from '../http/contracts';
import { role } from '../identity/contracts';
import * as z from '../schema/zod';
import { type MessageView, messageView, roomKind } from './contracts';

/** A stored room, as the domain reads it. */
export const roomItemSchema = z.object({
  id,
  orgId: id,
  name: z.string(),
  kind: roomKind,
  conferenceId: z.nullable(id),
  createdBy: id,
  createdAt: z.string(),
  lastMessageAt: z.nullable(z.string()),
  lastMessageId: z.nullable(id),
  /** Messages ever posted: unread counts are this minus a member's `readSeq`. */
  seq: z.number().check(z.int(), z.nonnegative()),
  /** Shards that have (or had) subscribed connections: the fan-out runs one worker for each. */
  shards: z.optional(z.set(z.number().check(z.int()))),
  /** Slow mode: one message per person every this many seconds (moderation); absent or 0 when off. */
  slowModeSeconds: z.optional(z.number().check(z.int(), z.nonnegative())),
  /** A sponsor's room: the sponsor it belongs to, shown with its name and logo. */
  sponsor: z.optional(z.object({ id, name: z.string(), logoUrl: z.nullable(z.string()) })),
  /** `invitation`: nobody joins on their own, whatever the kind (set for sponsor rooms by the organizer). */
  access: z.optional(z.enum(['open', 'invitation'])),
  /** Closed (its session was removed from the agenda): history stays readable, nobody posts any more. */
  closedAt: z.optional(z.string()),
});
export type RoomItem = Readonly<z.infer<typeof roomItemSchema>>;

/** A stored membership; the item also carries its room's id for the person's room index, not read here. */
export const memberItemSchema = z.object({
  userId: id,
  name: z.string(),
  joinedAt: z.string(),
  readSeq: z.number().check(z.int(), z.nonnegative()),
  readMessageId: z.nullable(id),
});
export type MemberItem = Readonly<z.infer<typeof memberItemSchema>>;

export type MessageItem = MessageView;

/** The room's realtime topic: its partition's prefix, under which its subscriptions are sharded. */
export const roomTopic = (orgId: string, roomId: string): string => chatKeys.topic(orgId, roomId);

/** The room item's key: a subscription records its shards there (the topic's head). */
export const roomHeadKey = (orgId: string, roomId: string) => chatKeys.room(orgId, roomId);

/** A room as stored, with its keys; other chat repositories write rooms through it too. */
export const roomItem = (room: RoomItem) => ({
  ...chatKeys.room(room.orgId, room.id),
  ...chatKeys.roomList(room.orgId, room.id),
  ...(room.conferenceId ? chatKeys.roomOfConference(room.orgId, room.conferenceId, room.id) : {}),
  ...room,
});

const memberItem = (orgId: string, roomId: string, member: MemberItem) => ({
  ...chatKeys.member(orgId, roomId, member.userId),
  ...chatKeys.roomOfUser(orgId, member.userId, roomId),
  roomId,
  ...member,
});

const toMember = (item: Record<string, unknown> | undefined): MemberItem | undefined =>
  parseItem(memberItemSchema, item, ['roomId']);

/** A stored room parsed; other chat repositories read rooms through it too. */
export const roomOf = (item: Record<string, unknown> | undefined): RoomItem | undefined =>
  parseItem(roomItemSchema, item);

/** A stored message parsed; other chat repositories read messages through it too. */
export const messageOf = (item: Record<string, unknown> | undefined): MessageItem | undefined =>
  parseItem(messageView, item);

/** The room and all its first members in one transaction. */
export const createRoom = async (room: RoomItem, members: readonly MemberItem[]): Promise<void> => {
  await dynamo.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName,
            Item: roomItem(room),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...members.map((member) => ({
          Put: { TableName: tableName, Item: memberItem(room.orgId, room.id, member) },
        })),
      ],
    }),
  );
};

/** A room and one person's membership of it: one round trip. */
export const getRoomAndMember = async (orgId: string, roomId: string, userId: string) => {
  const found = await getMany([chatKeys.room(orgId, roomId), chatKeys.member(orgId, roomId, userId)]);
  return {
    room: roomOf(found(chatKeys.room(orgId, roomId))),
    member: toMember(found(chatKeys.member(orgId, roomId, userId))),
  };
};

/** What the room policy reads of a person's account: never anything the connection or a frame claims. */
const accountSchema = z.object({ role, orgId: z.nullable(id), status: z.string() });
export type Account = z.infer<typeof accountSchema>;

/**
 * A room, one person's membership of it and their account as it is now (role, organization, status), in
 * one round trip: what a WebSocket frame's policy decides on.
 */
export const getRoomAccess = async (orgId: string, roomId: string, userId: string) => {
  const roomKey = chatKeys.room(orgId, roomId);
  const memberKey = chatKeys.member(orgId, roomId, userId);
  const accountKey = userKeys.user(userId);
  const found = await getMany([roomKey, memberKey, accountKey]);
  return {
    room: roomOf(found(roomKey)),
    member: toMember(found(memberKey)),
    account: parseItem(accountSchema, found(accountKey)),
  };
};

/** Several rooms in one round trip (those that exist). */
export const getRooms = async (orgId: string, roomIds: readonly string[]): Promise<RoomItem[]> => {
  if (roomIds.length === 0) return [];
  const found = await getMany(roomIds.map((roomId) => chatKeys.room(orgId, roomId)));
  return roomIds.flatMap((roomId) => roomOf(found(chatKeys.room(orgId, roomId))) ?? []);
};

/** One person's membership of several rooms: one round trip for a page of rooms. */
export const getMemberships = async (orgId: string, roomIds: readonly string[], userId: string) => {
  if (roomIds.length === 0) return new Map<string, MemberItem>();
  const found = await getMany(roomIds.map((roomId) => chatKeys.member(orgId, roomId, userId)));
  const memberships = new Map<string, MemberItem>();
  for (const roomId of roomIds) {
    const member = toMember(found(chatKeys.member(orgId, roomId, userId)));
    if (member) memberships.set(roomId, member);
  }
  return memberships;
};

const membershipSchema = z.object({ name: z.string(), status: z.optional(z.string()) });

/** Active organization members among `userIds`, with their names: to check invitees and mentions. */
export const getOrganizationMembers = async (orgId: string, userIds: readonly string[]) =>
  (await getRoomInvitees(orgId, undefined, userIds)).people;

/** Of a conference item, only the toggle rooms follow. */
const conferenceFeaturesSchema = z.object({
  features: z.optional(z.object({ chat: z.optional(z.boolean()) })),
});
/** Of a roster entry, only the role. */
const rosterRoleSchema = z.object({ role: conferenceRole });

/** What a conference says about one person for its rooms, from the batch read that fetched both keys. */
const conferenceAccessIn = (
  found: (key: ItemKey) => Record<string, unknown> | undefined,
  orgId: string,
  conferenceId: string,
  userId: string,
) => {
  const conference = parseItem(
    conferenceFeaturesSchema,
    found(conferenceKeys.conference(orgId, conferenceId)),
  );
  return {
    exists: Boolean(conference),
    chatOn: conference?.features?.chat !== false,
    role: parseItem(rosterRoleSchema, found(conferenceKeys.role(orgId, conferenceId, userId)))?.role,
  };
};

/**
 * What a conference says about one person for its rooms, in one batch read: whether it exists, whether
 * its chat is on, and the person's role on its roster (undefined without one).
 */
export const getConferenceAccess = async (orgId: string, conferenceId: string, userId: string) => {
  const found = await getMany([
    conferenceKeys.conference(orgId, conferenceId),
    conferenceKeys.role(orgId, conferenceId, userId),
  ]);
  return conferenceAccessIn(found, orgId, conferenceId, userId);
};

export type ConferenceAccess = Awaited<ReturnType<typeof getConferenceAccess>>;

/**
 * One room of a conference, the person's membership of it and what the conference says about them (as
 * `getConferenceAccess`), in one round trip: what the event's HTTP room routes decide on.
 */
export const getConferenceRoomAccess = async (
  orgId: string,
  conferenceId: string,
  roomId: string,
  userId: string,
) => {
  const roomKey = chatKeys.room(orgId, roomId);
  const memberKey = chatKeys.member(orgId, roomId, userId);
  const found = await getMany([
    roomKey,
    memberKey,
    conferenceKeys.conference(orgId, conferenceId),
    conferenceKeys.role(orgId, conferenceId, userId),
  ]);
  return {
    room: roomOf(found(roomKey)),
    member: toMember(found(memberKey)),
    access: conferenceAccessIn(found, orgId, conferenceId, userId),
  };
};

/** Of a roster entry, the role and the name it gives the person (guests belong to no organization). */
const rosterPersonSchema = z.object({ role: conferenceRole, name: z._default(z.string(), '') });

/**
 * Who of `userIds` a room may take, in one round trip with the conference it belongs to: the
 * organization's active members, and for a room of a conference the people on its roster (guests of the
 * organization among them). `conferenceExists` is true for a room of no conference.
 */
export const getRoomInvitees = async (
  orgId: string,
  conferenceId: string | undefined,
  userIds: readonly string[],
) => {
  const memberKey = (userId: string) => orgKeys.membership(orgId, userId);
  const rosterKey = (userId: string) => conferenceKeys.role(orgId, conferenceId!, userId);
  const conferenceKey = conferenceId ? conferenceKeys.conference(orgId, conferenceId) : undefined;
  const found = await getManyInChunks([
    ...(conferenceKey ? [conferenceKey] : []),
    ...userIds.map(memberKey),
    ...(conferenceId ? userIds.map(rosterKey) : []),
  ]);
  const people = new Map<string, { name: string }>();
  for (const userId of userIds) {
    const membership = parseItem(membershipSchema, found(memberKey(userId)));
    const person =
      membership && membership.status !== 'deactivated'
        ? membership
        : conferenceId
          ? parseItem(rosterPersonSchema, found(rosterKey(userId)))
          : undefined;
    if (person) people.set(userId, { name: person.name });
  }
  return {
    conferenceExists: !conferenceKey || Boolean(parseItem(conferenceFeaturesSchema, found(conferenceKey))),
    people,
  };
};

export const getRoomMembers = async (orgId: string, roomId: string, userIds: readonly string[]) => {
  const found = await getMany(userIds.map((userId) => chatKeys.member(orgId, roomId, userId)));
  return userIds.filter((userId) => found(chatKeys.member(orgId, roomId, userId)));
};

/** Every room of a conference (its index partition), a page at a time, for the decisions that look at them all. */
export async function* conferenceRoomPages(orgId: string, conferenceId: string): AsyncGenerator<RoomItem[]> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': chatKeys.conferencePartition(orgId, conferenceId) },
        ExclusiveStartKey: startKey,
      }),
    );
    yield (page.Items ?? []).map((item) => roomOf(item)!);
    startKey = page.LastEvaluatedKey;
  } while (startKey);
}

export const listRooms = async (
  orgId: string,
  { conferenceId, limit, cursor }: { conferenceId?: string; limit: number; cursor?: string },
) => {
  const [index, partitionName, partition, keyNames] = conferenceId
    ? (['gsi2', 'gsi2pk', chatKeys.conferencePartition(orgId, conferenceId), gsi2Key] as const)
    : (['gsi1', 'gsi1pk', chatKeys.roomListPartition(orgId), gsi1Key] as const);
  const result = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: index,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': partitionName },
      ExpressionAttributeValues: { ':pk': partition },
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, { [partitionName]: partition }, keyNames),
    }),
  );
  return {
    rooms: (result.Items ?? []).map((item) => roomOf(item)!),
    nextCursor: encodeCursor(result.LastEvaluatedKey),
  };
};

export const listMembers = async (orgId: string, roomId: string, limit: number, cursor?: string) => {
  const { items, nextCursor } = await queryPrefix({ ...chatKeys.memberPrefix(orgId, roomId), limit, cursor });
  return { members: items.map((item) => toMember(item)!), nextCursor };
};

/** Adds a member; false when they already were one. */
export const addMember = async (orgId: string, roomId: string, member: MemberItem): Promise<boolean> => {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: memberItem(orgId, roomId, member),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
};

export const removeMember = async (orgId: string, roomId: string, userId: string): Promise<void> => {
  await dynamo.send(new DeleteCommand({ TableName: tableName, Key: chatKeys.member(orgId, roomId, userId) }));
};

/** Stores a message and counts it on the room in one transaction. */
export const putMessage = async (orgId: string, message: MessageItem): Promise<void> => {
  await dynamo.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName,
            Item: { ...chatKeys.message(orgId, message.roomId, message.id), ...message },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Update: {
            TableName: tableName,
            Key: chatKeys.room(orgId, message.roomId),
            UpdateExpression: 'ADD seq :one SET lastMessageAt = :at, lastMessageId = :id',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':one': 1, ':at': message.createdAt, ':id': message.id },
          },
        },
      ],
    }),
  );
};

/**
 * Changes a message only if the caller wrote it and it is not deleted; answers the new message, or
 * undefined when that condition failed.
 */
export const updateOwnMessage = async (
  orgId: string,
  roomId: string,
  messageId: string,
  authorId: string,
  changes: Partial<Pick<MessageItem, 'text' | 'mentions' | 'editedAt' | 'deletedAt'>>,
): Promise<MessageItem | undefined> => {
  const names = Object.keys(changes);
  try {
    const { Attributes } = await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: chatKeys.message(orgId, roomId, messageId),
        UpdateExpression: `SET ${names.map((name) => `#${name} = :${name}`).join(', ')}`,
        ConditionExpression: 'attribute_exists(pk) AND authorId = :author AND deletedAt = :null',
        ExpressionAttributeNames: Object.fromEntries(names.map((name) => [`#${name}`, name])),
        ExpressionAttributeValues: {
          ...Object.fromEntries(Object.entries(changes).map(([name, value]) => [`:${name}`, value])),
          ':author': authorId,
          ':null': null,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return messageOf(Attributes);
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
};

export const getMessage = async (orgId: string, roomId: string, messageId: string) => {
  const found = await getMany([chatKeys.message(orgId, roomId, messageId)]);
  return messageOf(found(chatKeys.message(orgId, roomId, messageId)));
};

/** History, newest first. */
export const listMessages = async (orgId: string, roomId: string, limit: number, cursor?: string) => {
  const { items, nextCursor } = await queryPrefix({
    ...chatKeys.messagePrefix(orgId, roomId),
    limit,
    cursor,
    newestFirst: true,
  });
  return { messages: items.map((item) => messageOf(item)!), nextCursor };
};

/** Up to `limit` messages after `messageId`, oldest first, and whether more follow. */
export const messagesAfter = async (orgId: string, roomId: string, messageId: string, limit: number) => {
  const { pk, from, to } = chatKeys.messagesAfter(orgId, roomId, messageId);
  const result = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':pk': pk, ':from': from, ':to': to },
      Limit: limit + 1,
    }),
  );
  const items = (result.Items ?? []).map((item) => messageOf(item)!);
  return { messages: items.slice(0, limit), more: items.length > limit };
};

/** The newest `limit` messages, oldest first, and whether older ones exist. */
export const newestMessages = async (orgId: string, roomId: string, limit: number) => {
  // One more than asked: a page cut exactly at the limit would otherwise still say `more`.
  const { items } = await queryPrefix({
    ...chatKeys.messagePrefix(orgId, roomId),
    limit: limit + 1,
    newestFirst: true,
  });
  const messages = items.slice(0, limit).map((item) => messageOf(item)!);
  return { messages: messages.reverse(), more: items.length > limit };
};

/** Moves a member's read pointer forward only; returns false when it already was at or past it. */
export const markRead = async (
  orgId: string,
  roomId: string,
  userId: string,
  messageId: string,
  seq: number,
): Promise<boolean> => {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: chatKeys.member(orgId, roomId, userId),
        UpdateExpression: 'SET readMessageId = :id, readSeq = :seq',
        ConditionExpression:
          'attribute_exists(pk) AND (readMessageId = :null OR attribute_not_exists(readMessageId) OR readMessageId < :id)',
        ExpressionAttributeValues: { ':id': messageId, ':seq': seq, ':null': null },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
};
