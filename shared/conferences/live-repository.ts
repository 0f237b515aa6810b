import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../aws/dynamo';
import { getMany } from '../db/batch';
import { parseItem } from '../db/item';
import { conferenceKeys, userKeys } from '../db/keys';
import { id } from '../http/contracts';
import { role, userStatus } from '../identity/contracts';
import * as z from '../schema/zod';
import { conferenceRole, type StreamState } from './contracts';
import { agendaItem, liveStatesItem } from './model';

export interface LiveChannel {
  readonly states: Record<string, StreamState>;
  readonly version: number;
  /** Shards of the live topic that have (or had) subscribers. */
  readonly shards: readonly number[];
}

/** The live states item as the channel reads it: the states and which topic shards were ever used. */
const liveChannelItem = z.extend(liveStatesItem, {
  // The document client reads a DynamoDB number set as a Set.
  shards: z.optional(z.set(z.number().check(z.int()))),
});

const toChannel = (item: Record<string, unknown>): LiveChannel => {
  const { states, version, shards } = parseItem(liveChannelItem, item, ['entity'])!;
  return { states, version, shards: [...(shards ?? [])] };
};

/** What the route policy needs of the person behind a connection, read from their user item. */
const connectedUser = z.object({
  id,
  email: z.string(),
  name: z.string(),
  role,
  orgId: z.nullable(id),
  status: userStatus,
});

const roleOnly = z.object({ role: conferenceRole });

/** The topic a conference's live channel fans out on, and the item holding its states. */
export const liveTopicKeys = (orgId: string, conferenceId: string) => ({
  topic: conferenceKeys.liveTopic(orgId, conferenceId),
  states: conferenceKeys.liveStates(orgId, conferenceId),
});

/**
 * What deciding a live subscription needs, in one batch read: the person behind the connection (their
 * role and organization now, not when they connected), their role in the conference, and the
 * conference's live states. No live states means no such conference.
 */

export const readLiveAccess = async (orgId: string, conferenceId: string, userId: string) => {
  const userKey = userKeys.user(userId);
  const roleKey = conferenceKeys.role(orgId, conferenceId, userId);
  const liveKey = conferenceKeys.liveStates(orgId, conferenceId);
  const found = await getMany([userKey, roleKey, liveKey]);
  const live = found(liveKey);
  return {
    user: parseItem(connectedUser, found(userKey)),
    conferenceRole: parseItem(roleOnly, found(roleKey))?.role,
    channel: live ? toChannel(live) : undefined,
  };
};

/** The live states with the shards to post them to, read consistently right after a change. */
export const readLiveChannel = async (orgId: string, conferenceId: string) => {
  const { Item } = await dynamo.send(
    new GetCommand({
      TableName: tableName,
      Key: conferenceKeys.liveStates(orgId, conferenceId),
      ConsistentRead: true,
    }),
  );
  return Item ? toChannel(Item) : undefined;
};

/**
 * After a session was added, changed or removed: the channel (its shards and states) and the session as
 * it is now, in one consistent batch read. No item means it is gone, whatever the event said.
 */
export const readLiveAgendaItem = async (orgId: string, conferenceId: string, itemId: string) => {
  const liveKey = conferenceKeys.liveStates(orgId, conferenceId);
  const itemKey = conferenceKeys.agendaItem(orgId, conferenceId, itemId);
  const found = await getMany([liveKey, itemKey]);
  const live = found(liveKey);
  return {
    channel: live ? toChannel(live) : undefined,
    item: parseItem(agendaItem, found(itemKey), ['entity']),
  };
};
