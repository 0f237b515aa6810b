import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { clientOptions } from '../aws/endpoints';
import { requireEnv } from '../config/env';
import { type DetailType, type EventDetail, eventSchema, eventSource } from './catalog';

// Loaded on first publish, like the SES client: it stays off the cold-start path of reads.
// Events announcing a write go through the outbox (`outbox.ts`) and the stream relay, never straight here.
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

/** One `PutEvents` entry on Portico's bus. */
export interface EventEntry {
  readonly detailType: DetailType;
  /** JSON text. */
  readonly detail: string;
  /** When the change happened (ISO-8601). */
  readonly time?: string;
}

/**
 * Puts up to ten entries in one `PutEvents` call and returns, per entry, whether EventBridge refused it
 * (its error message) or took it (undefined). A failed call throws.
 */
export const putEvents = async (entries: readonly EventEntry[]): Promise<(string | undefined)[]> => {
  const { client, PutEventsCommand } = await eventBridge();
  const result = await client.send(
    new PutEventsCommand({
      Entries: entries.map((entry) => ({
        EventBusName: eventBusName,
        Source: eventSource,
        DetailType: entry.detailType,
        Detail: entry.detail,
        Time: entry.time ? new Date(entry.time) : undefined,
      })),
    }),
  );
  return entries.map((_, index) => {
    const answer = result.Entries?.[index];
    if (!result.FailedEntryCount) return undefined;
    return answer?.ErrorCode ? `${answer.ErrorCode}: ${answer.ErrorMessage ?? ''}` : undefined;
  });
};

export class EventPublishError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EventPublishError';
  }
}

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
    Detail: JSON.stringify(eventSchema(detailType).parse(detail)),
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
