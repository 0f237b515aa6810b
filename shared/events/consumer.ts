import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import { dynamo, tableName } from '../aws/dynamo';
import { isConditionFailure } from '../db/errors';
import { platformKeys } from '../db/keys';
import { logger } from '../observability/logger';
import * as z from '../schema/zod';
import { type DetailType, type EventDetail, eventSchema, isDetailType } from './catalog';
import { isPermanent, PermanentError } from './errors';

/** How long a finished event id is remembered; EventBridge redelivers within 24 hours. */
const rememberMs = 7 * 86_400_000;

/** Another invocation holds a live claim on the event: this delivery fails, so it is retried later. */
export class EventInProgressError extends Error {
  constructor(eventId: string) {
    super(`Event ${eventId} is being processed by another invocation`);
    this.name = 'EventInProgressError';
  }
}

/** The status of the record that refused a claim, in the attribute-value form the refusal carries. */
const refusingRecord = z.object({ status: z.object({ S: z.string() }) });

type Claim = { readonly claimed: true } | { readonly claimed: false; readonly status: string };

/**
 * Idempotency record of one consumer and event. `expiresAt` (epoch ms, mirrored into `ttl`) is the
 * claim's end: for `in-progress` the invocation's deadline, so a consumer that timed out or crashed
 * leaves a claim the retry may take; for `completed` and `failed` seven days. An expired record of any
 * status counts as absent, since DynamoDB deletes late (and DynamoDB Local never).
 *
 * Not `@aws-lambda-powertools/idempotency`: with our composite key its DynamoDB layer keeps every
 * record of a function under one static partition key, a hot partition beside our per-event ones.
 */
const claim = async (key: Record<string, string>, owner: string, deadline: number): Promise<Claim> => {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...key,
          status: 'in-progress',
          owner,
          expiresAt: deadline,
          ttl: Math.ceil(deadline / 1000),
          at: new Date().toISOString(),
        },
        ConditionExpression: 'attribute_not_exists(pk) OR expiresAt <= :now',
        ExpressionAttributeValues: { ':now': Date.now() },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return { claimed: true };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const refusing = refusingRecord.safeParse(error.Item);
    return { claimed: false, status: refusing.success ? refusing.data.status.S : 'unknown' };
  }
};

/** Ends the claim as `completed` or `failed`, unless it expired and another invocation took it over. */
const finish = async (
  key: Record<string, string>,
  owner: string,
  status: 'completed' | 'failed',
  error?: string,
) => {
  const keepUntil = Date.now() + rememberMs;
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: 'SET #status = :status, expiresAt = :until, #ttl = :ttl, #error = :error',
        ConditionExpression: '#owner = :owner',
        ExpressionAttributeNames: {
          '#status': 'status',
          '#ttl': 'ttl',
          '#owner': 'owner',
          '#error': 'error',
        },
        ExpressionAttributeValues: {
          ':status': status,
          ':until': keepUntil,
          ':ttl': Math.ceil(keepUntil / 1000),
          ':owner': owner,
          ':error': error ?? null,
        },
      }),
    );
  } catch (failure) {
    if (!isConditionFailure(failure)) throw failure;
    logger.warn('The claim expired before the work ended; another invocation owns it now');
  }
};

/** Gives the claim up after a retryable failure, so the next delivery runs at once. */
const release = async (key: Record<string, string>, owner: string) => {
  try {
    await dynamo.send(
      new DeleteCommand({
        TableName: tableName,
        Key: key,
        ConditionExpression: '#owner = :owner',
        ExpressionAttributeNames: { '#owner': 'owner' },
        ExpressionAttributeValues: { ':owner': owner },
      }),
    );
  } catch (failure) {
    if (!isConditionFailure(failure)) throw failure;
  }
};

/**
 * Runs `act` once per consumer and event id. A redelivery of a completed event does nothing; one that
 * arrives while another invocation works on it fails and is retried; a retryable failure releases the
 * claim and throws (EventBridge retries, then dead-letters); a {@link PermanentError} is recorded as
 * such and not thrown, since no retry could fix it.
 */
const runOnce = async (consumer: string, eventId: string, context: Context, act: () => Promise<void>) => {
  const key = platformKeys.processedEvent(consumer, eventId);
  const owner = context.awsRequestId;
  const claimed = await claim(key, owner, Date.now() + context.getRemainingTimeInMillis());
  if (!claimed.claimed) {
    if (claimed.status === 'in-progress') throw new EventInProgressError(eventId);
    logger.info('Event already processed', { eventId, status: claimed.status });
    return;
  }
  try {
    await act();
  } catch (error) {
    if (!isPermanent(error)) {
      await release(key, owner);
      throw error;
    }
    logger.error('Event failed permanently; not retried', { eventId, error: error as Error });
    await finish(key, owner, 'failed', (error as Error).message);
    return;
  }
  await finish(key, owner, 'completed');
};

/** The envelope of the delivered event: its id (the same on every redelivery) and when it happened. */
export interface Delivery {
  readonly id: string;
  readonly time: string;
}

type Acts = {
  readonly [T in DetailType]?: (detail: EventDetail<T>, delivery: Delivery) => Promise<void>;
};

/**
 * The event's stable id: events from the outbox carry the outbox item's id (the relay may put one item
 * on the bus more than once, each time under a new EventBridge id); others have EventBridge's.
 */
const eventIdOf = (event: EventBridgeEvent<string, unknown>): string => {
  const relayed = (event.detail as { eventId?: unknown } | null)?.eventId;
  return typeof relayed === 'string' && /^[0-9A-Z]{26}$/.test(relayed) ? relayed : event.id;
};

/**
 * A consumer of several detail types, each with its own action; each event runs once. The handler
 * carries the detail types it acts on, so a test can hold them against the manifest's rules.
 */
export const eventConsumers = (consumer: string, acts: Acts) => {
  const handler = middy<EventBridgeEvent<DetailType, unknown>, void>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event, context) => {
      const detailType = event['detail-type'];
      const act = acts[detailType] as ((detail: unknown, delivery: Delivery) => Promise<void>) | undefined;
      if (!act) {
        logger.warn('Ignoring an event this consumer does not handle', { detailType });
        return;
      }
      const parsed = isDetailType(detailType) ? eventSchema(detailType).safeParse(event.detail) : undefined;
      if (!parsed?.success) {
        // A detail its own schema refuses stays refused on every retry.
        const issues = (parsed?.error as z.core.$ZodError | undefined)?.issues ?? [];
        logger.error('Event detail does not parse; not retried', {
          detailType,
          error: new PermanentError(`Unparsable ${detailType}`),
          issues,
        });
        return;
      }
      const eventId = eventIdOf(event);
      await runOnce(consumer, eventId, context, () => act(parsed.data, { id: eventId, time: event.time }));
    });
  return Object.assign(handler, { detailTypes: Object.keys(acts) as DetailType[] });
};

/** A consumer of one detail type. */
export const eventConsumer = <T extends DetailType>(
  consumer: string,
  detailType: T,
  act: (detail: EventDetail<T>, delivery: Delivery) => Promise<void>,
) => eventConsumers(consumer, { [detailType]: act } as Acts);
