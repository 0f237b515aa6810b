import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import middy from '@middy/core';
import type { EventBridgeEvent } from 'aws-lambda';
import { dynamo, tableName } from '../aws/dynamo';
import { isConditionFailure } from '../db/errors';
import { platformKeys } from '../db/keys';
import { ttlIn } from '../db/ttl';
import { logger } from '../observability/logger';
import { type DetailType, type EventDetail, eventCatalog } from './catalog';

/** How long a processed event id is remembered; EventBridge redelivers within 24 hours. */
const rememberSeconds = 7 * 86400;

/**
 * EventBridge delivers at least once. Each consumer claims an event id before acting and releases the
 * claim when it fails, so a redelivered event runs once and a failed one can be retried.
 */
const runOnce = async (consumer: string, eventId: string, act: () => Promise<void>) => {
  const key = platformKeys.processedEvent(consumer, eventId);
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...key, at: new Date().toISOString(), ttl: ttlIn(rememberSeconds) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) {
      logger.info('Event already processed', { eventId });
      return;
    }
    throw error;
  }
  try {
    await act();
  } catch (error) {
    await dynamo.send(new DeleteCommand({ TableName: tableName, Key: key }));
    throw error;
  }
};

/** The envelope of the delivered event: its id (the same on every redelivery) and when it was put on the bus. */
export interface Delivery {
  readonly id: string;
  readonly time: string;
}

type Acts = {
  readonly [T in DetailType]?: (detail: EventDetail<T>, delivery: Delivery) => Promise<void>;
};

/** A consumer of several detail types, each with its own action; each event runs once. */
export const eventConsumers = (consumer: string, acts: Acts) =>
  middy<EventBridgeEvent<DetailType, unknown>, void>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .handler(async (event) => {
      const detailType = event['detail-type'];
      const act = acts[detailType] as ((detail: unknown, delivery: Delivery) => Promise<void>) | undefined;
      if (!act) {
        logger.warn('Ignoring an event this consumer does not handle', { detailType });
        return;
      }
      const detail = eventCatalog[detailType].parse(event.detail);
      await runOnce(consumer, event.id, () => act(detail, { id: event.id, time: event.time }));
    });

/** A consumer of one detail type. */
export const eventConsumer = <T extends DetailType>(
  consumer: string,
  detailType: T,
  act: (detail: EventDetail<T>, delivery: Delivery) => Promise<void>,
) => eventConsumers(consumer, { [detailType]: act } as Acts);
