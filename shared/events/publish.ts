import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { clientOptions } from '../aws/endpoints';
import { requireEnv } from '../config/env';
import { logger } from '../observability/logger';
import { type DetailType, type EventDetail, eventCatalog, eventSource } from './catalog';

// Loaded on first publish, like the SES client: it stays off the cold-start path of reads.
let events:
  | Promise<{
      client: EventBridgeClient;
      PutEventsCommand: typeof import('@aws-sdk/client-eventbridge').PutEventsCommand;
    }>
  | undefined;
const eventBridge = () => {
  events ??= import('@aws-sdk/client-eventbridge').then(({ EventBridgeClient, PutEventsCommand }) => ({
    client: new EventBridgeClient(clientOptions('EVENTS')),
    PutEventsCommand,
  }));
  return events;
};
const eventBusName = requireEnv('EVENT_BUS_NAME');

export class EventPublishError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventPublishError';
  }
}

/** Publishes one domain event after checking it against its catalog schema. */
export const publishEvent = async <T extends DetailType>(
  detailType: T,
  detail: EventDetail<T>,
): Promise<void> => {
  const parsed = eventCatalog[detailType].parse(detail);
  const { client, PutEventsCommand } = await eventBridge();
  const result = await client.send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: eventBusName,
          Source: eventSource,
          DetailType: detailType,
          Detail: JSON.stringify(parsed),
        },
      ],
    }),
  );
  if (result.FailedEntryCount) {
    throw new EventPublishError(
      `EventBridge refused ${detailType}: ${result.Entries?.[0]?.ErrorMessage ?? 'unknown'}`,
    );
  }
};

/**
 * For events that announce a change already committed: a failed publish must not turn the user's
 * successful request into an error, so it is logged (and alarmed on), not thrown.
 */
export const publishQuietly = async <T extends DetailType>(
  detailType: T,
  detail: EventDetail<T>,
): Promise<void> => {
  try {
    await publishEvent(detailType, detail);
  } catch (error) {
    logger.error('Publishing an event failed', { detailType, error: error as Error });
  }
};

/** PutEvents takes at most ten entries a call. */
const batchSize = 10;

/**
 * Publishes many events of one type, ten to a `PutEvents` call and a few calls at a time; entries
 * EventBridge refuses are sent once more, and still refused ones throw (the caller's retry sends again).
 */
export const publishEvents = async <T extends DetailType>(
  detailType: T,
  details: readonly EventDetail<T>[],
  parallelCalls = 4,
): Promise<void> => {
  const { client, PutEventsCommand } = await eventBridge();
  const entries = details.map((detail) => ({
    EventBusName: eventBusName,
    Source: eventSource,
    DetailType: detailType,
    Detail: JSON.stringify(eventCatalog[detailType].parse(detail)),
  }));
  const batches: (typeof entries)[] = [];
  for (let start = 0; start < entries.length; start += batchSize)
    batches.push(entries.slice(start, start + batchSize));
  const send = async (batch: typeof entries, attempt = 0): Promise<void> => {
    const result = await client.send(new PutEventsCommand({ Entries: batch }));
    if (!result.FailedEntryCount) return;
    const failed = batch.filter((_, index) => result.Entries?.[index]?.ErrorCode);
    if (attempt >= 1)
      throw new EventPublishError(`EventBridge refused ${failed.length} ${detailType} events`);
    await send(failed, attempt + 1);
  };
  let next = 0;
  const worker = async () => {
    while (next < batches.length) await send(batches[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(parallelCalls, batches.length) }, worker));
};
