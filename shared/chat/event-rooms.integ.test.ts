import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { api, type Session, signInAs, uniqueSuffix } from '../../test/integ/api';
import { createConferenceAs, registerGuest } from '../../test/integ/conferences';
import { type Frame, getItem, TestClient, table } from '../../test/integ/ws';
import { realtimeKeys } from '../db/keys';

/**
 * Who takes part in an event's rooms over real WebSocket connections: the organization's owner and the
 * operator's admins by the policy that lets them manage the event, roster or not; guests on the roster of
 * an event of another organization, in that event's rooms only; and nobody else learning that a room
 * exists.
 */
let owner: Session; // brightside-plumbing, on no roster: owners organize every event of their organization
let member: Session; // brightside-plumbing, on no roster
let admin: Session; // the operator's admin, of no organization
let stranger: Session; // northwind-events
let orgId: string;

beforeAll(async () => {
  [owner, member, admin, stranger] = await Promise.all([
    signInAs('owner', 'brightside-plumbing'),
    signInAs('member', 'brightside-plumbing'),
    signInAs('admin'),
    signInAs('owner', 'northwind-events'),
  ]);
  orgId = owner.user.orgId!;
});

const createRoom = async (session: Session, body: Record<string, unknown>) => {
  const response = await api('POST', `/api/orgs/${orgId}/chat/rooms`, {
    token: session.token,
    body: { name: `Room ${uniqueSuffix()}`, ...body },
  });
  expect(response.status, response.text).toBe(201);
  return response.json as { id: string };
};

const isMessage = (text: string) => (frame: Frame) =>
  frame.type === 'room.message' && frame.message.text === text;

describe('the organization’s owner and the operator’s admins', () => {
  it('join an event’s lobby without a role on its roster, and post in it', async () => {
    const { id: conferenceId } = await createConferenceAs(owner, { name: `Guest Summit ${uniqueSuffix()}` });
    const byAdmin = await createRoom(admin, { kind: 'lobby', conferenceId });
    const byOwner = await createRoom(owner, { kind: 'lobby', conferenceId });

    const ownerSocket = await TestClient.connect(owner.token);
    expect(await ownerSocket.request('room.join', { roomId: byAdmin.id })).toMatchObject({
      type: 'ack',
      data: { roomId: byAdmin.id },
    });
    const adminSocket = await TestClient.connect(admin.token);
    // An admin's connection belongs to no organization: the frame names the room's.
    expect(await adminSocket.request('room.join', { roomId: byOwner.id })).toMatchObject({
      code: 'not-found',
    });
    expect(await adminSocket.request('room.join', { orgId, roomId: byOwner.id })).toMatchObject({
      type: 'ack',
    });
    expect(await ownerSocket.request('room.join', { roomId: byOwner.id })).toMatchObject({ type: 'ack' });
    expect(
      await adminSocket.request('room.send', { orgId, roomId: byOwner.id, text: 'Welcome, everyone' }),
    ).toMatchObject({ type: 'ack', data: { authorId: admin.user.id } });
    await ownerSocket.next(isMessage('Welcome, everyone'));

    const members = await api('GET', `/api/orgs/${orgId}/chat/rooms/${byAdmin.id}`, { token: owner.token });
    expect(members.json).toMatchObject({ isMember: true });

    // Their own people without a role still may not, nor may anyone of another organization.
    const memberSocket = await TestClient.connect(member.token);
    expect(await memberSocket.request('room.join', { roomId: byOwner.id })).toMatchObject({
      code: 'forbidden',
    });
    const strangerSocket = await TestClient.connect(stranger.token);
    expect(await strangerSocket.request('room.join', { orgId, roomId: byOwner.id })).toMatchObject({
      code: 'not-found',
    });
    for (const socket of [ownerSocket, adminSocket, memberSocket, strangerSocket]) socket.close();
  });
});

describe('a guest attending another organization’s event', () => {
  let conferenceId: string;
  let otherConferenceId: string;
  let lobby: { id: string };
  let guest: Session;

  beforeAll(async () => {
    [conferenceId, otherConferenceId] = await Promise.all([
      createConferenceAs(owner, { name: `Guest Summit ${uniqueSuffix()}` }).then(({ id }) => id),
      createConferenceAs(owner, { name: `Guest Summit ${uniqueSuffix()}` }).then(({ id }) => id),
    ]);
    lobby = await createRoom(owner, { kind: 'lobby', conferenceId });
    guest = await registerGuest(owner, conferenceId, 'Gus');
    expect(guest.user.orgId).toBeNull();
  });

  it('joins, reads and sends in the event’s rooms, named with the event’s organization', async () => {
    const ownerSocket = await TestClient.connect(owner.token);
    expect(await ownerSocket.request('room.join', { roomId: lobby.id })).toMatchObject({ type: 'ack' });
    const first = await ownerSocket.request('room.send', { roomId: lobby.id, text: 'Doors open at nine' });
    expect(first).toMatchObject({ type: 'ack' });

    const guestSocket = await TestClient.connect(guest.token);
    expect(await guestSocket.request('room.join', { roomId: lobby.id })).toMatchObject({
      code: 'not-found',
    });
    expect(await guestSocket.request('room.join', { orgId, roomId: lobby.id })).toMatchObject({
      type: 'ack',
      data: { roomId: lobby.id, lastMessageId: first.data.id },
    });
    const sent = await guestSocket.request('room.send', { orgId, roomId: lobby.id, text: 'Hello from Gus' });
    expect(sent).toMatchObject({ type: 'ack', data: { authorId: guest.user.id } });
    await ownerSocket.next(isMessage('Hello from Gus'));

    expect(await ownerSocket.request('room.send', { roomId: lobby.id, text: 'Hi Gus' })).toMatchObject({
      type: 'ack',
    });
    await guestSocket.next(isMessage('Hi Gus'));
    const caught = await guestSocket.request('room.catch-up', {
      orgId,
      roomId: lobby.id,
      after: first.data.id,
    });
    expect(caught.data.messages.map((message: { text: string }) => message.text)).toEqual([
      'Hello from Gus',
      'Hi Gus',
    ]);
    // Without HTTP history of another organization's rooms, the newest messages come over the socket.
    const newest = await guestSocket.request('room.catch-up', { orgId, roomId: lobby.id, limit: 2 });
    expect(newest.data).toMatchObject({
      messages: [{ text: 'Hello from Gus' }, { text: 'Hi Gus' }],
      more: true,
    });
    const all = await guestSocket.request('room.catch-up', { orgId, roomId: lobby.id, limit: 3 });
    expect(all.data.messages.map((message: { text: string }) => message.text)).toEqual([
      'Doors open at nine',
      'Hello from Gus',
      'Hi Gus',
    ]);
    expect(all.data.more).toBe(false);
    expect(
      await guestSocket.request('room.read', { orgId, roomId: lobby.id, messageId: sent.data.id }),
    ).toMatchObject({ type: 'ack', data: { unread: 0 } });
    expect(
      await guestSocket.request('room.edit', {
        orgId,
        roomId: lobby.id,
        messageId: sent.data.id,
        text: 'Hello from Gus!',
      }),
    ).toMatchObject({ type: 'ack', data: { text: 'Hello from Gus!' } });
    expect(await guestSocket.request('room.leave', { orgId, roomId: lobby.id })).toMatchObject({
      type: 'ack',
    });
    guestSocket.close();
    ownerSocket.close();
  });

  it('learns nothing of another event’s rooms or of the organization’s other rooms', async () => {
    const elsewhere = await createRoom(owner, { kind: 'lobby', conferenceId: otherConferenceId });
    const plain = await createRoom(owner, { kind: 'lobby' });
    const secret = await createRoom(owner, { kind: 'private' });
    const socket = await TestClient.connect(guest.token);
    for (const room of [elsewhere, plain, secret]) {
      for (const [action, payload] of [
        ['room.join', {}],
        ['room.send', { text: 'let me in' }],
        ['room.catch-up', { after: room.id }],
      ] as const)
        expect(await socket.request(action, { orgId, roomId: room.id, ...payload }), action).toMatchObject({
          type: 'error',
          code: 'not-found',
          message: 'No such room',
        });
    }
    // The same answer as a room that does not exist at all, and as the room under another organization.
    expect(await socket.request('room.join', { orgId, roomId: '01JZZZZZZZZZZZZZZZZZZZZZZZ' })).toMatchObject({
      code: 'not-found',
      message: 'No such room',
    });
    expect(await socket.request('room.join', { orgId: stranger.user.orgId, roomId: lobby.id })).toMatchObject(
      { code: 'not-found', message: 'No such room' },
    );
    socket.close();
  });

  it('is muted and banned by the event’s moderators like anyone of the organization', async () => {
    const gail = await registerGuest(owner, conferenceId, 'Gail');
    const socket = await TestClient.connect(gail.token);
    expect(await socket.request('room.join', { orgId, roomId: lobby.id })).toMatchObject({ type: 'ack' });
    const chat = `/api/orgs/${orgId}/conferences/${conferenceId}/chat`;
    const muted = await api('POST', `${chat}/mutes`, {
      token: owner.token,
      body: { userId: gail.user.id, roomId: null, minutes: 10 },
    });
    expect(muted.status, muted.text).toBe(201);
    expect(await socket.request('room.send', { orgId, roomId: lobby.id, text: 'shouting' })).toMatchObject({
      code: 'forbidden',
      message: expect.stringMatching(/^You are muted in this event's rooms until/),
    });

    const banned = await api('PUT', `${chat}/bans/${gail.user.id}`, { token: owner.token, body: {} });
    expect(banned.status, banned.text).toBe(200);
    // Her open connection, made outside the organization, was taken out of the event's room at once.
    const entries = await table().send(
      new QueryCommand({
        TableName: 'portico',
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': realtimeKeys.userConnectionsPartition(orgId, gail.user.id) },
      }),
    );
    expect(entries.Items).toHaveLength(1);
    const connection = await getItem(realtimeKeys.connection(String(entries.Items![0]!.connectionId)));
    expect(connection?.topics).toEqual({});
    expect(await socket.request('room.join', { orgId, roomId: lobby.id })).toMatchObject({
      code: 'forbidden',
      message: "You are banned from this event's chat",
    });
    socket.close();
  });

  it('loses the event’s rooms once taken off its roster', async () => {
    const guestToo = await registerGuest(owner, conferenceId, 'Gwen');
    const socket = await TestClient.connect(guestToo.token);
    expect(await socket.request('room.join', { orgId, roomId: lobby.id })).toMatchObject({ type: 'ack' });
    const removed = await api(
      'DELETE',
      `/api/orgs/${orgId}/conferences/${conferenceId}/attendees/${guestToo.user.id}`,
      { token: owner.token },
    );
    expect(removed.status, removed.text).toBe(204);
    expect(await socket.request('room.send', { orgId, roomId: lobby.id, text: 'still here?' })).toMatchObject(
      {
        code: 'not-found',
      },
    );
    socket.close();
  });
});
