import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { BatchGetCommand, DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { tableName } from '../aws/dynamo';
import { conferenceKeys, userKeys } from '../db/keys';
import { NotFoundError } from '../http/errors';
import type { ConnectionItem } from '../realtime/repository';
import { agendaItemView } from './contracts';
import { fanOutAgendaChange, subscribeToLive } from './live-channel';
import { agendaFrame } from './live-contracts';

const db = mockClient(DynamoDBDocumentClient);
const bus = mockClient(EventBridgeClient);

const orgId = '01J0RG00000000000000000001';
const conferenceId = '01JC0NF0000000000000000001';
const userId = '01J0SER0000000000000000001';

const connection: ConnectionItem = {
  connectionId: 'conn-1',
  userId,
  orgId: null,
  name: 'Gia Guest',
  connectedAt: '2027-01-01T00:00:00.000Z',
  topics: {},
  ttl: 4_000_000_000,
};

const user = (overrides: Record<string, unknown> = {}) => ({
  ...userKeys.user(userId),
  id: userId,
  email: 'gia@example.com',
  name: 'Gia Guest',
  role: 'guest',
  orgId: null,
  status: 'active',
  tokenVersion: 1,
  ...overrides,
});
const live = { ...conferenceKeys.liveStates(orgId, conferenceId), states: { item1: 'live' }, version: 7 };
const role = (name: string) => ({ ...conferenceKeys.role(orgId, conferenceId, userId), role: name });

/** Prepare: what the one batch read finds. */
const found = (...items: Record<string, unknown>[]) =>
  db.on(BatchGetCommand).resolves({ Responses: { [tableName]: items } });

beforeEach(() => {
  db.reset();
  bus.reset();
  db.on(TransactWriteCommand).resolves({});
  bus.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e1' }] });
});

describe('subscribing to a conference’s live channel', () => {
  it('lets a guest with a role in the conference in, and answers the current states', async () => {
    found(user(), role('attendee'), live);
    await expect(subscribeToLive(connection, orgId, conferenceId)).resolves.toEqual({
      version: 7,
      states: { item1: 'live' },
    });
    const [write] = db.commandCalls(TransactWriteCommand);
    const keys = write!.args[0].input.TransactItems!.map((item) => (item.Put?.Item ?? item.Update?.Key)!.pk);
    expect(keys).toContain(conferenceKeys.liveStates(orgId, conferenceId).pk);
    expect(keys.some((pk) => String(pk).startsWith(conferenceKeys.liveTopic(orgId, conferenceId)))).toBe(
      true,
    );
  });

  it('lets the organization’s own users in without a role', async () => {
    found(user({ role: 'member', orgId }), live);
    await expect(subscribeToLive(connection, orgId, conferenceId)).resolves.toMatchObject({ version: 7 });
  });

  it('answers not found, and subscribes nothing, for strangers, deactivated people and missing events', async () => {
    for (const items of [
      [user(), live],
      [user({ role: 'owner', orgId: '01J0RG00000000000000000002' }), live],
      [user({ status: 'deactivated' }), role('organizer'), live],
      [user(), role('attendee')],
    ]) {
      found(...items);
      await expect(subscribeToLive(connection, orgId, conferenceId)).rejects.toThrow(NotFoundError);
    }
    expect(db.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});

const itemId = '01JTEM00000000000000000001';
/** An agenda item as stored: the view's fields plus what only the schedule and the key design use. */
const storedItem = {
  ...conferenceKeys.agendaItem(orgId, conferenceId, itemId),
  entity: 'agenda-item',
  id: itemId,
  title: 'Opening keynote',
  start: '2027-03-01T10:00',
  end: '2027-03-01T11:00',
  startUtc: '2027-03-01T09:00:00.000Z',
  endUtc: '2027-03-01T10:00:00.000Z',
  track: 'Main',
  room: 'Hall A',
  speakerIds: [],
  stream: null,
  recordingUrl: null,
  notes: [],
  version: 4,
  liveDueId: 'due-live',
  endDueId: 'due-end',
  updatedAt: '2027-02-01T00:00:00.000Z',
};
const channel = (shards: number[]) => ({
  ...conferenceKeys.liveStates(orgId, conferenceId),
  states: { [itemId]: 'live' },
  version: 3,
  shards: new Set(shards),
});

/** Assess: the fan-out jobs put on the bus, each with its frame. */
const publishedJobs = () =>
  bus
    .commandCalls(PutEventsCommand)
    .flatMap((call) => call.args[0].input.Entries ?? [])
    .map((entry) => ({ type: entry.DetailType, detail: JSON.parse(entry.Detail!) }));

describe('fanning out an agenda change', () => {
  it('sends each shard in use the states and the session as the agenda route shows it, and nothing stored beside it', async () => {
    found(channel([0, 2]), storedItem);
    await expect(fanOutAgendaChange(orgId, conferenceId, itemId)).resolves.toBe(2);
    const jobs = publishedJobs();
    expect(jobs.map((job) => [job.type, job.detail.shard, job.detail.frame.type])).toEqual([
      ['conference.live-fan-out', 0, 'conference.live'],
      ['conference.live-fan-out', 2, 'conference.live'],
      ['conference.live-fan-out', 0, 'conference.agenda'],
      ['conference.live-fan-out', 2, 'conference.agenda'],
    ]);
    expect(jobs[0]!.detail.frame).toEqual({
      type: 'conference.live',
      orgId,
      conferenceId,
      version: 3,
      states: { [itemId]: 'live' },
    });
    const agendaJob = jobs[2]!;
    const frame = agendaFrame.parse(agendaJob.detail.frame);
    expect(frame).toMatchObject({ type: 'conference.agenda', v: 1, orgId, conferenceId, change: 'upserted' });
    const item = agendaJob.detail.frame.item as Record<string, unknown>;
    expect(Object.keys(item).sort()).toEqual(Object.keys(agendaItemView.shape).sort());
    expect(item).toMatchObject({ id: itemId, version: 4, state: 'live', start: '2027-03-01T10:00' });
  });

  it('sends a removal when the session is gone by the time the change is fanned out', async () => {
    found(channel([1]));
    await fanOutAgendaChange(orgId, conferenceId, itemId);
    expect(publishedJobs().map((job) => job.detail.frame)).toEqual([
      expect.objectContaining({ type: 'conference.live', version: 3 }),
      { type: 'conference.agenda', v: 1, orgId, conferenceId, change: 'deleted', itemId },
    ]);
  });

  it('publishes nothing when no page ever subscribed to the conference', async () => {
    found(storedItem);
    await expect(fanOutAgendaChange(orgId, conferenceId, itemId)).resolves.toBe(0);
    found({ ...channel([]), shards: undefined }, storedItem);
    await expect(fanOutAgendaChange(orgId, conferenceId, itemId)).resolves.toBe(0);
    expect(bus.commandCalls(PutEventsCommand)).toHaveLength(0);
  });
});
