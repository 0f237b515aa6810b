import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DynamoDBDocumentClient, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { fanOutDigests } from './digest';

const db = mockClient(DynamoDBDocumentClient);
const bus = mockClient(EventBridgeClient);

const orgId = (n: number) => `01J0RG${String(n).padStart(20, '0')}`;
const due = (n: number, at: string) => ({
  orgId: orgId(n),
  nextDigestAt: at,
  timeZone: 'Europe/Berlin',
  hour: 7,
});

beforeEach(() => {
  db.reset();
  bus.reset();
  bus.on(PutEventsCommand).callsFake((input: { Entries: unknown[] }) => ({
    FailedEntryCount: 0,
    Entries: input.Entries.map(() => ({ EventId: 'e' })),
  }));
});

describe('fanOutDigests', () => {
  it('reads the due organizations from three hour-of-day partitions, page by page, and publishes one event each', async () => {
    // Prepare: 05:00 UTC is due now, with two pages; one organization missed at 04:00; none at 03:00.
    const now = new Date('2026-06-10T05:00:00.000Z');
    const at = '2026-06-10T05:00:00.000Z';
    db.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'DIGESTS#03#', ':now': `${at}#~` } }).resolves({
      Items: [],
    });
    db.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'DIGESTS#04#', ':now': `${at}#~` } }).resolves({
      Items: [due(0, '2026-06-10T04:00:00.000Z')],
    });
    db.on(QueryCommand, { ExpressionAttributeValues: { ':pk': 'DIGESTS#05#', ':now': `${at}#~` } })
      .resolvesOnce({
        Items: Array.from({ length: 15 }, (_, n) => due(n + 1, at)),
        LastEvaluatedKey: { k: 1 },
      })
      .resolves({ Items: Array.from({ length: 9 }, (_, n) => due(n + 16, at)) });

    // Act
    const result = await fanOutDigests(now);

    // Assess
    expect(result).toEqual({ organizations: 25, queries: 4 });
    expect(db.commandCalls(ScanCommand)).toHaveLength(0);
    for (const call of db.commandCalls(QueryCommand)) expect(call.args[0].input.IndexName).toBe('gsi2');
    const batches = bus.commandCalls(PutEventsCommand).map((call) => call.args[0].input.Entries!);
    expect(batches.map((entries) => entries.length).sort()).toEqual([10, 10, 5]);
    const details = batches.flat().map((entry) => JSON.parse(entry.Detail!));
    expect(new Set(details.map((detail) => detail.orgId)).size).toBe(25);
    expect(details.find((detail) => detail.orgId === orgId(0))).toEqual({
      version: 1,
      orgId: orgId(0),
      digestAt: '2026-06-10T04:00:00.000Z',
      localDate: '2026-06-10',
    });
  });

  it('publishes nothing when no digest is due', async () => {
    db.on(QueryCommand).resolves({ Items: [] });
    expect(await fanOutDigests(new Date('2026-06-10T05:00:00.000Z'))).toEqual({
      organizations: 0,
      queries: 3,
    });
    expect(bus.commandCalls(PutEventsCommand)).toHaveLength(0);
  });
});
