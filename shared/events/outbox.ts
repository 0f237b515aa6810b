import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { dynamo, tableName } from '../aws/dynamo';
import { outboxKeys } from '../db/keys';
import { ttlIn } from '../db/ttl';
import { type DetailType, type EventDetail, eventSchema } from './catalog';

/** One item of a `TransactWriteCommand`, as `@aws-sdk/lib-dynamodb` takes it. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** An outbox item: a domain event that becomes visible exactly when the write it announces commits. */
export type OutboxWrite = TransactItem & { readonly Put: { readonly Item: OutboxItem } };

/** What the stream relay reads from the new image of an outbox item. */
export interface OutboxItem {
  readonly pk: string;
  readonly sk: string;
  readonly eventId: string;
  readonly detailType: DetailType;
  /** The detail as JSON text: the relay passes it to `PutEvents` as it is. */
  readonly detail: string;
  readonly at: string;
  readonly ttl: number;
}

/**
 * Kept a day: the relay acts on the stream record within seconds, and the stream itself keeps records
 * for 24 hours, so nothing needs the item afterwards.
 */
const keepSeconds = 86_400;

/**
 * The outbox item announcing a write, for the same `TransactWriteCommand` as the write itself: the
 * event exists if and only if the change committed. The detail is checked against the catalog here, so
 * a bad event fails the request before anything is written.
 */
export const outboxPut = <T extends DetailType>(detailType: T, detail: EventDetail<T>): OutboxWrite => {
  const eventId = ulid();
  const item: OutboxItem = {
    ...outboxKeys.item(eventId),
    eventId,
    detailType,
    detail: JSON.stringify(eventSchema(detailType).parse(detail)),
    at: new Date().toISOString(),
    ttl: ttlIn(keepSeconds),
  };
  return { Put: { TableName: tableName, Item: item } };
};

/** `TransactWriteItems` takes at most 100 items. */
const transactionLimit = 100;

/**
 * Outbox items written on their own, for events that follow a write already committed (an import's
 * rows, the next step of a background job). Once written they are relayed like every other outbox
 * item, retried until the bus takes them; only a crash between the write and this call can lose one.
 */
export const putOutbox = async (writes: readonly OutboxWrite[]): Promise<void> => {
  for (let start = 0; start < writes.length; start += transactionLimit)
    await dynamo.send(
      new TransactWriteCommand({ TransactItems: writes.slice(start, start + transactionLimit) }),
    );
};
