import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { emailKeys } from '../db/keys';
import { applyFeedback } from './service';

const db = mockClient(DynamoDBDocumentClient);

beforeEach(() => {
  db.reset();
  db.on(UpdateCommand).resolves({});
});

const bounce = (bounceType: string, ...addresses: string[]) =>
  JSON.stringify({
    notificationType: 'Bounce',
    bounce: {
      bounceType,
      bounceSubType: 'General',
      bouncedRecipients: addresses.map((emailAddress) => ({ emailAddress, status: '5.1.1' })),
      timestamp: '2026-05-01T10:00:00.000Z',
    },
    mail: { messageId: 'm' },
  });

describe('applyFeedback', () => {
  it('suppresses every recipient of a permanent bounce, recording what SES said', async () => {
    const outcome = await applyFeedback(bounce('Permanent', 'Ada@Example.com', 'bob@example.com'), 'now');
    expect(outcome.suppressed).toEqual(['ada@example.com', 'bob@example.com']);
    const [first] = db.commandCalls(UpdateCommand);
    expect(first!.args[0].input.Key).toEqual(emailKeys.suppression('ada@example.com'));
    expect(first!.args[0].input.ExpressionAttributeValues).toMatchObject({
      ':reason': 'bounce',
      ':detail': 'Permanent/General: 5.1.1',
      ':at': '2026-05-01T10:00:00.000Z',
    });
  });

  it('leaves a transient bounce (mailbox full) alone', async () => {
    const outcome = await applyFeedback(bounce('Transient', 'ada@example.com'), 'now');
    expect(outcome).toEqual({ suppressed: [], ignored: ['ada@example.com'] });
    expect(db.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('suppresses a complaint, in the event-destination format too', async () => {
    const outcome = await applyFeedback(
      JSON.stringify({
        eventType: 'Complaint',
        complaint: {
          complainedRecipients: [{ emailAddress: 'ada@example.com' }],
          complaintFeedbackType: 'abuse',
        },
      }),
      '2026-05-01T11:00:00.000Z',
    );
    expect(outcome.suppressed).toEqual(['ada@example.com']);
    expect(db.commandCalls(UpdateCommand)[0]!.args[0].input.ExpressionAttributeValues).toMatchObject({
      ':reason': 'complaint',
      ':detail': 'abuse',
    });
  });

  it('suppresses nobody for a delivery notification', async () => {
    const outcome = await applyFeedback(JSON.stringify({ notificationType: 'Delivery' }), 'now');
    expect(outcome).toEqual({ suppressed: [], ignored: [] });
    expect(db.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('throws on anything that is not a bounce, complaint or delivery, so it lands in the dead-letter queue', async () => {
    await expect(applyFeedback(JSON.stringify({ notificationType: 'Open' }), 'now')).rejects.toThrow(
      /Not a bounce, complaint or delivery/,
    );
    await expect(applyFeedback('not json', 'now')).rejects.toThrow();
  });
});
