import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import {
  BatchGetCommand,
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { automationKeys, emailKeys } from '../db/keys';
import { HeaderInjectionError } from '../email/mime';
import { isPermanent } from '../events/errors';
import { deliver, deliverAll, withRun } from './engine';
import type { RunStart } from './run-repository';
import { recipientHash } from './schedule';

// Sends, claims and races that DynamoDB Local and the local SES cannot stage on cue.
const db = mockClient(DynamoDBDocumentClient);
const ses = mockClient(SESClient);

const orgId = '01J0RG00000000000000000000';
const run = { orgId, id: '01J0RVN0000000000000000000' };
const mail = {
  to: 'ada@example.com',
  list: 'customer' as const,
  render: (unsubscribeUrl: string) => ({
    subject: 'Hello',
    html: '<p>Hello</p>',
    text: 'Hello',
    unsubscribeUrl,
  }),
};
const conditionFailed = () => new ConditionalCheckFailedException({ message: 'no', $metadata: {} });
const guardKey = automationKeys.sendGuard(orgId, run.id, recipientHash('ada@example.com'));

beforeEach(() => {
  db.reset();
  ses.reset();
  db.on(BatchGetCommand).resolves({ Responses: { 'portico-test': [] } });
  // No Google Workspace connection: mail goes through SES.
  db.on(GetCommand).resolves({});
  db.on(PutCommand).resolves({});
  db.on(UpdateCommand).resolves({});
  db.on(DeleteCommand).resolves({});
  ses.on(SendRawEmailCommand).resolves({ MessageId: 'ses-1' });
});

describe('deliver', () => {
  it('sends with the one-click unsubscribe headers, claiming the send first and recording the message id', async () => {
    // Act
    const result = await deliver(run, mail);

    // Assess
    expect(result).toBe('sent');
    const claim = db.commandCalls(PutCommand)[0]!.args[0].input;
    expect(claim.Item).toMatchObject(guardKey);
    expect(claim.ConditionExpression).toBe('attribute_not_exists(pk)');
    const raw = Buffer.from(
      ses.commandCalls(SendRawEmailCommand)[0]!.args[0].input.RawMessage!.Data!,
    ).toString();
    expect(raw).toMatch(
      /^List-Unsubscribe: <https:\/\/portico\.test\/api\/unsubscribe\?token=[\w-]+\.[\w-]+>$/m,
    );
    expect(raw).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(db.commandCalls(UpdateCommand)[0]!.args[0].input.ExpressionAttributeValues).toEqual({
      ':messageId': 'ses-1',
    });
  });

  it('never mails a suppressed or unsubscribed address, and claims nothing for it', async () => {
    db.on(BatchGetCommand).resolves({
      Responses: {
        'portico-test': [
          {
            ...emailKeys.suppression('ada@example.com'),
            address: 'ada@example.com',
            reason: 'bounce',
            detail: 'x',
            suppressedAt: '2026-05-01T09:00:00.000Z',
            lastEventAt: '2026-05-01T09:00:00.000Z',
            events: 1,
          },
        ],
      },
    });
    expect(await deliver(run, mail)).toBe('suppressed');
    db.on(BatchGetCommand).resolves({
      Responses: { 'portico-test': [{ ...emailKeys.optOut(orgId, 'customer', 'ada@example.com') }] },
    });
    expect(await deliver(run, mail)).toBe('opted-out');
    expect(db.commandCalls(PutCommand)).toHaveLength(0);
    expect(ses.commandCalls(SendRawEmailCommand)).toHaveLength(0);
  });

  it('does not send again when this run claimed the recipient before (a redelivery or a crash after sending)', async () => {
    db.on(PutCommand).rejects(conditionFailed());
    expect(await deliver(run, mail)).toBe('already-sent');
    expect(ses.commandCalls(SendRawEmailCommand)).toHaveLength(0);
  });

  it('gives the claim back when SES refuses, so a retry sends the email', async () => {
    ses
      .on(SendRawEmailCommand)
      .rejects(Object.assign(new Error('Daily quota exceeded'), { name: 'Throttling' }));
    await expect(deliver(run, mail)).rejects.toThrow('Daily quota exceeded');
    expect(db.commandCalls(DeleteCommand)[0]!.args[0].input.Key).toEqual(guardKey);
  });
});

describe('deliverAll', () => {
  it("tries every recipient when one fails, and reports the others' result with the failure", async () => {
    ses.on(SendRawEmailCommand).rejectsOnce(new Error('SES down')).resolves({ MessageId: 'ses-2' });
    const failure = await deliverAll(run, [mail, { ...mail, to: 'bob@example.com' }], 'user').catch((e) => e);
    expect(failure).toMatchObject({
      name: 'DeliveryError',
      sent: 1,
      detail: 'Emailed 1 user; 1 of 2 could not be sent',
    });
    expect(ses.commandCalls(SendRawEmailCommand)).toHaveLength(2);
  });
});

const start: RunStart = {
  id: run.id,
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
  startedAt: '2026-05-01T10:00:00.000Z',
};

/** The run as `startRun` leaves it stored: started, nothing finished yet. */
const stored = (outcome: string) => ({
  ...automationKeys.run(orgId, run.id),
  ...start,
  outcome,
  detail: 'Running',
  error: null,
  permanent: false,
  attempts: 1,
  emailsSent: 0,
  finishedAt: null,
  durationMs: null,
  retryable: false,
  retriedBy: null,
});

describe('withRun', () => {
  it('does not run work again whose run succeeded before', async () => {
    db.on(UpdateCommand).rejects(conditionFailed());
    db.on(GetCommand).resolves({ Item: stored('succeeded') });
    let ran = false;
    expect(
      await withRun(start, async () => {
        ran = true;
        return { outcome: 'succeeded', detail: '', emailsSent: 1 };
      }),
    ).toBeUndefined();
    expect(ran).toBe(false);
  });

  it('records a failure with its error, the emails sent so far and a retry, then throws it on', async () => {
    db.on(UpdateCommand).resolves({ Attributes: stored('running') });
    ses
      .on(SendRawEmailCommand)
      .rejects(Object.assign(new Error('Mail from domain not verified'), { name: 'MessageRejected' }));

    await expect(withRun(start, () => deliverAll(run, [mail], 'user'))).rejects.toThrow(
      'Mail from domain not verified',
    );

    const finish = db.commandCalls(UpdateCommand).at(-1)!.args[0].input;
    expect(finish.ExpressionAttributeValues).toMatchObject({
      ':outcome': 'failed',
      ':error': 'MessageRejected: Mail from domain not verified',
      ':retryable': true,
      ':emailsSent': 0,
      ':gsi1pk': 'AUTORUNS#failed#',
    });
  });

  it('records a failure no retry can fix as permanent, and throws it on as one', async () => {
    db.on(UpdateCommand).resolves({ Attributes: stored('running') });

    const failing = withRun(start, async () => {
      throw new HeaderInjectionError('From');
    });

    await expect(failing).rejects.toSatisfy(isPermanent);
    const finish = db.commandCalls(UpdateCommand).at(-1)!.args[0].input;
    expect(finish.ExpressionAttributeValues).toMatchObject({
      ':outcome': 'failed',
      ':error': 'HeaderInjectionError: The From header holds a line break',
      ':permanent': true,
      // An admin may still retry it, once the cause is fixed.
      ':retryable': true,
    });
  });
});
