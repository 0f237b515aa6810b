import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { platformKeys } from '../db/keys';
import type { DetailType } from './catalog';
import { EventInProgressError, eventConsumer } from './consumer';
import { PermanentError } from './errors';

// Claims lost to a concurrent invocation: DynamoDB Local cannot stage these on cue.
const db = mockClient(DynamoDBDocumentClient);

const outboxId = '01J0VTB0X00000000000000000';
const event = {
  id: 'eventbridge-id-1',
  'detail-type': 'job.completed',
  source: 'portico',
  time: '2026-05-01T10:00:00Z',
  detail: {
    version: 1,
    orgId: '01J0RG00000000000000000000',
    jobId: '01J0J0B0000000000000000000',
    leadId: null,
    completedAt: '2026-05-01T10:00:00.000Z',
    userId: null,
    eventId: outboxId,
  },
} as unknown as EventBridgeEvent<DetailType, unknown>;

const context = (remainingMs: number) =>
  ({ awsRequestId: 'request-1', getRemainingTimeInMillis: () => remainingMs }) as unknown as Context;

const claimTaken = (status: string) =>
  new ConditionalCheckFailedException({ message: 'taken', $metadata: {}, Item: { status: { S: status } } });

beforeEach(() => {
  db.reset();
  db.on(PutCommand).resolves({});
  db.on(UpdateCommand).resolves({});
  db.on(DeleteCommand).resolves({});
});

describe('an event consumer', () => {
  it('claims the outbox id until the invocation ends, then keeps it as completed for a week', async () => {
    let acted = 0;
    const handler = eventConsumer('test', 'job.completed', async () => {
      acted++;
    });
    const before = Date.now();

    await handler(event, context(5000));

    expect(acted).toBe(1);
    const claim = db.commandCalls(PutCommand)[0]!.args[0].input;
    expect(claim.Item).toMatchObject({
      ...platformKeys.processedEvent('test', outboxId),
      status: 'in-progress',
    });
    expect(claim.Item!.expiresAt).toBeGreaterThanOrEqual(before + 5000);
    expect(claim.Item!.expiresAt).toBeLessThan(before + 6000);
    expect(claim.ConditionExpression).toBe('attribute_not_exists(pk) OR expiresAt <= :now');
    const done = db.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(done.ExpressionAttributeValues).toMatchObject({ ':status': 'completed', ':owner': 'request-1' });
    expect(done.ExpressionAttributeValues![':until']).toBeGreaterThan(before + 6 * 86_400_000);
  });

  it('gives the claim back and throws on a failure a retry may fix', async () => {
    const handler = eventConsumer('test', 'job.completed', async () => {
      throw new Error('SES is down');
    });

    await expect(handler(event, context(5000))).rejects.toThrow('SES is down');

    expect(db.commandCalls(DeleteCommand)[0]!.args[0].input.ExpressionAttributeValues).toEqual({
      ':owner': 'request-1',
    });
    expect(db.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('records a failure no retry can fix and does not throw, so the event is not retried', async () => {
    const handler = eventConsumer('test', 'job.completed', async () => {
      throw new PermanentError('The To header holds a line break');
    });

    await handler(event, context(5000));

    const failed = db.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(failed.ExpressionAttributeValues).toMatchObject({
      ':status': 'failed',
      ':error': 'The To header holds a line break',
    });
    expect(db.commandCalls(DeleteCommand)).toHaveLength(0);
  });

  it('does nothing for an event completed before, and fails while another invocation holds a live claim', async () => {
    let acted = 0;
    const handler = eventConsumer('test', 'job.completed', async () => {
      acted++;
    });

    db.on(PutCommand).rejects(claimTaken('completed'));
    await handler(event, context(5000));
    db.on(PutCommand).rejects(claimTaken('in-progress'));
    await expect(handler(event, context(5000))).rejects.toThrow(EventInProgressError);

    expect(acted).toBe(0);
  });

  it('drops a detail its schema refuses instead of retrying it forever', async () => {
    let acted = 0;
    const handler = eventConsumer('test', 'job.completed', async () => {
      acted++;
    });

    await handler({ ...event, detail: { version: 2 } }, context(5000));

    expect(acted).toBe(0);
    expect(db.calls()).toHaveLength(0);
  });
});
