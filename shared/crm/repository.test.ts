import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { outboxPut } from '../events/outbox';
import { writtenEvents } from '../events/test-support';
import { type LeadItem, upsertLeads } from './repository';

// Imported leads announce themselves in the transaction that stores them: a crash after the commit cannot
// leave a lead without its event, and a lead left out of the commit announces nothing.
const db = mockClient(DynamoDBDocumentClient);
const orgId = '01J0RG00000000000000000001';

const lead = (id: string, email: string): LeadItem => ({
  id,
  orgId,
  name: `Lead ${email}`,
  email,
  phone: null,
  message: '',
  serviceWanted: '',
  source: 'import',
  status: 'new',
  notes: '',
  jobIds: [],
  version: 1,
  createdAt: '2026-12-04T10:00:00.000Z',
  createdBy: 'Ines Importer',
  updatedAt: '2026-12-04T10:00:00.000Z',
  statusChangedAt: '2026-12-04T10:00:00.000Z',
});

const upsert = (next: LeadItem) => ({
  next,
  entry: { actor: 'Ines Importer', kind: 'lead.created', summary: 'imported', leadId: next.id },
  events: [outboxPut('lead.created', { version: 1, orgId, leadId: next.id, source: 'import', userId: null })],
});

describe('upsertLeads', () => {
  beforeEach(() => db.reset());

  it('commits each lead with its lead.created event in one transaction', async () => {
    db.on(TransactWriteCommand).resolves({});
    const first = lead('01JAB000000000000000000001', 'anna@example.com');
    const second = lead('01JAB000000000000000000002', 'bert@example.com');

    expect(await upsertLeads(orgId, [upsert(first), upsert(second)])).toEqual(new Map());

    expect(db.commandCalls(TransactWriteCommand)).toHaveLength(1);
    expect((await writtenEvents(db)).map((event) => event.detail.leadId)).toEqual([first.id, second.id]);
  });

  it('leaves out a lead whose contact another lead holds, and its event with it', async () => {
    const taken = lead('01JAB000000000000000000001', 'taken@example.com');
    const fresh = lead('01JAB000000000000000000002', 'fresh@example.com');
    // The first attempt fails on the taken lead's email guard (its second item after the organization check).
    db.on(TransactWriteCommand)
      .rejectsOnce(
        new TransactionCanceledException({
          message: 'cancelled',
          $metadata: {},
          CancellationReasons: [{ Code: 'None' }, { Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
        }),
      )
      .resolves({});
    db.on(GetCommand).resolves({ Item: { leadId: '01JAB000000000000000000009' } });

    const failures = await upsertLeads(orgId, [upsert(taken), upsert(fresh)]);

    expect([...failures.keys()]).toEqual([0]);
    expect((await writtenEvents(db)).map((event) => event.detail.leadId)).toEqual([fresh.id]);
  });
});
