import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { logger } from '../observability/logger';
import * as z from '../schema/zod';
import { type DetailType, detailTypes } from './catalog';
import { type EventEntry, putEvents } from './publish';

/** PutEvents takes at most ten entries a call. */
const entriesPerCall = 10;

interface Relayed {
  readonly record: DynamoDBRecord;
  readonly entry: EventEntry;
}

const wireString = z.object({ S: z.string().check(z.minLength(1)) });

/** What the relay reads of an outbox item's new image, in the stream's attribute-value form. */
const outboxImage = z.object({
  eventId: wireString,
  detailType: z.object({ S: z.enum(detailTypes as [DetailType, ...DetailType[]]) }),
  detail: wireString,
  at: z.optional(z.object({ S: z.string() })),
});

/**
 * The event an outbox item's stream record carries. The outbox item's id travels in the detail as
 * `eventId` (EventBridge mints its own `id` on every `PutEvents`), so a record relayed twice is still one
 * event to its consumers. Undefined for a record that is no outbox item: no retry could change it.
 */
const toEntry = (record: DynamoDBRecord): EventEntry | undefined => {
  const image = outboxImage.safeParse(record.dynamodb?.NewImage);
  if (!image.success) return undefined;
  const { eventId, detailType, detail, at } = image.data;
  try {
    const parsed = JSON.parse(detail.S) as Record<string, unknown>;
    return {
      detailType: detailType.S,
      detail: JSON.stringify({ ...parsed, eventId: eventId.S }),
      time: at?.S,
    };
  } catch {
    return undefined;
  }
};

/**
 * Puts the outbox items of one stream batch on the bus, in order, ten a call. At the first refusal it
 * stops and reports that record and every later one as failed (`batchItemFailures`): Lambda checkpoints
 * what went before and retries from there, so nothing is dropped and one bad call blocks no other shard.
 */
export const relayOutbox = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const relayed: Relayed[] = [];
  for (const record of event.Records) {
    const entry = toEntry(record);
    if (entry) relayed.push({ record, entry });
    else logger.error('Dropping a stream record that is no outbox item', { eventID: record.eventID });
  }
  for (let start = 0; start < relayed.length; start += entriesPerCall) {
    const chunk = relayed.slice(start, start + entriesPerCall);
    let refusals: (string | undefined)[];
    try {
      refusals = await putEvents(chunk.map(({ entry }) => entry));
    } catch (error) {
      logger.warn('PutEvents failed; the batch is retried from here', { error: error as Error });
      return failedFrom(relayed, start);
    }
    const refused = refusals.findIndex((refusal) => refusal !== undefined);
    if (refused >= 0) {
      logger.warn('EventBridge refused an event; the batch is retried from it', {
        detailType: chunk[refused]!.entry.detailType,
        reason: refusals[refused],
      });
      return failedFrom(relayed, start + refused);
    }
  }
  return { batchItemFailures: [] };
};

const failedFrom = (relayed: readonly Relayed[], index: number): DynamoDBBatchResponse => ({
  batchItemFailures: relayed
    .slice(index)
    .map(({ record }) => ({ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' })),
});
