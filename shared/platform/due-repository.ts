import { DeleteCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { dynamo, tableName } from '../aws/dynamo';
import { isConditionFailure } from '../db/errors';
import { parseItem, StoredItemError } from '../db/item';
import { dueMinutePartition, platformKeys } from '../db/keys';
import { logger } from '../observability/logger';
import * as z from '../schema/zod';

/**
 * Work that must happen at a moment (a reminder, an expiry notice) is a due item in the table, found
 * through the sparse `due` index by its minute. The per-minute tick runs what is due.
 */
export const dueItem = z.object({
  dueId: z.string(),
  kind: z.string(),
  dueAt: z.string(),
  /** What the runner of `kind` needs; each runner parses its own payload. */
  payload: z.record(z.string(), z.unknown()),
  /** Failed runs so far; after `maxAttempts` the item is dropped with an error log (and alarm). */
  attempt: z.number().check(z.int()),
});
export type DueItem = z.infer<typeof dueItem>;

const maxAttempts = 5;

/**
 * The put of a new due item, for callers that write it in one transaction with the item it acts on (an
 * automation step and the due item that runs it are written together or not at all).
 */
export const dueItemPut = (kind: string, dueAt: Date, payload: Record<string, unknown>) => {
  const dueId = ulid();
  const at = dueAt.toISOString();
  return {
    dueId,
    put: {
      TableName: tableName,
      Item: {
        ...platformKeys.dueItem(dueId),
        ...platformKeys.dueIndex(at, dueId),
        dueId,
        kind,
        dueAt: at,
        payload,
        attempt: 0,
      },
    },
  };
};

export const scheduleDue = async (
  kind: string,
  dueAt: Date,
  payload: Record<string, unknown>,
  attempt = 0,
): Promise<string> => {
  const dueId = ulid();
  const at = dueAt.toISOString();
  await dynamo.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        ...platformKeys.dueItem(dueId),
        ...platformKeys.dueIndex(at, dueId),
        dueId,
        kind,
        dueAt: at,
        payload,
        attempt,
      },
    }),
  );
  return dueId;
};

/** Runs one due item; `now` is the tick's time (the scheduled event's), not the wall clock. */
export type DueRunner = (item: DueItem, now: Date) => Promise<void>;

/**
 * A due item, or undefined (logged) for one of a shape no runner could take: it must not stop the tick
 * from running the rest of the minute's work. It stays in the table for someone to look at.
 */
const readDueItem = (raw: Record<string, unknown>): DueItem | undefined => {
  try {
    return parseItem(dueItem, raw);
  } catch (error) {
    if (!(error instanceof StoredItemError)) throw error;
    logger.error('Skipping a due item that does not parse', { error });
    return undefined;
  }
};

/** Minutes the tick looks back, so a missed or failed tick's work is picked up by the next ones. */
const lookBackMinutes = 15;

/** One query per minute bucket; each item is claimed by a conditional delete, so it runs at most once. */
export const runDueWork = async (
  runners: Record<string, DueRunner>,
  now = new Date(),
): Promise<{ ran: number; failed: number }> => {
  let ran = 0;
  let failed = 0;
  for (let minutesAgo = lookBackMinutes; minutesAgo >= 0; minutesAgo--) {
    const minute = new Date(now.getTime() - minutesAgo * 60_000).toISOString();
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await dynamo.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'due',
          KeyConditionExpression: 'duePk = :minute AND dueSk <= :now',
          ExpressionAttributeValues: {
            ':minute': dueMinutePartition(minute),
            ':now': `${now.toISOString()}#~`,
          },
          ExclusiveStartKey: cursor,
        }),
      );
      cursor = page.LastEvaluatedKey;
      for (const raw of page.Items ?? []) {
        const item = readDueItem(raw);
        if (!item) {
          failed++;
          continue;
        }
        const runner = runners[item.kind];
        if (!runner) {
          logger.error('No runner for a due item', { kind: item.kind, dueId: item.dueId });
          failed++;
          continue;
        }
        if (!(await claim(item.dueId))) continue;
        try {
          await runner(item, now);
          ran++;
        } catch (error) {
          failed++;
          const attempt = item.attempt + 1;
          if (attempt >= maxAttempts) {
            logger.error('Due item failed for good', {
              kind: item.kind,
              dueId: item.dueId,
              error: error as Error,
            });
            continue;
          }
          logger.error('Due item failed; retrying later', {
            kind: item.kind,
            dueId: item.dueId,
            attempt,
            error: error as Error,
          });
          await scheduleDue(item.kind, new Date(now.getTime() + attempt * 5 * 60_000), item.payload, attempt);
        }
      }
    } while (cursor);
  }
  return { ran, failed };
};

const claim = async (dueId: string): Promise<boolean> => {
  try {
    await dynamo.send(
      new DeleteCommand({
        TableName: tableName,
        Key: platformKeys.dueItem(dueId),
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
};
