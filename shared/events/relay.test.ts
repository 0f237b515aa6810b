import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { AttributeValue, DynamoDBRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { relayOutbox } from './relay';

// Stream records that are no outbox item: the table's stream filter keeps them out, so no local run sends one.
const bus = mockClient(EventBridgeClient);

const record = (sequence: string, image: Record<string, AttributeValue>): DynamoDBRecord => ({
  eventID: `event-${sequence}`,
  eventName: 'INSERT',
  dynamodb: { SequenceNumber: sequence, NewImage: image },
});

const outboxImage = (eventId: string) => ({
  pk: { S: `OUTBOX#${eventId}#` },
  sk: { S: 'OUTBOX#' },
  eventId: { S: eventId },
  detailType: { S: 'lead.created' },
  detail: { S: JSON.stringify({ version: 1, orgId: 'o1', leadId: 'l1' }) },
  at: { S: '2026-12-04T09:00:00.000Z' },
  ttl: { N: '1900000000' },
});

beforeEach(() => {
  bus.reset();
  bus.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e1' }] });
});

describe('relayOutbox', () => {
  it('puts an outbox item on the bus under its own event id, and drops records that are no outbox item', async () => {
    const eventId = '01J0EVT0000000000000000001';

    const result = await relayOutbox({
      Records: [
        record('1', { ...outboxImage('01J0EVT0000000000000000002'), detailType: { S: 'no.such-event' } }),
        record('2', { pk: { S: 'ORG#o1#' }, sk: { S: 'LEAD#l1#' }, name: { S: 'Ada' } }),
        record('3', { ...outboxImage('01J0EVT0000000000000000003'), detail: { N: '7' } }),
        record('4', outboxImage(eventId)),
      ],
    });

    expect(result).toEqual({ batchItemFailures: [] });
    const entries = bus.commandCalls(PutEventsCommand).flatMap((call) => call.args[0].input.Entries ?? []);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      DetailType: 'lead.created',
      Time: new Date('2026-12-04T09:00:00.000Z'),
    });
    expect(JSON.parse(entries[0]!.Detail!)).toEqual({ version: 1, orgId: 'o1', leadId: 'l1', eventId });
  });
});
