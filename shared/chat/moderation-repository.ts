import {
  DeleteCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../aws/dynamo';
import { getMany } from '../db/batch';
import { decodeCursor, encodeCursor, gsi1Key } from '../db/cursor';
import { failedConditions, isConditionFailure } from '../db/errors';
import { parseItem } from '../db/item';
import { chatKeys, moderationKeys } from '../db/keys';
import { queryPrefix, queryWholePrefix } from '../db/queries';
import { isExpired } from '../db/ttl';
import * as z from '../schema/zod';
import { type ReportView, type RestrictionView, reportView, restrictionView } from './moderation-contracts';
import { type MessageItem, messageOf } from './repository';

export type ReportItem = ReportView;
export type RestrictionItem = RestrictionView & { readonly ttl?: number };

/** A restriction as stored: a mute carries the TTL that ends it, a ban none. */
const storedRestriction = z.extend(restrictionView, { ttl: z.optional(z.number()) });
type StoredRestriction = z.infer<typeof storedRestriction>;

const restrictionKey = (orgId: string, conferenceId: string, item: RestrictionView) =>
  item.kind === 'ban'
    ? moderationKeys.ban(orgId, conferenceId, item.userId)
    : moderationKeys.mute(orgId, conferenceId, item.userId, item.roomId);

/** A report and its guard (one per person and message) in one transaction; false when already reported. */
export const putReport = async (
  orgId: string,
  conferenceId: string,
  report: ReportItem,
): Promise<boolean> => {
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: moderationKeys.reportGuard(orgId, conferenceId, report.messageId, report.reporterId),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: tableName,
              Item: {
                ...moderationKeys.report(orgId, conferenceId, report.id),
                ...moderationKeys.openReport(orgId, conferenceId, report.id),
                ...report,
              },
            },
          },
        ],
      }),
    );
    return true;
  } catch (error) {
    if (failedConditions(error)?.includes(0)) return false;
    throw error;
  }
};

/** Open reports oldest first (the sparse open index), or all reports newest first. */
export const listReports = async (
  orgId: string,
  conferenceId: string,
  status: 'open' | 'all',
  limit: number,
  cursor?: string,
) => {
  if (status === 'all') {
    const { items, nextCursor } = await queryPrefix({
      pk: moderationKeys.partition(orgId, conferenceId),
      skPrefix: moderationKeys.reportPrefix,
      limit,
      cursor,
      newestFirst: true,
    });
    return { items: items.map((item) => parseItem(reportView, item)!), nextCursor };
  }
  const partition = moderationKeys.openReportsPartition(orgId, conferenceId);
  const result = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': partition },
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, { gsi1pk: partition }, gsi1Key),
    }),
  );
  return {
    items: (result.Items ?? []).map((item) => parseItem(reportView, item)!),
    nextCursor: encodeCursor(result.LastEvaluatedKey),
  };
};

/** Decides an open report (it leaves the open index); undefined when missing or already decided. */
export const decideReport = async (
  orgId: string,
  conferenceId: string,
  reportId: string,
  decision: { status: 'resolved' | 'dismissed'; decidedAt: string; decidedBy: string },
): Promise<ReportItem | undefined> => {
  try {
    const { Attributes } = await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: moderationKeys.report(orgId, conferenceId, reportId),
        UpdateExpression: 'SET #status = :status, decidedAt = :at, decidedBy = :by REMOVE gsi1pk, gsi1sk',
        ConditionExpression: 'attribute_exists(pk) AND #status = :open',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':status': decision.status,
          ':at': decision.decidedAt,
          ':by': decision.decidedBy,
          ':open': 'open',
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return parseItem(reportView, Attributes);
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
};

export const getReport = async (orgId: string, conferenceId: string, reportId: string) => {
  const key = moderationKeys.report(orgId, conferenceId, reportId);
  return parseItem(reportView, (await getMany([key]))(key));
};

/** The restrictions that could stop one person posting in one room: ban, event mute, room mute. */
export const restrictionsOf = async (orgId: string, conferenceId: string, userId: string, roomId: string) => {
  const keys = [
    moderationKeys.ban(orgId, conferenceId, userId),
    moderationKeys.mute(orgId, conferenceId, userId, null),
    moderationKeys.mute(orgId, conferenceId, userId, roomId),
  ];
  const found = await getMany(keys);
  return keys
    .map((key) => parseItem(storedRestriction, found(key)))
    .filter((item): item is StoredRestriction => item !== undefined && !isExpired(item))
    .map(({ ttl: _ttl, ...restriction }) => restriction);
};

export const putRestriction = async (orgId: string, conferenceId: string, item: RestrictionItem) => {
  await dynamo.send(
    new PutCommand({ TableName: tableName, Item: { ...restrictionKey(orgId, conferenceId, item), ...item } }),
  );
};

export const deleteRestriction = async (
  orgId: string,
  conferenceId: string,
  kind: 'ban' | 'mute',
  userId: string,
  roomId: string | null,
) => {
  await dynamo.send(
    new DeleteCommand({
      TableName: tableName,
      Key:
        kind === 'ban'
          ? moderationKeys.ban(orgId, conferenceId, userId)
          : moderationKeys.mute(orgId, conferenceId, userId, roomId),
    }),
  );
};

/** Every ban and every mute not yet over (expired mutes linger until DynamoDB's TTL removes them). */
export const listRestrictions = async (orgId: string, conferenceId: string) => {
  const items = await queryWholePrefix({
    pk: moderationKeys.partition(orgId, conferenceId),
    skPrefix: moderationKeys.restrictionPrefix,
  });
  return items
    .map((item) => parseItem(storedRestriction, item)!)
    .filter((item) => !isExpired(item))
    .map(({ ttl: _ttl, ...restriction }) => restriction);
};

/** Sets (or with 0 clears) a room's slow mode; false when the room does not exist. */
export const setSlowMode = async (orgId: string, roomId: string, seconds: number): Promise<boolean> => {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: chatKeys.room(orgId, roomId),
        UpdateExpression: 'SET slowModeSeconds = :seconds',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':seconds': seconds },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
};

/**
 * Takes a person's turn in a slow room: records `now` as their last post unless their previous one is
 * less than `seconds` old. Answers the previous post's time (epoch ms) when the turn was refused.
 */
export const takeSlowModeTurn = async (
  orgId: string,
  roomId: string,
  userId: string,
  seconds: number,
  now: number,
): Promise<{ taken: true } | { taken: false; lastAt: number }> => {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...moderationKeys.slowModeTurn(orgId, roomId, userId),
          lastAt: now,
          ttl: Math.ceil(now / 1000) + seconds + 60,
        },
        ConditionExpression: 'attribute_not_exists(lastAt) OR lastAt <= :earliest',
        ExpressionAttributeValues: { ':earliest': now - seconds * 1000 },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return { taken: true };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    // The failed condition's item comes back marshalled: `{ lastAt: { N: "…" } }`.
    const old = Number((error as { Item?: { lastAt?: { N?: string } } }).Item?.lastAt?.N);
    return { taken: false, lastAt: Number.isFinite(old) ? old : now };
  }
};

/** Deletes anyone's message, keeping the tombstone clients drop; undefined when missing or deleted. */
export const deleteAnyMessage = async (
  orgId: string,
  roomId: string,
  messageId: string,
  deletedAt: string,
): Promise<MessageItem | undefined> => {
  try {
    const { Attributes } = await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: chatKeys.message(orgId, roomId, messageId),
        UpdateExpression: 'SET #text = :empty, mentions = :none, deletedAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND deletedAt = :null',
        ExpressionAttributeNames: { '#text': 'text' },
        ExpressionAttributeValues: { ':empty': '', ':none': [], ':at': deletedAt, ':null': null },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return messageOf(Attributes);
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
};
