import { DeleteCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { platformKeys } from '../db/keys';
import { type DueItem, runDueWork } from './due-repository';

// A due item of a shape no runner could take, among good ones: DynamoDB Local never holds one.
const db = mockClient(DynamoDBDocumentClient);

const now = new Date('2026-12-04T09:00:30.000Z');
const dueAt = '2026-12-04T09:00:00.000Z';

const stored = (dueId: string, fields: Record<string, unknown>) => ({
  ...platformKeys.dueItem(dueId),
  ...platformKeys.dueIndex(dueAt, dueId),
  dueId,
  kind: 'reminder',
  dueAt,
  payload: { orgId: 'o1' },
  attempt: 0,
  ...fields,
});

beforeEach(() => {
  db.reset();
  db.on(QueryCommand).resolves({ Items: [] });
  db.on(DeleteCommand).resolves({});
});

describe('runDueWork', () => {
  it('runs the due items around one that does not parse, counting that one failed and leaving it stored', async () => {
    db.on(QueryCommand)
      .resolvesOnce({
        Items: [
          stored('01J0DUE0000000000000000001', {}),
          stored('01J0DUE0000000000000000002', { payload: 'not an object' }),
          stored('01J0DUE0000000000000000003', { payload: { orgId: 'o2' } }),
        ],
      })
      .resolves({ Items: [] });
    const ran: DueItem[] = [];

    const result = await runDueWork({ reminder: async (item) => void ran.push(item) }, now);

    expect(result).toEqual({ ran: 2, failed: 1 });
    expect(ran.map((item) => item.payload)).toEqual([{ orgId: 'o1' }, { orgId: 'o2' }]);
    expect(ran[0]).toEqual({
      dueId: '01J0DUE0000000000000000001',
      kind: 'reminder',
      dueAt,
      payload: { orgId: 'o1' },
      attempt: 0,
    });
    const claimed = db.commandCalls(DeleteCommand).map((call) => call.args[0].input.Key);
    expect(claimed).toEqual([
      platformKeys.dueItem('01J0DUE0000000000000000001'),
      platformKeys.dueItem('01J0DUE0000000000000000003'),
    ]);
  });
});
