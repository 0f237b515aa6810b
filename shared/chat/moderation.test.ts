import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { clock } from '../db/clock';
import { moderationKeys } from '../db/keys';
import { ForbiddenError, TooManyRequestsError } from '../http/errors';
import { assertMayPost, takeSlowModeTurn } from './moderation';
import type { RoomItem } from './repository';

const db = mockClient(DynamoDBDocumentClient);
const orgId = '01J0RG00000000000000000000';
const conferenceId = '01JC0NF0000000000000000000';
const userId = '01J0SER0000000000000000000';
const now = Date.parse('2027-06-01T10:00:00.000Z');

const room = (overrides: Partial<RoomItem> = {}): RoomItem => ({
  id: '01JR00M0000000000000000000',
  orgId,
  name: 'Main hall',
  kind: 'lobby',
  conferenceId,
  createdBy: userId,
  createdAt: '2027-06-01T09:00:00.000Z',
  lastMessageAt: null,
  lastMessageId: null,
  seq: 0,
  ...overrides,
});

const realNow = clock.now;
beforeEach(() => {
  db.reset();
  clock.now = () => now;
});
afterEach(() => {
  clock.now = realNow;
});

describe('slow mode', () => {
  it('asks nothing of the table in a room without it', async () => {
    await takeSlowModeTurn(orgId, room(), userId);
    expect(db.calls()).toHaveLength(0);
  });

  it('answers the seconds left until the previous post is old enough, from the refused item', async () => {
    db.on(PutCommand).rejects(
      new ConditionalCheckFailedException({
        message: 'The conditional request failed',
        $metadata: {},
        Item: { lastAt: { N: String(now - 12_500) } },
      }),
    );
    const refusal = await takeSlowModeTurn(orgId, room({ slowModeSeconds: 30 }), userId).catch((e) => e);
    expect(refusal).toBeInstanceOf(TooManyRequestsError);
    expect(refusal.extensions.retryAfterSeconds).toBe(18);
    expect(refusal.message).toBe('Slow mode: one message every 30 seconds; try again in 18 s');
    const put = db.commandCalls(PutCommand)[0]!.args[0].input;
    expect(put.ExpressionAttributeValues).toEqual({ ':earliest': now - 30_000 });
  });
});

describe('restrictions before a post', () => {
  it('names a ban before a mute, and ignores a mute whose time is up', async () => {
    // Stored as the moderation routes write them.
    const stored = {
      userId,
      name: 'Pat',
      roomId: null,
      reason: 'Spam',
      createdAt: '2019-12-31T23:00:00.000Z',
      createdBy: '01J0RGAN1ZER00000000000000',
    };
    const ban = { ...moderationKeys.ban(orgId, conferenceId, userId), ...stored, kind: 'ban', until: null };
    const expiredMute = {
      ...moderationKeys.mute(orgId, conferenceId, userId, null),
      ...stored,
      kind: 'mute',
      until: '2020-01-01T00:00:00.000Z',
      ttl: 1_577_836_800,
    };
    db.on(BatchGetCommand).resolves({ Responses: { 'portico-test': [expiredMute, ban] } });
    await expect(assertMayPost(orgId, room(), userId)).rejects.toThrow(
      new ForbiddenError("You are banned from this event's chat"),
    );
    db.on(BatchGetCommand).resolves({ Responses: { 'portico-test': [expiredMute] } });
    await expect(assertMayPost(orgId, room(), userId)).resolves.toBeUndefined();
  });

  it('reads nothing for a room that belongs to no event', async () => {
    await assertMayPost(orgId, room({ conferenceId: null }), userId);
    expect(db.calls()).toHaveLength(0);
  });
});
