import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { automationKeys } from '../db/keys';
import { getRun } from './run-repository';
import { toRunView } from './service';

// Runs as an earlier release stored them; DynamoDB Local holds only what this release writes.
const db = mockClient(DynamoDBDocumentClient);

const orgId = '01J0RG00000000000000000000';
const runId = '01J0RVN0000000000000000000';

beforeEach(() => {
  db.reset();
});

describe('stored runs', () => {
  it('read a run recorded before permanent failures were told apart as not permanent', async () => {
    db.on(GetCommand).resolves({
      Item: {
        ...automationKeys.run(orgId, runId),
        id: runId,
        orgId,
        organizationName: 'Brightside Plumbing',
        automation: 'lead-capture',
        action: 'New-lead alert for Ada',
        trigger: { kind: 'event', type: 'lead.created', ref: 'event-1' },
        reason: 'A lead arrived',
        leadId: '01J1EAD0000000000000000000',
        jobId: null,
        bookingId: null,
        work: { kind: 'lead-capture', leadId: '01J1EAD0000000000000000000' },
        outcome: 'failed',
        detail: 'SES refused the message',
        error: 'MessageRejected: no',
        attempts: 1,
        emailsSent: 0,
        startedAt: '2026-11-21T10:00:00.000Z',
        finishedAt: '2026-11-21T10:00:01.000Z',
        durationMs: 1000,
        retryable: true,
        retriedBy: null,
        ttl: 1_900_000_000,
      },
    });

    const run = await getRun(orgId, runId);

    expect(run?.permanent).toBeUndefined();
    expect(run?.work).toEqual({ kind: 'lead-capture', leadId: '01J1EAD0000000000000000000' });
    expect(toRunView(run!)).toMatchObject({ id: runId, outcome: 'failed', permanent: false });
    expect(toRunView(run!)).not.toHaveProperty('ttl');
  });
});
