import {
  BatchWriteCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../aws/dynamo';
import type { ItemKey } from '../db/batch';
import { getMany } from '../db/batch';
import { isConditionFailure } from '../db/errors';
import { parseItem } from '../db/item';
import { realtimeKeys } from '../db/keys';
import { isExpired, ttlIn } from '../db/ttl';
import { id } from '../http/contracts';
import * as z from '../schema/zod';
import { heartbeatIntervalSeconds, type PresenceStatus, presenceStatus } from './contracts';
import { shardOf } from './shards';

/** What a ticket was issued for: the person as the ticket route's verified principal named them. */
const ticketItemSchema = z.object({
  userId: id,
  orgId: z.nullable(id),
  name: z.optional(z.string()),
  ttl: z.number(),
});
export type TicketItem = Readonly<z.infer<typeof ticketItemSchema>>;

/** Who is behind a connection, and which topics (chat rooms) it is subscribed to: topic id → topic. */
const connectionItemSchema = z.object({
  connectionId: z.string(),
  userId: id,
  /** The person's own organization when they connected; null for guests and operator admins. */
  orgId: z.nullable(id),
  name: z.string(),
  connectedAt: z.string(),
  topics: z.record(z.string(), z.string()),
  /**
   * Organizations whose topics the connection subscribed to (an event of another organization, for a
   * guest): its heartbeats keep the person's presence there too, where that organization's rooms and
   * direct messages read it.
   */
  presenceOrgs: z.optional(z.set(id)),
  ttl: z.number(),
});
export type ConnectionItem = Readonly<z.infer<typeof connectionItemSchema>>;

/** A connection's subscription to one topic, in one of the topic's shard partitions. */
export interface Subscription {
  readonly connectionId: string;
  readonly userId: string;
}

/** Presence lapses after about two missed heartbeats: offline without any `$disconnect`. */
export const presenceLifetimeSeconds = heartbeatIntervalSeconds * 2 + 5;

export const putTicket = async (hash: string, ticket: TicketItem): Promise<void> => {
  await dynamo.send(
    new PutCommand({ TableName: tableName, Item: { ...realtimeKeys.ticket(hash), ...ticket } }),
  );
};

/** Deletes the ticket and returns what it was for: a ticket opens at most one connection. */
export const consumeTicket = async (hash: string): Promise<TicketItem | undefined> => {
  try {
    const { Attributes } = await dynamo.send(
      new DeleteCommand({
        TableName: tableName,
        Key: realtimeKeys.ticket(hash),
        ConditionExpression: 'attribute_exists(pk)',
        ReturnValues: 'ALL_OLD',
      }),
    );
    const ticket = parseItem(ticketItemSchema, Attributes);
    return ticket && !isExpired(ticket) ? ticket : undefined;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
};

export const putConnection = async (connection: Omit<ConnectionItem, 'topics' | 'presenceOrgs'>) => {
  await dynamo.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...realtimeKeys.connection(connection.connectionId),
        ...(connection.orgId
          ? realtimeKeys.connectionOfUser(connection.orgId, connection.userId, connection.connectionId)
          : {}),
        ...connection,
        topics: {},
      },
    }),
  );
};

/** The connection item, or undefined once it expired (DynamoDB deletes expired items late, or never locally). */
export const getConnection = async (connectionId: string): Promise<ConnectionItem | undefined> => {
  const { Item } = await dynamo.send(
    new GetCommand({
      TableName: tableName,
      Key: realtimeKeys.connection(connectionId),
      ConsistentRead: true,
    }),
  );
  const connection = parseItem(connectionItemSchema, Item);
  return connection && !isExpired(connection) ? connection : undefined;
};

/**
 * A person's live connections in an organization: those made in their own, and those that joined its
 * topics from elsewhere (a guest's), whose entries there point at the connection item.
 */
export const connectionsOfUser = async (orgId: string, userId: string): Promise<ConnectionItem[]> => {
  const result = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': realtimeKeys.userConnectionsPartition(orgId, userId) },
    }),
  );
  // An entry lives as long as its connection: the connection item's expiry decides for both.
  const items = result.Items ?? [];
  const own = items.filter((item) => item.sk === realtimeKeys.connection(String(item.connectionId)).sk);
  const elsewhere = items
    .filter((item) => !own.includes(item))
    .map((item) => realtimeKeys.connection(String(item.connectionId)));
  const found = elsewhere.length ? await getMany(elsewhere) : () => undefined;
  return [...own, ...elsewhere.map((key) => found(key))]
    .map((item) => parseItem(connectionItemSchema, item))
    .filter((connection): connection is ConnectionItem => Boolean(connection && !isExpired(connection)));
};

/**
 * Subscribes a connection to a topic in one transaction: its shard item, the topic on the connection item
 * (so `$disconnect` finds it), and the shard on the topic's head item (so fan-out knows which shards to
 * run). The head's condition refuses a topic that does not exist. With `presenceIn`, the organization the
 * topic belongs to, the person counts online there from now on, and their heartbeats keep it so.
 */
export const subscribe = async (
  connection: ConnectionItem,
  topicId: string,
  topic: string,
  head: ItemKey,
  presenceIn?: string,
  now = Date.now(),
): Promise<void> => {
  const shard = shardOf(connection.connectionId);
  const newPresence = presenceIn && !connection.presenceOrgs?.has(presenceIn) ? presenceIn : undefined;
  await dynamo.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName,
            Item: {
              ...realtimeKeys.subscription(topic, shard, connection.connectionId),
              connectionId: connection.connectionId,
              userId: connection.userId,
              ttl: connection.ttl,
            },
          },
        },
        {
          Update: {
            TableName: tableName,
            Key: realtimeKeys.connection(connection.connectionId),
            UpdateExpression: `SET topics.#topicId = :topic${newPresence ? ' ADD presenceOrgs :org' : ''}`,
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#topicId': topicId },
            ExpressionAttributeValues: {
              ':topic': topic,
              ...(newPresence ? { ':org': new Set([newPresence]) } : {}),
            },
          },
        },
        {
          Update: {
            TableName: tableName,
            Key: head,
            UpdateExpression: 'ADD shards :shard',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':shard': new Set([shard]) },
          },
        },
        // In an organization not their own, the person's connections there list this one too (so a
        // ban or a removal reaches it), and they count online there from now on.
        ...(newPresence && newPresence !== connection.orgId
          ? [
              {
                Put: {
                  TableName: tableName,
                  Item: presenceItem(newPresence, connection.userId, 'online', now),
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: {
                    ...realtimeKeys.connectionIn(newPresence, connection.userId, connection.connectionId),
                    connectionId: connection.connectionId,
                    ttl: connection.ttl,
                  },
                },
              },
            ]
          : []),
      ],
    }),
  );
};

export const unsubscribe = async (connectionId: string, topicId: string, topic: string): Promise<void> => {
  await dynamo.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Delete: {
            TableName: tableName,
            Key: realtimeKeys.subscription(topic, shardOf(connectionId), connectionId),
          },
        },
        {
          Update: {
            TableName: tableName,
            Key: realtimeKeys.connection(connectionId),
            UpdateExpression: 'REMOVE topics.#topicId',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#topicId': topicId },
          },
        },
      ],
    }),
  );
};

const subscriptionItemSchema = z.object({ connectionId: z.string(), userId: id, ttl: z.number() });

/** The live subscriptions of one shard of a topic, a page at a time. */
export const listShard = async (
  topic: string,
  shard: number,
  startKey?: Record<string, unknown>,
): Promise<{ subscriptions: Subscription[]; next?: Record<string, unknown> }> => {
  const result = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: { ':pk': realtimeKeys.shardPartition(topic, shard) },
      ExclusiveStartKey: startKey,
    }),
  );
  const subscriptions = (result.Items ?? [])
    .map((item) => parseItem(subscriptionItemSchema, item)!)
    .filter((subscription) => !isExpired(subscription));
  return {
    subscriptions: subscriptions.map(({ connectionId, userId }) => ({ connectionId, userId })),
    next: result.LastEvaluatedKey,
  };
};

/**
 * Removes a connection and its subscriptions (after a 410, or on `$disconnect`). `knownTopics` are
 * subscriptions to remove even when the connection item is already gone.
 */
export const removeConnection = async (connectionId: string, knownTopics: readonly string[] = []) => {
  const { Attributes } = await dynamo.send(
    new DeleteCommand({
      TableName: tableName,
      Key: realtimeKeys.connection(connectionId),
      ReturnValues: 'ALL_OLD',
    }),
  );
  const removed = parseItem(connectionItemSchema, Attributes);
  const topics = new Set([...knownTopics, ...Object.values(removed?.topics ?? {})]);
  const keys = [
    ...[...topics].map((topic) => realtimeKeys.subscription(topic, shardOf(connectionId), connectionId)),
    ...[...(removed?.presenceOrgs ?? [])]
      .filter((orgId) => orgId !== removed?.orgId)
      .map((orgId) => {
        const { pk, sk } = realtimeKeys.connectionIn(orgId, removed!.userId, connectionId);
        return { pk, sk };
      }),
  ];
  for (let start = 0; start < keys.length; start += 25) {
    await dynamo.send(
      new BatchWriteCommand({
        RequestItems: {
          [tableName]: keys.slice(start, start + 25).map((Key) => ({ DeleteRequest: { Key } })),
        },
      }),
    );
  }
};

const presenceItem = (orgId: string, userId: string, status: PresenceStatus, now: number) => ({
  ...realtimeKeys.presence(orgId, userId),
  status,
  seenAt: new Date(now).toISOString(),
  ttl: ttlIn(presenceLifetimeSeconds, now),
});

/** Whole heartbeat intervals since the epoch: the online count of a topic is counted per interval. */
export const heartbeatBucket = (now = Date.now()) => Math.floor(now / 1000 / heartbeatIntervalSeconds);

/**
 * One heartbeat: the person's presence (lapsing after two missed beats) and one count in each topic's
 * current interval. Answers each topic's count of the last whole interval: a coarse number that changes
 * once an interval, not a message to everyone whenever someone comes or goes.
 */
export const recordHeartbeat = async (
  connection: ConnectionItem,
  status: PresenceStatus,
  now = Date.now(),
): Promise<Record<string, number>> => {
  const bucket = heartbeatBucket(now);
  const topics = Object.entries(connection.topics);
  const writes: Promise<unknown>[] = topics.map(([, topic]) =>
    dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: realtimeKeys.onlineCount(topic, bucket),
        UpdateExpression: 'ADD #count :one SET #ttl = if_not_exists(#ttl, :ttl)',
        ExpressionAttributeNames: { '#count': 'count', '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':one': 1, ':ttl': ttlIn(heartbeatIntervalSeconds * 4, now) },
      }),
    ),
  );
  const organizations = new Set([
    ...(connection.orgId ? [connection.orgId] : []),
    ...(connection.presenceOrgs ?? []),
  ]);
  for (const orgId of organizations)
    writes.push(
      dynamo.send(
        new PutCommand({ TableName: tableName, Item: presenceItem(orgId, connection.userId, status, now) }),
      ),
    );
  await Promise.all(writes);
  return onlineCounts(Object.fromEntries(topics), now);
};

/**
 * Each topic's count of people online recently (topic id → topic): the last whole interval's heartbeats,
 * or the current interval's where it already holds more, so a room people just joined does not show 0
 * until an interval has passed.
 */
export const onlineCounts = async (
  topics: Readonly<Record<string, string>>,
  now = Date.now(),
): Promise<Record<string, number>> => {
  const entries = Object.entries(topics);
  if (entries.length === 0) return {};
  const current = heartbeatBucket(now);
  const buckets = [current - 1, current];
  const found = await getMany(
    entries.flatMap(([, topic]) => buckets.map((bucket) => realtimeKeys.onlineCount(topic, bucket))),
  );
  const countOf = (topic: string, bucket: number) =>
    parseItem(onlineCountItem, found(realtimeKeys.onlineCount(topic, bucket)), ['ttl'])?.count ?? 0;
  return Object.fromEntries(
    entries.map(([topicId, topic]) => [
      topicId,
      Math.max(...buckets.map((bucket) => countOf(topic, bucket))),
    ]),
  );
};

const onlineCountItem = z.object({ count: z.number().check(z.int(), z.nonnegative()) });

const presenceItemSchema = z.object({ status: presenceStatus, seenAt: z.string(), ttl: z.number() });

/** Presence of people in one organization: online, away, or offline once their presence lapsed. */
export const presenceOf = async (
  orgId: string,
  userIds: readonly string[],
  now = Date.now(),
): Promise<Map<string, PresenceStatus | 'offline'>> => {
  const result = new Map<string, PresenceStatus | 'offline'>();
  for (let start = 0; start < userIds.length; start += 100) {
    const slice = userIds.slice(start, start + 100);
    const found = await getMany(slice.map((userId) => realtimeKeys.presence(orgId, userId)));
    for (const userId of slice) {
      const item = parseItem(presenceItemSchema, found(realtimeKeys.presence(orgId, userId)));
      result.set(userId, item && !isExpired(item, now) ? item.status : 'offline');
    }
  }
  return result;
};
