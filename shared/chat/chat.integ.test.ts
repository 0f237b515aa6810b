import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, type Session, signInAs, uniqueSuffix } from '../../test/integ/api';
import { createConferenceAs } from '../../test/integ/conferences';
import { type Frame, getItem, putItem, TestClient, table } from '../../test/integ/ws';
import { chatKeys, realtimeKeys } from '../db/keys';
import { shardOf } from '../realtime/shards';

let owner: Session;
let member: Session;
let stranger: Session;
let orgId: string;

beforeAll(async () => {
  owner = await signInAs('owner', 'brightside-plumbing');
  member = await signInAs('member', 'brightside-plumbing');
  stranger = await signInAs('owner', 'northwind-events');
  orgId = owner.user.orgId!;
});

const createRoom = async (session: Session, body: Record<string, unknown>) => {
  const response = await api('POST', `/api/orgs/${session.user.orgId}/chat/rooms`, {
    token: session.token,
    body: { name: `Room ${uniqueSuffix()}`, ...body },
  });
  expect(response.status, response.text).toBe(201);
  return response.json as { id: string; kind: string };
};

const createConference = async (features = { networking: true, chat: true }) =>
  (
    await createConferenceAs(owner, {
      name: `Chat Summit ${uniqueSuffix()}`,
      startDate: '2027-07-01',
      endDate: '2027-07-01',
      features,
    })
  ).id;

const joined = async (session: Session, roomId: string) => {
  const client = await TestClient.connect(session.token);
  expect(await client.request('room.join', { roomId }), 'join').toMatchObject({ type: 'ack' });
  return client;
};

const isMessage = (text: string) => (frame: Frame) =>
  frame.type === 'room.message' && frame.message.text === text;

describe('chat rooms over HTTP', () => {
  it('lets owners create open rooms bound to a conference, and lists them by conference', async () => {
    const conferenceId = await createConference();
    const room = await createRoom(owner, { kind: 'lobby', conferenceId });
    const listed = await api('GET', `/api/orgs/${orgId}/chat/rooms?conferenceId=${conferenceId}`, {
      token: member.token,
    });
    expect(listed.status).toBe(200);
    expect(listed.json.items.map((r: { id: string }) => r.id)).toContain(room.id);
  });

  it('lets a member create only private rooms', async () => {
    const refused = await api('POST', `/api/orgs/${orgId}/chat/rooms`, {
      token: member.token,
      body: { name: 'My lobby', kind: 'lobby' },
    });
    expect(refused.status).toBe(403);
    const room = await createRoom(member, { kind: 'private' });
    expect(room.kind).toBe('private');
  });

  it('refuses inviting someone outside the organization, naming the field', async () => {
    const response = await api('POST', `/api/orgs/${orgId}/chat/rooms`, {
      token: owner.token,
      body: { name: 'Secret', kind: 'private', memberIds: [stranger.user.id] },
    });
    expect(response.status).toBe(400);
    expect(response.json.errors).toEqual([
      { path: 'memberIds.0', message: 'Not a member of this organization' },
    ]);
  });

  it("answers another organization's room as not found, by its path and by the caller's own", async () => {
    const room = await createRoom(owner, { kind: 'lobby' });
    for (const path of [
      `/api/orgs/${orgId}/chat/rooms/${room.id}`,
      `/api/orgs/${stranger.user.orgId}/chat/rooms/${room.id}`,
      `/api/orgs/${stranger.user.orgId}/chat/rooms/${room.id}/messages`,
    ])
      expect((await api('GET', path, { token: stranger.token })).status, path).toBe(404);
  });
});

describe('rooms of a conference', () => {
  it('can only be bound to a conference of the organization', async () => {
    const response = await api('POST', `/api/orgs/${orgId}/chat/rooms`, {
      token: owner.token,
      body: { name: 'Ghost lobby', kind: 'lobby', conferenceId: '01JZZZZZZZZZZZZZZZZZZZZZZZ' },
    });
    expect(response.status).toBe(400);
    expect(response.json.errors).toEqual([
      { path: 'conferenceId', message: 'No such event in this organization' },
    ]);
  });

  it('take only people on the roster on their own; others of the organization by invitation', async () => {
    const conferenceId = await createConference();
    const room = await createRoom(owner, { kind: 'lobby', conferenceId });
    const client = await TestClient.connect(member.token);
    expect(await client.request('room.join', { roomId: room.id })).toMatchObject({
      type: 'error',
      code: 'forbidden',
      message: 'This event’s rooms are for its organizers, speakers and attendees',
    });
    const selfJoin = await api('POST', `/api/orgs/${orgId}/chat/rooms/${room.id}/members`, {
      token: member.token,
      body: { userId: member.user.id },
    });
    expect(selfJoin.status).toBe(403);
    const invited = await api('POST', `/api/orgs/${orgId}/chat/rooms/${room.id}/members`, {
      token: owner.token,
      body: { userId: member.user.id },
    });
    expect(invited.status).toBe(201);
    expect(await client.request('room.join', { roomId: room.id })).toMatchObject({ type: 'ack' });
    client.close();
  });

  it('keep people who did not list themselves in the event’s directory out of member lists and mentions', async () => {
    const conferenceId = await createConference();
    const room = await createRoom(owner, { kind: 'lobby', conferenceId, memberIds: [member.user.id] });
    const client = await joined(member, room.id);
    const members = await api('GET', `/api/orgs/${orgId}/chat/rooms/${room.id}/members`, {
      token: member.token,
    });
    expect(members.status).toBe(200);
    expect(members.json.items.map((m: { userId: string }) => m.userId)).toEqual([member.user.id]);
    expect(
      await client.request('room.send', { roomId: room.id, text: 'hi', mentions: [owner.user.id] }),
    ).toMatchObject({
      code: 'validation',
      fields: [{ path: 'mentions.0', message: 'Not a member of this room' }],
    });
    expect(await client.request('room.send', { roomId: room.id, text: 'hi all' })).toMatchObject({
      type: 'ack',
    });
    client.close();
  });

  it('refuse joining and posting while the conference’s chat is off', async () => {
    const conferenceId = await createConference({ networking: true, chat: false });
    const room = await createRoom(owner, { kind: 'lobby', conferenceId });
    const client = await TestClient.connect(owner.token);
    expect(await client.request('room.join', { roomId: room.id })).toMatchObject({
      code: 'forbidden',
      message: 'Chat is off for this event',
    });
    expect(await client.request('room.send', { roomId: room.id, text: 'anyone?' })).toMatchObject({
      code: 'forbidden',
    });
    client.close();
  });
});

describe('a private room', () => {
  it('cannot be seen, joined, read or written by a non-member, until invited', async () => {
    const room = await createRoom(owner, { kind: 'private' });
    const listed = await api('GET', `/api/orgs/${orgId}/chat/rooms?limit=100`, { token: member.token });
    expect(listed.json.items.map((r: { id: string }) => r.id)).not.toContain(room.id);
    expect(
      (await api('GET', `/api/orgs/${orgId}/chat/rooms/${room.id}/messages`, { token: member.token })).status,
    ).toBe(404);

    const client = await TestClient.connect(member.token);
    expect(await client.request('room.join', { roomId: room.id })).toMatchObject({
      type: 'error',
      code: 'not-found',
    });
    expect(await client.request('room.send', { roomId: room.id, text: 'let me in' })).toMatchObject({
      code: 'not-found',
    });
    const selfInvite = await api('POST', `/api/orgs/${orgId}/chat/rooms/${room.id}/members`, {
      token: member.token,
      body: { userId: member.user.id },
    });
    expect(selfInvite.status).toBe(404);

    const invited = await api('POST', `/api/orgs/${orgId}/chat/rooms/${room.id}/members`, {
      token: owner.token,
      body: { userId: member.user.id },
    });
    expect(invited.status).toBe(201);
    expect(await client.request('room.join', { roomId: room.id })).toMatchObject({ type: 'ack' });
    client.close();
  });

  it('stops reaching a removed member at once, even on a connection still open', async () => {
    const room = await createRoom(owner, { kind: 'private', memberIds: [member.user.id] });
    const [author, removed] = await Promise.all([joined(owner, room.id), joined(member, room.id)]);
    const removal = await api(
      'DELETE',
      `/api/orgs/${orgId}/chat/rooms/${room.id}/members/${member.user.id}`,
      {
        token: owner.token,
      },
    );
    expect(removal.status).toBe(204);
    await author.request('room.send', { roomId: room.id, text: 'after the removal' });
    await author.next(isMessage('after the removal'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(removed.frames.filter(isMessage('after the removal'))).toEqual([]);
    author.close();
    removed.close();
  });
});

describe('messages in a room', () => {
  it('reach every connection in the room, emoji and all, counted in characters', async () => {
    const room = await createRoom(owner, { kind: 'lobby' });
    const [author, reader] = await Promise.all([joined(owner, room.id), joined(member, room.id)]);
    const text = `${'👋'.repeat(3999)}!`;
    const ack = await author.request('room.send', { roomId: room.id, text });
    expect(ack).toMatchObject({ type: 'ack', action: 'room.send', data: { text, authorId: owner.user.id } });
    const delivered = await reader.next(isMessage(text));
    expect(delivered.message.id).toBe(ack.data.id);
    await author.next(isMessage(text));
    author.close();
    reader.close();
  });

  it('refuses text that is too long, a lone surrogate, NUL, or mentions of non-members', async () => {
    const room = await createRoom(owner, { kind: 'lobby' });
    const author = await joined(owner, room.id);
    const refusals = [
      { text: 'x'.repeat(4001) },
      { text: 'broken \ud800 pair' },
      { text: 'nul \u0000 here' },
      { text: '   ' },
      { text: 'hi', mentions: [stranger.user.id] },
    ];
    for (const payload of refusals) {
      const reply = await author.request('room.send', { roomId: room.id, ...payload });
      expect(reply, JSON.stringify(payload).slice(0, 40)).toMatchObject({
        type: 'error',
        code: 'validation',
      });
    }
    const mention = await author.request('room.send', {
      roomId: room.id,
      text: 'hi',
      mentions: [stranger.user.id],
    });
    expect(mention.fields).toEqual([{ path: 'mentions.0', message: 'Not a member of this room' }]);
    author.close();
  });

  it('mentions members, and shows the markup of a message as the text it is', async () => {
    const room = await createRoom(owner, { kind: 'lobby' });
    const [author, reader] = await Promise.all([joined(owner, room.id), joined(member, room.id)]);
    const text = '<img src=x onerror=alert(1)> @Max';
    const ack = await author.request('room.send', { roomId: room.id, text, mentions: [member.user.id] });
    expect(ack.data).toMatchObject({ text, mentions: [member.user.id] });
    expect((await reader.next(isMessage(text))).message.mentions).toEqual([member.user.id]);
    author.close();
    reader.close();
  });

  it('lets only the author edit and delete, and tells every connection', async () => {
    const room = await createRoom(owner, { kind: 'lobby' });
    const [author, other] = await Promise.all([joined(owner, room.id), joined(member, room.id)]);
    const sent = (await author.request('room.send', { roomId: room.id, text: 'first draft' })).data;

    for (const [action, extra] of [
      ['room.edit', { text: 'hijacked' }],
      ['room.delete', {}],
    ] as const)
      expect(await other.request(action, { roomId: room.id, messageId: sent.id, ...extra })).toMatchObject({
        type: 'error',
        code: 'forbidden',
      });

    const edited = await author.request('room.edit', { roomId: room.id, messageId: sent.id, text: 'final' });
    expect(edited.data).toMatchObject({ id: sent.id, text: 'final' });
    expect(edited.data.editedAt).not.toBeNull();
    await other.next((frame) => frame.type === 'room.message-edited' && frame.message.text === 'final');

    expect(await author.request('room.delete', { roomId: room.id, messageId: sent.id })).toMatchObject({
      type: 'ack',
    });
    await other.next((frame) => frame.type === 'room.message-deleted' && frame.messageId === sent.id);
    expect(
      await author.request('room.edit', { roomId: room.id, messageId: sent.id, text: 'again' }),
    ).toMatchObject({
      code: 'not-found',
    });

    const history = await api('GET', `/api/orgs/${orgId}/chat/rooms/${room.id}/messages`, {
      token: member.token,
    });
    expect(history.json.items[0]).toMatchObject({ id: sent.id, text: '', deletedAt: expect.any(String) });
    author.close();
    other.close();
  });

  it('limits a person to five messages in five seconds per room, with a retry-after', async () => {
    const room = await createRoom(owner, { kind: 'lobby' });
    const author = await joined(owner, room.id);
    // Eleven within one or two fixed windows: at least one must be refused whatever the boundary.
    const replies = await Promise.all(
      Array.from({ length: 11 }, (_, index) =>
        author.request('room.send', { roomId: room.id, text: `m${index}` }),
      ),
    );
    const refused = replies.filter((reply) => reply.type === 'error');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]).toMatchObject({ code: 'rate-limited', retryAfter: expect.any(Number) });
    expect(replies.filter((reply) => reply.type === 'ack').length).toBeLessThanOrEqual(10);

    const elsewhere = await createRoom(owner, { kind: 'lobby' });
    expect(await author.request('room.join', { roomId: elsewhere.id })).toMatchObject({ type: 'ack' });
    expect(await author.request('room.send', { roomId: elsewhere.id, text: 'another room' })).toMatchObject({
      type: 'ack',
    });
    author.close();
  });

  it('pages history backwards with an opaque cursor', async () => {
    const room = await createRoom(owner, { kind: 'lobby' });
    const author = await joined(owner, room.id);
    for (const text of ['one', 'two', 'three'])
      expect(await author.request('room.send', { roomId: room.id, text })).toMatchObject({ type: 'ack' });
    const path = `/api/orgs/${orgId}/chat/rooms/${room.id}/messages?limit=2`;
    const first = await api('GET', path, { token: owner.token });
    expect(first.json.items.map((m: { text: string }) => m.text)).toEqual(['three', 'two']);
    const second = await api('GET', `${path}&cursor=${first.json.nextCursor}`, { token: owner.token });
    expect(second.json.items.map((m: { text: string }) => m.text)).toEqual(['one']);
    author.close();
  });
});

describe('a reconnecting client', () => {
  it('catches up from the last message it saw, bounded, with more signalled', async () => {
    const room = await createRoom(owner, { kind: 'lobby' });
    const [author, reader] = await Promise.all([joined(owner, room.id), joined(member, room.id)]);
    await author.request('room.send', { roomId: room.id, text: 'seen' });
    const lastSeen = (await reader.next(isMessage('seen'))).message.id;
    reader.close();
    for (const text of ['missed 1', 'missed 2', 'missed 3'])
      expect(await author.request('room.send', { roomId: room.id, text })).toMatchObject({ type: 'ack' });

    const back = await joined(member, room.id);
    const all = await back.request('room.catch-up', { roomId: room.id, after: lastSeen });
    expect(all.data.messages.map((m: { text: string }) => m.text)).toEqual([
      'missed 1',
      'missed 2',
      'missed 3',
    ]);
    expect(all.data.more).toBe(false);
    const some = await back.request('room.catch-up', { roomId: room.id, after: lastSeen, limit: 2 });
    expect(some.data.messages).toHaveLength(2);
    expect(some.data.more).toBe(true);
    author.close();
    back.close();
  });
});

describe('fan-out', () => {
  it('removes a stale connection (410) while the others still receive', async () => {
    const room = await createRoom(owner, { kind: 'lobby' });
    const [author, reader] = await Promise.all([joined(owner, room.id), joined(member, room.id)]);
    // A connection whose $disconnect never arrived: still subscribed, long gone at the gateway.
    const stale = `stale${uniqueSuffix()}`;
    const topic = chatKeys.topic(orgId, room.id);
    const subscription = realtimeKeys.subscription(topic, shardOf(stale), stale);
    await putItem({
      ...subscription,
      connectionId: stale,
      userId: member.user.id,
      ttl: Math.floor(Date.now() / 1000) + 600,
    });
    await table().send(
      new UpdateCommand({
        TableName: 'portico',
        Key: chatKeys.room(orgId, room.id),
        UpdateExpression: 'ADD shards :shard',
        ExpressionAttributeValues: { ':shard': new Set([shardOf(stale)]) },
      }),
    );

    await author.request('room.send', { roomId: room.id, text: 'still here?' });
    await reader.next(isMessage('still here?'));
    await author.next(isMessage('still here?'));
    await expect.poll(() => getItem(subscription), { timeout: 5000 }).toBeUndefined();
    expect(author.socket.readyState).toBe(author.socket.OPEN);
    author.close();
    reader.close();
  });

  it('stops delivering to a connection that left the room', async () => {
    const room = await createRoom(owner, { kind: 'lobby' });
    const [author, leaver] = await Promise.all([joined(owner, room.id), joined(member, room.id)]);
    expect(await leaver.request('room.leave', { roomId: room.id })).toMatchObject({ type: 'ack' });
    await author.request('room.send', { roomId: room.id, text: 'after leaving' });
    await author.next(isMessage('after leaving'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(leaver.frames.filter(isMessage('after leaving'))).toEqual([]);
    author.close();
    leaver.close();
  });
});

describe('unread counts and presence', () => {
  it('counts unread messages per member until they mark one read', async () => {
    const room = await createRoom(owner, { kind: 'lobby' });
    const reader = await joined(member, room.id);
    const author = await joined(owner, room.id);
    let last = '';
    for (const text of ['a', 'b'])
      last = (await author.request('room.send', { roomId: room.id, text })).data.id;
    const before = await api('GET', `/api/orgs/${orgId}/chat/rooms/${room.id}`, { token: member.token });
    expect(before.json.unread).toBe(2);
    expect(await reader.request('room.read', { roomId: room.id, messageId: last })).toMatchObject({
      data: { unread: 0 },
    });
    const after = await api('GET', `/api/orgs/${orgId}/chat/rooms/${room.id}`, { token: member.token });
    expect(after.json.unread).toBe(0);
    author.close();
    reader.close();
  });

  it('shows who is online or away in the member sidebar after a heartbeat', async () => {
    const room = await createRoom(owner, { kind: 'lobby' });
    const away = await joined(member, room.id);
    const online = await joined(owner, room.id);
    const beat = await away.request('presence.heartbeat', { status: 'away' });
    expect(beat.data.online).toEqual({ [room.id]: expect.any(Number) });
    await online.request('presence.heartbeat', { status: 'online' });
    const members = await api('GET', `/api/orgs/${orgId}/chat/rooms/${room.id}/members`, {
      token: owner.token,
    });
    const presence = Object.fromEntries(
      members.json.items.map((m: { userId: string; presence: string }) => [m.userId, m.presence]),
    );
    expect(presence).toEqual({ [owner.user.id]: 'online', [member.user.id]: 'away' });
    away.close();
    online.close();
  });

  it('counts a person offline once their presence lapsed, although DynamoDB Local keeps the item', async () => {
    const room = await createRoom(owner, { kind: 'lobby' });
    const client = await joined(member, room.id);
    await putItem({
      ...realtimeKeys.presence(orgId, member.user.id),
      status: 'online',
      seenAt: new Date(Date.now() - 70_000).toISOString(),
      ttl: Math.floor(Date.now() / 1000) - 1,
    });
    const members = await api('GET', `/api/orgs/${orgId}/chat/rooms/${room.id}/members`, {
      token: member.token,
    });
    expect(members.json.items).toContainEqual(
      expect.objectContaining({ userId: member.user.id, presence: 'offline' }),
    );
    client.close();
  });
});
