import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { tableName } from '../aws/dynamo';
import { outboxKeys } from '../db/keys';
import { writtenEvents } from '../events/test-support';
import { createInvitations, invitationSendConcurrency } from './invitations';
import { conferenceItem } from './test-support';

// How many SES calls are in flight at once, and what one refused address does to the rest of a batch:
// timings the local SES cannot stage.
const db = mockClient(DynamoDBDocumentClient);
const ses = mockClient(SESClient);

const orgId = '01J0RG00000000000000000001';
const inviter = { userId: '01J0SER0000000000000000001', name: 'Olivia Organizer' };
const conference = conferenceItem({ createdBy: inviter.userId });
const people = Array.from({ length: 40 }, (_, index) => ({
  email: `person-${index}@example.com`,
  name: `Person ${index}`,
}));
const refused = 'person-7@example.com';

let inFlight = 0;
let mostInFlight = 0;

beforeEach(() => {
  db.reset();
  ses.reset();
  inFlight = 0;
  mostInFlight = 0;
  db.on(BatchGetCommand).resolves({ Responses: { [tableName]: [] } });
  db.on(GetCommand).resolves({
    Item: {
      id: orgId,
      name: 'Harbour Events',
      slug: 'harbour-events',
      timeZone: 'Europe/Berlin',
      allowedOrigins: [],
      branding: { color: '#0b7285', logoUrl: null },
      status: 'active',
      createdAt: '2027-01-01T00:00:00.000Z',
      updatedAt: '2027-01-01T00:00:00.000Z',
      version: 1,
    },
  });
  db.on(TransactWriteCommand).resolves({});
  db.on(BatchWriteCommand).resolves({});
  db.on(UpdateCommand).resolves({});
  ses.on(SendEmailCommand).callsFake(async (input: { Destination: { ToAddresses: string[] } }) => {
    inFlight++;
    mostInFlight = Math.max(mostInFlight, inFlight);
    await new Promise((resolve) => setTimeout(resolve, 5));
    inFlight--;
    const [to] = input.Destination.ToAddresses;
    if (to === refused) throw Object.assign(new Error('Address blacklisted'), { name: 'MessageRejected' });
    return { MessageId: `message-${to}` };
  });
});

describe('mailing a batch of invitations', () => {
  it('keeps at most the bounded number of SES calls in flight, and more than one', async () => {
    await createInvitations(
      inviter,
      conference,
      people,
      { role: 'attendee', group: null, networking: 'all' },
      'import',
    );

    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(people.length);
    expect(mostInFlight).toBe(invitationSendConcurrency);
  });

  it('marks only the refused address failed and records every message SES took', async () => {
    const { items } = await createInvitations(
      inviter,
      conference,
      people,
      { role: 'attendee', group: null, networking: 'all' },
      'import',
    );

    expect(items.filter((item) => item.outcome === 'failed').map((item) => item.email)).toEqual([refused]);
    expect(items.filter((item) => item.outcome === 'invited')).toHaveLength(people.length - 1);
    const bounced = db
      .commandCalls(UpdateCommand)
      .map((call) => call.args[0].input.ExpressionAttributeValues);
    expect(bounced).toEqual([expect.objectContaining({ ':status': 'bounced' })]);
    const recorded = db
      .commandCalls(BatchWriteCommand)
      .flatMap((call) => call.args[0].input.RequestItems![tableName]!)
      .map((request) => request.PutRequest!.Item!.attendeeId);
    expect(new Set(recorded).size).toBe(people.length - 1);
  });

  it('announces each new attendee in the transaction that creates them', async () => {
    await createInvitations(
      inviter,
      conference,
      people,
      { role: 'attendee', group: null, networking: 'all' },
      'invitation',
    );

    const transactions = db
      .commandCalls(TransactWriteCommand)
      .map((call) => call.args[0].input.TransactItems!);
    for (const items of transactions) {
      const created = items.filter((item) => item.Put?.Item?.entity === 'attendee').length;
      const announced = items.filter((item) => String(item.Put?.Item?.pk).startsWith(outboxKeys.prefix));
      expect(announced).toHaveLength(created);
      expect(items.length).toBeLessThanOrEqual(100);
    }
    const events = await writtenEvents(db);
    expect(events).toHaveLength(people.length);
    expect(new Set(events.map((event) => event.detailType))).toEqual(new Set(['attendee.invited']));
  });
});
