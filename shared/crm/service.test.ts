import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { crmKeys, orgKeys } from '../db/keys';
import { writtenEvents } from '../events/test-support';
import { ConflictError, ValidationError, VersionConflictError } from '../http/errors';
import { createJob, setJobStatus, updateJob } from './jobs';
import { createLead, setLeadStatus, updateLead } from './leads';
import type { JobItem, LeadItem } from './repository';

// DynamoDB Local never reports a lost race inside a transaction: those paths are proven here.
const db = mockClient(DynamoDBDocumentClient);
const bus = mockClient(EventBridgeClient);

const orgId = '01J0RG00000000000000000000';
const leadId = '01J1EAD0000000000000000000';
const jobId = '01J10B00000000000000000000';
const actor = { userId: '01J0SER0000000000000000000', name: 'Dana Rivera' };

const org = {
  ...orgKeys.org(orgId),
  id: orgId,
  name: 'Brightside Plumbing',
  slug: 'brightside-plumbing',
  timeZone: 'America/Chicago',
  allowedOrigins: [],
  branding: { color: '#0b7285', logoUrl: null },
  status: 'active',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 1,
};

const lead = (overrides: Partial<LeadItem> = {}): LeadItem => ({
  id: leadId,
  orgId,
  name: 'Anna Smith',
  email: 'anna@example.com',
  phone: '+1 312 555 0101',
  message: 'Water heater leaks',
  serviceWanted: 'Water heater repair',
  source: 'manual',
  status: 'new',
  notes: '',
  jobIds: [],
  version: 3,
  createdAt: '2026-05-01T10:00:00.000Z',
  createdBy: 'Dana Rivera',
  updatedAt: '2026-05-01T10:00:00.000Z',
  statusChangedAt: '2026-05-01T10:00:00.000Z',
  ...overrides,
});

const job = (overrides: Partial<JobItem> = {}): JobItem => ({
  id: jobId,
  orgId,
  title: 'Water heater repair',
  customer: { name: 'Anna Smith', email: 'anna@example.com', phone: null },
  address: '12 Elm St',
  scheduledAt: '2026-05-04T14:30:00.000Z',
  durationMinutes: 60,
  status: 'scheduled',
  price: { amountMinor: 25_000, currency: 'USD' },
  notes: '',
  leadId: null,
  version: 2,
  createdAt: '2026-05-01T10:00:00.000Z',
  createdBy: 'Dana Rivera',
  updatedAt: '2026-05-01T10:00:00.000Z',
  startedAt: null,
  completedAt: null,
  cancelledAt: null,
  ...overrides,
});

const stored = (item: LeadItem | JobItem, keys: { pk: string; sk: string }) => ({ ...keys, ...item });

const transactItems = () => db.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;

const publishedTypes = async () => (await writtenEvents(db)).map((event) => event.detailType);

const publishedDetail = async (type: string) =>
  (await writtenEvents(db)).find((event) => event.detailType === type)!.detail;

const cancelled = (failedIndex: number, size: number) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: Array.from({ length: size }, (_, index) =>
      index === failedIndex ? { Code: 'ConditionalCheckFailed' } : { Code: 'None' },
    ),
  });

beforeEach(() => {
  db.reset();
  bus.reset();
  bus.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e1' }] });
  db.on(TransactWriteCommand).resolves({});
});

describe('creating a lead', () => {
  it('writes the lead, claims its email and phone, and logs it on its timeline in one transaction', async () => {
    // Act
    const created = await createLead(actor, orgId, {
      name: 'Anna Smith',
      email: 'anna@example.com',
      phone: '+1 (312) 555-0101',
      message: '',
      serviceWanted: '',
      notes: '',
      source: 'manual',
    });

    // Assess
    const items = transactItems();
    expect(items[0]!.ConditionCheck!.Key).toEqual(orgKeys.org(orgId));
    expect(items[1]!.Put!.Item).toMatchObject({
      ...crmKeys.lead(orgId, created.id),
      status: 'new',
      version: 1,
    });
    expect(items[1]!.Put!.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(items.slice(2, 4).map((item) => item.Put!.Item!.sk)).toEqual([
      'LEADCONTACT#email#anna@example.com#',
      'LEADCONTACT#phone#13125550101#',
    ]);
    const activity = items[4]!.Put!.Item!;
    expect(activity).toMatchObject({ kind: 'lead.created', leadId: created.id });
    expect(activity.gsi1pk).toBe(crmKeys.leadTimelinePartition(orgId, created.id));
    expect(activity.ttl).toBeGreaterThan(Date.now() / 1000 + 300 * 86400);
    expect(await publishedTypes()).toEqual(['lead.created']);
  });

  it('refuses a second open lead with the same phone, naming the first (409 duplicateOf)', async () => {
    // Prepare: the phone guard (index 3) is taken.
    db.on(TransactWriteCommand).rejects(cancelled(3, 5));
    db.on(GetCommand, { Key: crmKeys.leadContact(orgId, 'phone', '3125550101') }).resolves({
      Item: { leadId },
    });

    // Act
    const attempt = createLead(actor, orgId, {
      name: 'Anna S.',
      email: 'anna.s@example.com',
      phone: '312 555 0101',
      message: '',
      serviceWanted: '',
      notes: '',
      source: 'manual',
    });

    // Assess
    const error = await attempt.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).extensions).toEqual({ duplicateOf: leadId });
    expect((error as ConflictError).message).toMatch(/phone number/);
    expect(await publishedTypes()).toEqual([]);
  });
});

describe('moving a lead', () => {
  it('refuses a move the pipeline does not allow and writes nothing', async () => {
    // Prepare
    db.on(GetCommand).resolves({ Item: stored(lead({ status: 'qualified' }), crmKeys.lead(orgId, leadId)) });

    // Act
    const attempt = setLeadStatus(actor, orgId, leadId, { version: 3, status: 'contacted' });

    // Assess
    await expect(attempt).rejects.toThrow(/qualified lead can move to won, lost/);
    expect(db.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('releases the contact keys when a lead is lost, and claims them again when it reopens', async () => {
    // Prepare
    db.on(GetCommand)
      .resolvesOnce({ Item: stored(lead(), crmKeys.lead(orgId, leadId)) })
      .resolvesOnce({ Item: stored(lead({ status: 'lost', version: 4 }), crmKeys.lead(orgId, leadId)) });

    // Act
    const lost = await setLeadStatus(actor, orgId, leadId, { version: 3, status: 'lost', reason: 'Too far' });
    const reopened = await setLeadStatus(actor, orgId, leadId, { version: 4, status: 'new' });

    // Assess
    const [closing, reopening] = db
      .commandCalls(TransactWriteCommand)
      .map((c) => c.args[0].input.TransactItems!);
    expect(lost).toMatchObject({ status: 'lost', version: 4 });
    expect(closing!.filter((item) => item.Delete).map((item) => item.Delete!.Key!.sk)).toEqual([
      'LEADCONTACT#email#anna@example.com#',
      'LEADCONTACT#phone#13125550101#',
    ]);
    expect(closing!.at(-2)!.Put!.Item!.summary).toBe(
      'Dana Rivera moved Anna Smith from new to lost: Too far',
    );
    expect(reopened).toMatchObject({ status: 'new', version: 5 });
    expect(reopening!.filter((item) => item.Put?.Item?.sk?.startsWith('LEADCONTACT#'))).toHaveLength(2);
    expect(await publishedDetail('lead.updated')).toMatchObject({ previousStatus: 'new', status: 'lost' });
  });

  it('answers 409 with the current version when another save won the race', async () => {
    // Prepare: read at version 3; the conditional write fails; the lead is now at version 4.
    db.on(GetCommand)
      .resolvesOnce({ Item: stored(lead(), crmKeys.lead(orgId, leadId)) })
      .resolves({ Item: stored(lead({ version: 4 }), crmKeys.lead(orgId, leadId)) });
    db.on(TransactWriteCommand).rejects(cancelled(0, 2));

    // Act
    const error = await updateLead(actor, orgId, leadId, { version: 3, notes: 'Call after 5pm' }).catch(
      (caught: unknown) => caught,
    );

    // Assess
    expect(error).toBeInstanceOf(VersionConflictError);
    expect((error as VersionConflictError).extensions.currentVersion).toBe(4);
    expect(await publishedTypes()).toEqual([]);
  });

  it('refuses an edit that would leave a lead with neither email nor phone', async () => {
    // Prepare
    db.on(GetCommand).resolves({ Item: stored(lead({ phone: null }), crmKeys.lead(orgId, leadId)) });

    // Act
    const attempt = updateLead(actor, orgId, leadId, { version: 3, email: null });

    // Assess
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    expect(db.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});

describe('jobs', () => {
  const batch = (...items: Record<string, unknown>[]) =>
    db.on(BatchGetCommand).resolves({ Responses: { 'portico-test': items } });

  it('from a lead: links it, copies the contact, marks it won and releases its keys in one write', async () => {
    // Prepare
    batch(org, stored(lead(), crmKeys.lead(orgId, leadId)));

    // Act
    const created = await createJob(actor, orgId, {
      fromLead: { leadId, version: 3, markWon: true },
      address: '12 Elm St',
      scheduledAt: '2026-05-04T09:30',
      durationMinutes: 90,
      price: { amountMinor: 25_000, currency: 'USD' },
      notes: '',
    });

    // Assess
    expect(created).toMatchObject({
      title: 'Water heater repair',
      customer: { name: 'Anna Smith', email: 'anna@example.com', phone: '+1 312 555 0101' },
      scheduledAt: '2026-05-04T14:30:00.000Z',
      scheduledAtLocal: '2026-05-04T09:30',
      timeZone: 'America/Chicago',
      leadId,
    });
    expect(db.commandCalls(TransactWriteCommand)).toHaveLength(1);
    const items = transactItems();
    expect(items[0]!.Put!.Item).toMatchObject({ ...crmKeys.job(orgId, created.id), status: 'scheduled' });
    expect(items[1]!.Put!.Item).toMatchObject({ status: 'won', jobIds: [created.id], version: 4 });
    expect(items[1]!.Put!.ExpressionAttributeValues).toEqual({ ':seen': 3 });
    expect(items.filter((item) => item.Delete)).toHaveLength(2);
    expect(items.filter((item) => item.Put?.Item?.kind).map((item) => item.Put!.Item!.kind)).toEqual([
      'job.created',
      'lead.status',
    ]);
    expect(await publishedTypes()).toEqual(['job.scheduled', 'lead.updated']);
    expect(await publishedDetail('job.scheduled')).toMatchObject({
      jobId: created.id,
      leadId,
      scheduledAt: '2026-05-04T14:30:00.000Z',
      previousScheduledAt: null,
    });
  });

  it('refuses a wall-clock time the organization’s clock skips, naming scheduledAt', async () => {
    // Prepare
    batch(org);

    // Act
    const error = await createJob(actor, orgId, {
      customer: { name: 'Bo', email: null, phone: '3125550199' },
      title: 'Drain cleaning',
      address: '1 Main St',
      scheduledAt: '2026-03-08T02:30',
      durationMinutes: 60,
      price: { amountMinor: 9_900, currency: 'USD' },
      notes: '',
    }).catch((caught: unknown) => caught);

    // Assess
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors.map((e) => e.path)).toEqual(['scheduledAt']);
    expect(db.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('publishes job.completed when a job is completed, and nothing else', async () => {
    // Prepare
    batch(org, stored(job({ status: 'in_progress' }), crmKeys.job(orgId, jobId)));

    // Act
    const completed = await setJobStatus(actor, orgId, jobId, { version: 2, status: 'completed' });

    // Assess
    expect(completed).toMatchObject({ status: 'completed', version: 3 });
    expect(completed.completedAt).not.toBeNull();
    expect(await publishedTypes()).toEqual(['job.completed']);
    expect(await publishedDetail('job.completed')).toMatchObject({
      jobId,
      completedAt: completed.completedAt,
    });
  });

  it('reschedules a scheduled job and publishes job.scheduled with the previous time', async () => {
    // Prepare
    batch(org, stored(job(), crmKeys.job(orgId, jobId)));

    // Act
    const moved = await updateJob(actor, orgId, jobId, {
      version: 2,
      scheduledAt: '2026-05-05T08:00:00-05:00',
    });

    // Assess
    expect(moved).toMatchObject({
      scheduledAt: '2026-05-05T13:00:00.000Z',
      scheduledAtLocal: '2026-05-05T08:00',
    });
    expect(transactItems()[0]!.Put!.Item).toMatchObject({
      gsi1sk: `2026-05-05T13:00:00.000Z#${jobId}#`,
      gsi2sk: `2026-05-05T13:00:00.000Z#${jobId}#`,
    });
    expect(await publishedDetail('job.scheduled')).toMatchObject({
      scheduledAt: '2026-05-05T13:00:00.000Z',
      previousScheduledAt: '2026-05-04T14:30:00.000Z',
    });
  });

  it('refuses to reschedule a completed job', async () => {
    // Prepare
    batch(org, stored(job({ status: 'completed' }), crmKeys.job(orgId, jobId)));

    // Act
    const attempt = updateJob(actor, orgId, jobId, { version: 2, scheduledAt: '2026-05-06T08:00' });

    // Assess
    await expect(attempt).rejects.toThrow(/cannot be rescheduled/);
    expect(db.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});
