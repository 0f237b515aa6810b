import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Principal } from '../auth/policy';
import { automationKeys, orgKeys } from '../db/keys';
import { writtenEvents } from '../events/test-support';
import { ConflictError } from '../http/errors';
import { cancelStep, retryRun } from './service';
import { queueStep, type StepItem } from './step-repository';

// Lost races and a refused publish: DynamoDB Local and the local bus never produce these on cue.
const db = mockClient(DynamoDBDocumentClient);
const bus = mockClient(EventBridgeClient);

const orgId = '01J0RG00000000000000000000';
const runId = '01J0RVN0000000000000000000';
const admin: Principal = {
  userId: '01J0ADM0000000000000000000',
  email: 'a@x.test',
  name: 'Avery',
  role: 'admin',
  orgId: null,
};
const conditionFailed = () => new ConditionalCheckFailedException({ message: 'no', $metadata: {} });

const step: StepItem = {
  id: '01J0STEP000000000000000000',
  orgId,
  automation: 'follow-up-sequence',
  kind: 'follow-up',
  label: 'Follow-up 1 of 2',
  dueAt: '2026-05-02T10:00:00.000Z',
  status: 'queued',
  reason: 'If still new',
  recipient: 'ada@example.com',
  leadId: '01J1EAD0000000000000000000',
  jobId: null,
  bookingId: null,
  runId: null,
  createdAt: '2026-05-01T10:00:00.000Z',
  cancelledAt: null,
  cancelledBy: null,
  generation: 1,
  scheduledFor: '2026-05-01T10:00:00.000Z',
  payload: { index: 0 },
};

/** A failed lead-capture run as stored, in the outcome a test gives it. */
const storedRun = (outcome: string) => ({
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
  outcome,
  detail: 'SES refused the message',
  error: 'MessageRejected: no',
  permanent: false,
  attempts: 1,
  emailsSent: 0,
  startedAt: '2026-05-01T10:00:00.000Z',
  finishedAt: '2026-05-01T10:00:01.000Z',
  durationMs: 1000,
  retryable: false,
  retriedBy: admin.userId,
  work: { kind: 'lead-capture', leadId: '01J1EAD0000000000000000000' },
});

beforeEach(() => {
  db.reset();
  bus.reset();
});

describe('retryRun', () => {
  it('answers 409 to the second of two admins retrying the same failed run at once', async () => {
    db.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
      }),
    );
    db.on(GetCommand).resolves({ Item: storedRun('retrying') });
    await expect(retryRun(admin, orgId, runId)).rejects.toThrow(ConflictError);
    expect(bus.commandCalls(PutEventsCommand)).toHaveLength(0);
  });

  it('marks the run retrying and writes the retry request in the same transaction', async () => {
    db.on(TransactWriteCommand).resolves({});
    db.on(GetCommand).resolves({ Item: storedRun('retrying') });
    await retryRun(admin, orgId, runId);
    const [mark] = db.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(mark!.Update!.ConditionExpression).toBe('#outcome = :failed AND retryable = :true');
    expect(await writtenEvents(db)).toEqual([
      { detailType: 'automation.retry-requested', detail: expect.objectContaining({ orgId, runId }) },
    ]);
    expect(bus.commandCalls(PutEventsCommand)).toHaveLength(0);
  });
});

describe('cancelStep', () => {
  it('answers 409 when the step ran between reading and cancelling it', async () => {
    db.on(GetCommand, { Key: orgKeys.org(orgId) }).resolves({
      Item: {
        ...orgKeys.org(orgId),
        id: orgId,
        name: 'Brightside Plumbing',
        slug: 'brightside',
        timeZone: 'UTC',
        allowedOrigins: [],
        branding: { color: '#3b5bdb', logoUrl: null },
        status: 'active',
        createdAt: '2026-05-01T09:00:00.000Z',
        updatedAt: '2026-05-01T09:00:00.000Z',
        version: 1,
      },
    });
    db.on(GetCommand, { Key: automationKeys.step(orgId, step.id) }).resolves({ Item: step });
    db.on(UpdateCommand).rejects(conditionFailed());
    await expect(cancelStep(admin, orgId, step.id)).rejects.toThrow(/ran or changed a moment ago/);
  });
});

describe('queueStep', () => {
  it('leaves a step a concurrent delivery queued first alone', async () => {
    db.on(GetCommand).resolves({});
    db.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'cancelled',
        $metadata: {},
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }],
      }),
    );
    const { generation: _generation, ...fresh } = step;
    expect(await queueStep(fresh)).toBe(false);
  });

  it('lets throttling through, so the event is retried', async () => {
    db.on(GetCommand).resolves({});
    db.on(TransactWriteCommand).rejects(
      new TransactionCanceledException({
        message: 'throttled',
        $metadata: {},
        CancellationReasons: [{ Code: 'ThrottlingError' }, { Code: 'None' }],
      }),
    );
    const { generation: _generation, ...fresh } = step;
    await expect(queueStep(fresh)).rejects.toThrow('throttled');
  });
});
