import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { clock } from '../db/clock';
import { crmKeys, orgKeys, userKeys } from '../db/keys';
import { slidingWindow } from '../db/throttle';
import { writtenEvents } from '../events/test-support';
import { TooManyRequestsError } from '../http/errors';
import { type LeadFormSubmission, leadFormSubmission } from './contracts';
import { originVerdict, type Submission, submitLead } from './service';

// DynamoDB Local never loses a race inside a transaction, and the bus never fails locally: those paths
// are proven here against mocked clients.
const db = mockClient(DynamoDBDocumentClient);
const bus = mockClient(EventBridgeClient);

const table = 'portico-test';
const now = Date.UTC(2026, 4, 4, 9, 5, 0);
const window = slidingWindow(600, now);
const orgId = '01J0RG00000000000000000000';
const leadId = '01J1EAD0000000000000000000';
let slugCounter = 0;

const orgItem = (slug: string) => ({
  ...orgKeys.org(orgId),
  id: orgId,
  name: 'Brightside Plumbing',
  slug,
  timeZone: 'America/Chicago',
  allowedOrigins: ['https://brightside-plumbing.example'],
  branding: { color: '#0b7285', logoUrl: null },
  status: 'active',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
});

const body = (overrides: Record<string, unknown> = {}): LeadFormSubmission =>
  leadFormSubmission.parse({
    name: 'Anna Smith',
    email: 'anna@example.com',
    message: 'The water heater leaks.',
    source: 'embed',
    ...overrides,
  });

/** A form whose slug this container has not seen yet, with `extra` items in the table. */
const newForm = (extra: Record<string, unknown>[] = []) => {
  const slug = `form-${slugCounter++}`;
  db.on(GetCommand, { Key: orgKeys.slugGuard(slug) }).resolves({ Item: { orgId } });
  db.on(BatchGetCommand).resolves({ Responses: { [table]: [orgItem(slug), ...extra] } });
  return slug;
};

const submission = (slug: string, overrides: Partial<Submission> = {}): Submission => ({
  slug,
  requestId: `request-${slug}`,
  origin: 'https://brightside-plumbing.example',
  ip: '203.0.113.7',
  idempotencyKey: 'a-key-0123456789',
  body: body(),
  ...overrides,
});

const cancelled = (failedIndex: number, size: number) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: Array.from({ length: size }, (_, index) =>
      index === failedIndex ? { Code: 'ConditionalCheckFailed' } : { Code: 'None' },
    ),
  });

const publishedTypes = async () => (await writtenEvents(db)).map((event) => event.detailType);

const commandNames = () => db.calls().map((call) => (call.args[0] as object).constructor.name);

beforeEach(() => {
  db.reset();
  bus.reset();
  bus.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e1' }] });
  db.on(UpdateCommand).resolves({});
  db.on(TransactWriteCommand).resolves({});
  // Halfway through a rate-limit window, on a clock only this file moves.
  vi.spyOn(clock, 'now').mockReturnValue(now);
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('origins', () => {
  it('tells the hosted page, allowed origins, foreign ones and requests without an Origin apart', () => {
    const allowed = ['https://brightside-plumbing.example', 'http://localhost:8080'];
    expect(originVerdict(undefined, allowed)).toBe('none');
    expect(originVerdict('https://portico.test', allowed)).toBe('app');
    expect(originVerdict('https://brightside-plumbing.example', allowed)).toBe('allowed');
    expect(originVerdict('http://localhost:8080', allowed)).toBe('allowed');
    // Scheme, port and subdomain are part of an origin; `null` is what sandboxed frames send.
    for (const origin of [
      'http://brightside-plumbing.example',
      'https://brightside-plumbing.example:8443',
      'https://www.brightside-plumbing.example',
      'https://brightside-plumbing.example.evil.example',
      'null',
    ])
      expect(originVerdict(origin, allowed), origin).toBe('foreign');
  });
});

describe('a submission', () => {
  it('takes two round trips for a new lead once the slug is known: one read, one write that counts it too', async () => {
    // Prepare
    const slug = newForm();
    await submitLead(submission(slug, { requestId: 'first' }));
    db.resetHistory();
    bus.resetHistory();

    // Act
    const answer = await submitLead(
      submission(slug, { requestId: 'second', idempotencyKey: 'another-key-01' }),
    );

    // Assess
    expect(answer.replayed).toBe(false);
    expect(commandNames()).toEqual(['BatchGetCommand', 'TransactWriteCommand']);
    const keys = db.commandCalls(BatchGetCommand)[0]!.args[0].input.RequestItems![table]!.Keys!;
    expect(keys.map((key) => key.sk)).toEqual([
      'ORG#',
      'LEADFORM#',
      expect.stringMatching(/^LEADFORMKEY#/),
      'LEADCONTACT#email#anna@example.com#',
      `WINDOW#${window.previous}#`,
      `WINDOW#${window.previous}#`,
    ]);
    const items = db.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    // The organization was read as active with the form: the transaction does not check it again.
    expect(items.filter((item) => item.ConditionCheck)).toEqual([]);
    expect(items[0]!.Put!.Item).toMatchObject({ submissionId: answer.receipt.submissionId });
    expect(items.slice(1, 3).map((item) => item.Update)).toEqual([
      expect.objectContaining({
        Key: { pk: expect.stringMatching(/^THROTTLE#lead-form-ip#/), sk: `WINDOW#${window.current}#` },
        ExpressionAttributeValues: expect.objectContaining({ ':allowed': 10 }),
      }),
      expect.objectContaining({
        Key: userKeys.throttle('lead-form-org', orgId, window.current),
        ExpressionAttributeValues: expect.objectContaining({ ':allowed': 100 }),
      }),
    ]);
    expect(items[3]!.Put!.Item).toMatchObject({ source: 'embed', createdBy: null });
    expect(await publishedTypes()).toEqual(['lead.created']);
  });

  it('lets the current window take only what the previous one leaves of the limit', async () => {
    // Prepare: halfway through the window, the previous window's 16 from this organization weigh 8.
    const slug = newForm([{ ...userKeys.throttle('lead-form-org', orgId, window.previous), count: 16 }]);

    // Act
    await submitLead(submission(slug));

    // Assess
    const items = db.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(items[2]!.Update).toMatchObject({
      Key: userKeys.throttle('lead-form-org', orgId, window.current),
      ExpressionAttributeValues: { ':allowed': 92 },
    });
  });

  it('gives a busy visitor 429 with the wait until one more fits, counting nothing', async () => {
    // Prepare: the visitor's counter (index 1, after the key's record) is full.
    const slug = newForm();
    db.on(TransactWriteCommand).rejects(cancelled(1, 5));

    // Act
    const error = await submitLead(submission(slug)).catch((caught: unknown) => caught);

    // Assess: the previous window was empty, so the wait is the rest of this one.
    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect((error as TooManyRequestsError).extensions.retryAfterSeconds).toBe(300);
    expect(db.commandCalls(UpdateCommand)).toHaveLength(0);
    expect(await publishedTypes()).toEqual([]);
  });

  it('refuses without writing while the previous window alone fills the limit', async () => {
    // Prepare: at the window's very start, the visitor's previous window holds the whole limit.
    vi.spyOn(clock, 'now').mockReturnValue(Date.UTC(2026, 4, 4, 9, 0, 0));
    const start = slidingWindow(600, Date.UTC(2026, 4, 4, 9, 0, 0));
    const ipKey = userKeys.throttle(
      'lead-form-ip',
      (await import('../auth/tokens')).hashOpaqueToken('203.0.113.7'),
      start.previous,
    );
    const slug = newForm([{ ...ipKey, count: 10 }]);

    // Act
    const error = await submitLead(submission(slug)).catch((caught: unknown) => caught);

    // Assess: a moment later the previous window weighs less than the limit, and one fits.
    expect(error).toBeInstanceOf(TooManyRequestsError);
    expect((error as TooManyRequestsError).extensions.retryAfterSeconds).toBe(1);
    expect(db.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('answers the losing half of a double click with the winner’s answer, storing nothing more', async () => {
    // Prepare: the idempotency record (index 0) was written a moment ago.
    const slug = newForm();
    const first = { submissionId: '01J5UB00000000000000000000', receivedAt: '2026-05-04T09:00:00.000Z' };
    db.on(TransactWriteCommand).rejects(cancelled(0, 6));
    db.on(GetCommand, { TableName: table, ConsistentRead: true }).resolves({
      Item: { ...first, bodyHash: (await import('../auth/tokens')).hashOpaqueToken(JSON.stringify(body())) },
    });

    // Act
    const answer = await submitLead(submission(slug));

    // Assess
    expect(answer).toEqual({ receipt: first, replayed: true });
    expect(db.commandCalls(TransactWriteCommand)).toHaveLength(1);
    expect(await publishedTypes()).toEqual([]);
  });

  it('adds to the lead another submission stored a moment earlier, instead of failing as a duplicate', async () => {
    // Prepare: the email guard (index 4) was claimed between the read and the write.
    const slug = newForm();
    db.on(TransactWriteCommand).rejectsOnce(cancelled(4, 6)).resolves({});
    db.on(GetCommand, { Key: crmKeys.leadContact(orgId, 'email', 'anna@example.com') }).resolves({
      Item: { leadId },
    });
    db.on(GetCommand, { Key: crmKeys.lead(orgId, leadId) }).resolves({
      Item: {
        ...crmKeys.lead(orgId, leadId),
        id: leadId,
        orgId,
        name: 'Anna Smith',
        email: 'anna@example.com',
        phone: null,
        message: 'First message',
        serviceWanted: '',
        source: 'embed',
        status: 'new',
        notes: '',
        jobIds: [],
        version: 1,
        createdAt: '2026-05-04T09:00:00.000Z',
        createdBy: null,
        updatedAt: '2026-05-04T09:00:00.000Z',
        statusChangedAt: '2026-05-04T09:00:00.000Z',
      },
    });

    // Act
    const answer = await submitLead(submission(slug, { body: body({ message: 'Second message' }) }));

    // Assess
    expect(answer.replayed).toBe(false);
    const [, retry] = db.commandCalls(TransactWriteCommand).map((call) => call.args[0].input.TransactItems!);
    expect(retry![0]!.Put!.Item).toMatchObject({ submissionId: answer.receipt.submissionId });
    expect(retry![3]!.Put).toMatchObject({
      Item: { id: leadId, message: 'Second message', version: 2 },
      ConditionExpression: 'version = :seen',
    });
    expect(retry![4]!.Put!.Item).toMatchObject({
      kind: 'lead.resubmitted',
      summary: 'Anna Smith submitted the form again: “Second message”',
    });
    expect(await publishedTypes()).toEqual(['lead.updated']);
  });

  it('stores the lead even when the event bus is down', async () => {
    // Prepare
    const slug = newForm();
    bus.on(PutEventsCommand).rejects(new Error('EventBridge unavailable'));

    // Act
    const answer = await submitLead(submission(slug));

    // Assess
    expect(answer.replayed).toBe(false);
    expect(db.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('answers a filled honeypot without counting, reading further or writing anything', async () => {
    // Prepare
    const slug = newForm();

    // Act
    const answer = await submitLead(submission(slug, { body: body({ website: 'https://spam.example' }) }));

    // Assess
    expect(answer.receipt.submissionId).toMatch(/^[0-9A-Z]{26}$/);
    expect(commandNames()).toEqual(['GetCommand', 'BatchGetCommand']);
    expect(await publishedTypes()).toEqual([]);
  });
});
