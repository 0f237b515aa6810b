import { BatchGetCommand, DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { tableName } from '../aws/dynamo';
import { conferenceKeys, userKeys } from '../db/keys';
import { NotFoundError } from '../http/errors';
import type { ConnectionItem } from '../realtime/repository';
import { subscribeToLive } from './live-channel';

const db = mockClient(DynamoDBDocumentClient);

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
  db.on(TransactWriteCommand).resolves({});
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
