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
import { fromItem } from '../db/item';
import { realtimeKeys } from '../db/keys';
import { isExpired, ttlIn } from '../db/ttl';
import { heartbeatIntervalSeconds, type PresenceStatus } from './contracts';
import { shardOf } from './shards';

export interface TicketItem {
  readonly userId: string;
  readonly orgId: string | null;
  readonly name?: string;
  readonly ttl: number;
}

/** Who is behind a connection, and which topics (chat rooms) it is subscribed to: topic id → topic. */
export interface ConnectionItem {
  readonly connectionId: string;
  readonly userId: string;
  readonly orgId: string | null;
  readonly name: string;
  readonly connectedAt: string;
  readonly topics: Readonly<Record<string, string>>;
  readonly ttl: number;
}

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
    const ticket = Attributes as (TicketItem & { pk: string }) | undefined;
    return ticket && !isExpired(ticket)
      ? { userId: ticket.userId, orgId: ticket.orgId, name: ticket.name, ttl: ticket.ttl }
      : undefined;
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
};

export const putConnection = async (connection: Omit<ConnectionItem, 'topics'>) => {
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
  if (!Item || isExpired(Item as { ttl?: number })) return undefined;
  return fromItem<ConnectionItem>(Item);
};

/** A person's live connections in an organization. */
export const connectionsOfUser = async (orgId: string, userId: string): Promise<ConnectionItem[]> => {
  const result = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': realtimeKeys.userConnectionsPartition(orgId, userId) },
    }),
  );
  return (result.Items ?? [])
    .filter((item) => !isExpired(item as { ttl?: number }))
    .map((item) => fromItem<ConnectionItem>(item)!);
};

/**
 * Subscribes a connection to a topic in one transaction: its shard item, the topic on the connection item
 * (so `$disconnect` finds it), and the shard on the topic's head item (so fan-out knows which shards to
 * run). The head's condition refuses a topic that does not exist.
 */
export const subscribe = async (
  connection: ConnectionItem,
  topicId: string,
  topic: string,
  head: ItemKey,
): Promise<void> => {
  const shard = shardOf(connection.connectionId);
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
            UpdateExpression: 'SET topics.#topicId = :topic',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#topicId': topicId },
            ExpressionAttributeValues: { ':topic': topic },
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
  const items = (result.Items ?? []).filter((item) => !isExpired(item as { ttl?: number }));
  return {
    subscriptions: items.map((item) => ({ connectionId: item.connectionId, userId: item.userId })),
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
  const topics = new Set([
    ...knownTopics,
    ...Object.values((Attributes?.topics ?? {}) as Record<string, string>),
  ]);
  const keys = [...topics].map((topic) =>
    realtimeKeys.subscription(topic, shardOf(connectionId), connectionId),
  );
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
  if (connection.orgId)
    writes.push(
      dynamo.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...realtimeKeys.presence(connection.orgId, connection.userId),
            status,
            seenAt: new Date(now).toISOString(),
            ttl: ttlIn(presenceLifetimeSeconds, now),
          },
        }),
      ),
    );
  await Promise.all(writes);
  return onlineCounts(Object.fromEntries(topics), now);
};

/** The last whole interval's heartbeat count of each topic (topic id → topic). */
export const onlineCounts = async (
  topics: Readonly<Record<string, string>>,
  now = Date.now(),
): Promise<Record<string, number>> => {
  const entries = Object.entries(topics);
  if (entries.length === 0) return {};
  const previous = heartbeatBucket(now) - 1;
  const found = await getMany(entries.map(([, topic]) => realtimeKeys.onlineCount(topic, previous)));
  return Object.fromEntries(
    entries.map(([topicId, topic]) => [
      topicId,
      Number(found(realtimeKeys.onlineCount(topic, previous))?.count ?? 0),
    ]),
  );
};

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
      const item = found(realtimeKeys.presence(orgId, userId)) as { status?: PresenceStatus; ttl?: number };
      result.set(userId, item && !isExpired(item, now) ? (item.status ?? 'online') : 'offline');
    }
  }
  return result;
};
