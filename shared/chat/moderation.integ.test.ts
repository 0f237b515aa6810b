import { beforeAll, describe, expect, it } from 'vitest';
import { api, type Session, signInAs, stack, uniqueSuffix } from '../../test/integ/api';
import { type Frame, TestClient } from '../../test/integ/ws';

/**
 * Moderation of an event's chat through the local cloud, with real WebSocket clients: the owner of
 * Brightside Plumbing organizes the event, its member attends it, Northwind's owner is a stranger.
 */
let owner: Session;
let member: Session;
let stranger: Session;
let orgId: string;
let conferenceId: string;

const chat = (rest: string, conference = conferenceId, org = orgId) =>
  `/api/orgs/${org}/conferences/${conference}/chat${rest}`;

const createConference = async () => {
  const response = await api('POST', `/api/orgs/${orgId}/conferences`, {
    token: owner.token,
    body: {
      name: `Moderated ${uniqueSuffix()}`,
      startDate: '2027-06-01',
      endDate: '2027-06-02',
      timeZone: 'UTC',
      privacy: 'unlisted',
    },
  });
  expect(response.status, response.text).toBe(201);
  const id = response.json.id as string;
  // Rooms of an event take the people on its roster: the member attends.
  const added = await api('POST', `/api/orgs/${orgId}/conferences/${id}/attendees`, {
    token: owner.token,
    body: { email: member.user.email, name: 'Morgan Member' },
  });
  expect(added.status, added.text).toBe(201);
  return id;
};

const createRoom = async (conference = conferenceId) => {
  const response = await api('POST', `/api/orgs/${orgId}/chat/rooms`, {
    token: owner.token,
    body: { name: `Hall ${uniqueSuffix()}`, kind: 'lobby', conferenceId: conference },
  });
  expect(response.status, response.text).toBe(201);
  return response.json.id as string;
};

const joined = async (session: Session, ...roomIds: string[]) => {
  const client = await TestClient.connect(session.token);
  for (const roomId of roomIds)
    expect(await client.request('room.join', { roomId }), 'join').toMatchObject({ type: 'ack' });
  return client;
};

const send = (client: TestClient, roomId: string, text: string) =>
  client.request('room.send', { roomId, text });

const sent = async (client: TestClient, roomId: string, text: string) => {
  const answer = await send(client, roomId, text);
  expect(answer, text).toMatchObject({ type: 'ack' });
  return answer.data.id as string;
};

const moveClock = async (seconds: number) => {
  const response = await fetch(`${stack().url}/_local/clock`, {
    method: 'POST',
    body: JSON.stringify({ advanceSeconds: seconds }),
  });
  expect(response.ok).toBe(true);
};

const isDeleted = (messageId: string) => (frame: Frame) =>
  frame.type === 'room.message-deleted' && frame.messageId === messageId;

beforeAll(async () => {
  owner = await signInAs('owner', 'brightside-plumbing');
  member = await signInAs('member', 'brightside-plumbing');
  stranger = await signInAs('owner', 'northwind-events');
  orgId = owner.user.orgId!;
  conferenceId = await createConference();
});

describe('reporting a message', () => {
  it('puts it into the organizers’ queue once, where it is resolved and leaves the open list', async () => {
    const roomId = await createRoom();
    const [author, reporter] = await Promise.all([joined(owner, roomId), joined(member, roomId)]);
    const messageId = await sent(author, roomId, 'Buy cheap watches <a href="x">here</a>');

    const report = await reporter.request('room.report', {
      roomId,
      messageId,
      reason: 'spam',
      note: 'Third time today.\r\nPlease act.',
    });
    expect(report, report.message).toMatchObject({ type: 'ack', data: { reportId: expect.any(String) } });
    expect(await reporter.request('room.report', { roomId, messageId, reason: 'spam' })).toMatchObject({
      type: 'error',
      code: 'conflict',
    });
    expect(await author.request('room.report', { roomId, messageId, reason: 'spam' })).toMatchObject({
      code: 'validation',
      fields: [{ path: 'messageId' }],
    });
    expect(
      await reporter.request('room.report', { roomId, messageId, reason: 'spam', note: 'bad \u0000 byte' }),
    ).toMatchObject({ code: 'validation', fields: [{ path: 'note' }] });

    const queue = await api('GET', chat('/reports'), { token: owner.token });
    expect(queue.status, queue.text).toBe(200);
    const queued = queue.json.items.find((item: Frame) => item.id === report.data.reportId);
    expect(queued).toMatchObject({
      roomId,
      messageId,
      messageText: 'Buy cheap watches <a href="x">here</a>',
      authorId: owner.user.id,
      reporterId: member.user.id,
      reason: 'spam',
      note: 'Third time today.\nPlease act.',
      status: 'open',
    });

    const decided = await api('POST', chat(`/reports/${report.data.reportId}/decision`), {
      token: owner.token,
      body: { decision: 'resolved' },
    });
    expect(decided.json).toMatchObject({ status: 'resolved', decidedBy: owner.user.id });
    const again = await api('POST', chat(`/reports/${report.data.reportId}/decision`), {
      token: owner.token,
      body: { decision: 'dismissed' },
    });
    expect(again.status).toBe(409);
    const open = await api('GET', chat('/reports'), { token: owner.token });
    expect(open.json.items.map((item: Frame) => item.id)).not.toContain(report.data.reportId);
    const all = await api('GET', chat('/reports?status=all'), { token: owner.token });
    expect(all.json.items.map((item: Frame) => item.id)).toContain(report.data.reportId);
    author.close();
    reporter.close();
  });
});

describe("an organizer's delete", () => {
  it('takes anyone’s message off both connected screens, and is refused to a non-organizer', async () => {
    const roomId = await createRoom();
    const [organizer, attendee] = await Promise.all([joined(owner, roomId), joined(member, roomId)]);
    const messageId = await sent(attendee, roomId, 'Something regrettable');
    await organizer.next((frame) => frame.type === 'room.message' && frame.message.id === messageId);

    const refused = await api('DELETE', chat(`/rooms/${roomId}/messages/${messageId}`), {
      token: member.token,
    });
    expect(refused.status).toBe(403);
    const deleted = await api('DELETE', chat(`/rooms/${roomId}/messages/${messageId}`), {
      token: owner.token,
    });
    expect(deleted.status, deleted.text).toBe(204);
    await Promise.all([organizer.next(isDeleted(messageId)), attendee.next(isDeleted(messageId))]);

    const history = await api('GET', `/api/orgs/${orgId}/chat/rooms/${roomId}/messages`, {
      token: member.token,
    });
    expect(history.json.items.find((m: Frame) => m.id === messageId)).toMatchObject({
      text: '',
      deletedAt: expect.any(String),
    });
    const twice = await api('DELETE', chat(`/rooms/${roomId}/messages/${messageId}`), { token: owner.token });
    expect(twice.status).toBe(404);
    organizer.close();
    attendee.close();
  });
});

describe('muting', () => {
  it('silences a person in one room, or in every room of the event, until lifted', async () => {
    const [hall, lounge] = [await createRoom(), await createRoom()];
    const attendee = await joined(member, hall, lounge);
    const earlier = await sent(attendee, hall, 'Before the mute');

    const muted = await api('POST', chat('/mutes'), {
      token: owner.token,
      body: { userId: member.user.id, roomId: hall, minutes: 10, reason: 'Cool down' },
    });
    expect(muted.status, muted.text).toBe(201);
    expect(muted.json).toMatchObject({ kind: 'mute', roomId: hall, name: expect.any(String) });
    expect(
      await attendee.request('room.edit', { roomId: hall, messageId: earlier, text: 'Edited while muted' }),
    ).toMatchObject({ code: 'forbidden' });
    const refused = await send(attendee, hall, 'Am I heard?');
    expect(refused).toMatchObject({ type: 'error', code: 'forbidden' });
    expect(refused.message).toMatch(/^You are muted in this room until \d\d:\d\d UTC$/);
    await sent(attendee, lounge, 'Still heard here');

    await api('POST', chat('/mutes'), {
      token: owner.token,
      body: { userId: member.user.id, minutes: 5 },
    });
    expect((await send(attendee, lounge, 'And here?')).message).toMatch(/muted in this event's rooms/);
    const restrictions = await api('GET', chat('/restrictions'), { token: owner.token });
    expect(restrictions.json.items.filter((r: Frame) => r.userId === member.user.id)).toHaveLength(2);

    expect((await api('DELETE', chat(`/mutes/${member.user.id}`), { token: owner.token })).status).toBe(204);
    await sent(attendee, lounge, 'Back in the lounge');
    expect((await send(attendee, hall, 'Hall still muted')).code).toBe('forbidden');
    await api('DELETE', chat(`/mutes/${member.user.id}?roomId=${hall}`), { token: owner.token });
    await sent(attendee, hall, 'Back in the hall');
    attendee.close();
  });

  it('refuses a mute of oneself, of a stranger and for longer than a week, naming the field', async () => {
    for (const [body, path] of [
      [{ userId: owner.user.id, minutes: 5 }, 'userId'],
      [{ userId: stranger.user.id, minutes: 5 }, 'userId'],
      [{ userId: member.user.id, minutes: 7 * 24 * 60 + 1 }, 'minutes'],
      [{ userId: member.user.id, minutes: 5, reason: 'x\uD800' }, 'reason'],
    ] as const) {
      const response = await api('POST', chat('/mutes'), { token: owner.token, body });
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.json.errors[0].path).toBe(path);
    }
  });
});

describe('a ban', () => {
  it("keeps a person out of the event's rooms, stops what reached them, and can be lifted", async () => {
    const roomId = await createRoom();
    const [organizer, attendee] = await Promise.all([joined(owner, roomId), joined(member, roomId)]);
    const banned = await api('PUT', chat(`/bans/${member.user.id}`), {
      token: owner.token,
      body: { reason: 'Repeated harassment' },
    });
    expect(banned.status, banned.text).toBe(200);
    expect(banned.json).toMatchObject({ kind: 'ban', until: null });

    const refused = await send(attendee, roomId, 'Let me talk');
    expect(refused).toMatchObject({ code: 'forbidden', message: "You are banned from this event's chat" });
    expect(await attendee.request('room.join', { roomId: await createRoom() })).toMatchObject({
      code: 'forbidden',
    });
    const afterBan = await sent(organizer, roomId, 'Carry on, everyone');
    await organizer.next((frame) => frame.type === 'room.message' && frame.message.id === afterBan);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(attendee.frames.some((frame) => frame.message?.id === afterBan)).toBe(false);

    // Another event of the organization is not affected.
    const otherRoom = await createRoom(await createConference());
    await attendee.request('room.join', { roomId: otherRoom });
    await sent(attendee, otherRoom, 'Fine over here');

    expect((await api('DELETE', chat(`/bans/${member.user.id}`), { token: owner.token })).status).toBe(204);
    expect(await attendee.request('room.join', { roomId })).toMatchObject({ type: 'ack' });
    await sent(attendee, roomId, 'Thanks for lifting it');
    organizer.close();
    attendee.close();
  });
});

describe('slow mode', () => {
  it('lets one message per person through every N seconds and says when to retry', async () => {
    const roomId = await createRoom();
    const slowed = await api('PUT', chat(`/rooms/${roomId}/slow-mode`), {
      token: owner.token,
      body: { seconds: 30 },
    });
    expect(slowed.json).toEqual({ roomId, slowModeSeconds: 30 });
    const room = await api('GET', `/api/orgs/${orgId}/chat/rooms/${roomId}`, { token: member.token });
    expect(room.json.slowModeSeconds).toBe(30);

    const [attendee, organizer] = await Promise.all([joined(member, roomId), joined(owner, roomId)]);
    await sent(attendee, roomId, 'First');
    const refused = await send(attendee, roomId, 'Second, too soon');
    expect(refused).toMatchObject({ type: 'error', code: 'rate-limited', retryAfter: 30 });
    expect(refused.message).toBe('Slow mode: one message every 30 seconds; try again in 30 s');
    await sent(organizer, roomId, 'Someone else may still speak');

    await moveClock(20);
    expect(await send(attendee, roomId, 'Still too soon')).toMatchObject({ retryAfter: 10 });
    await moveClock(10);
    await sent(attendee, roomId, 'Second, in time');

    await api('PUT', chat(`/rooms/${roomId}/slow-mode`), { token: owner.token, body: { seconds: 0 } });
    await sent(attendee, roomId, 'Third, slow mode off');
    attendee.close();
    organizer.close();
  });
});

describe('limits on sending', () => {
  it('refuses the sixth message in five seconds with a retry time', async () => {
    const roomId = await createRoom();
    const attendee = await joined(member, roomId);
    for (let n = 1; n <= 5; n++) await sent(attendee, roomId, `Burst ${n}`);
    const refused = await send(attendee, roomId, 'Burst 6');
    expect(refused).toMatchObject({ code: 'rate-limited', retryAfter: expect.any(Number) });
    expect(refused.message).toMatch(/^At most 5 messages in 5 seconds; try again in \d+ s$/);
    attendee.close();
  });

  it('refuses a message over 4,000 characters, saying so for the field', async () => {
    const roomId = await createRoom();
    const attendee = await joined(member, roomId);
    const refused = await send(attendee, roomId, '😀'.repeat(4001));
    expect(refused).toMatchObject({
      code: 'validation',
      fields: [{ path: 'text', message: 'At most 4000 characters' }],
    });
    await sent(attendee, roomId, '😀'.repeat(4000));
    attendee.close();
  });
});

describe('who may moderate', () => {
  it('answers a non-organizer 403 on every moderation route, and a stranger 404', async () => {
    const roomId = await createRoom();
    const routes: [string, string, unknown?][] = [
      ['GET', chat('/reports')],
      ['GET', chat('/restrictions')],
      ['POST', chat('/mutes'), { userId: owner.user.id, minutes: 5 }],
      ['PUT', chat(`/bans/${owner.user.id}`), {}],
      ['PUT', chat(`/rooms/${roomId}/slow-mode`), { seconds: 5 }],
      ['DELETE', chat(`/rooms/${roomId}/messages/${roomId}`)],
    ];
    for (const [method, path, body] of routes) {
      expect((await api(method, path, { token: member.token, body })).status, `${method} ${path}`).toBe(403);
      expect((await api(method, path, { token: stranger.token, body })).status, `${method} ${path}`).toBe(
        404,
      );
    }
  });

  it('finds no room of another event, no conference of another organization, no unknown message', async () => {
    const otherConference = await createConference();
    const foreignRoom = await createRoom(otherConference);
    const roomId = await createRoom();
    const attendee = await joined(member, roomId);
    const messageId = await sent(attendee, roomId, 'Mine');
    for (const [method, path, body] of [
      ['PUT', chat(`/rooms/${foreignRoom}/slow-mode`), { seconds: 5 }],
      ['DELETE', chat(`/rooms/${foreignRoom}/messages/${messageId}`)],
      ['DELETE', chat(`/rooms/${roomId}/messages/${foreignRoom}`)],
      ['POST', chat('/mutes'), { userId: member.user.id, roomId: foreignRoom, minutes: 5 }],
      ['POST', chat(`/reports/${foreignRoom}/decision`), { decision: 'dismissed' }],
      ['GET', chat('/reports', conferenceId, stranger.user.orgId!)],
    ] as const) {
      const response = await api(method, path, { token: owner.token, body });
      expect(response.status, `${method} ${path}`).toBe(404);
    }
    const strangerConference = await api('GET', chat('/reports', conferenceId, stranger.user.orgId!), {
      token: stranger.token,
    });
    expect(strangerConference.status).toBe(404);
    expect(
      await attendee.request('room.report', { roomId: foreignRoom, messageId, reason: 'spam' }),
    ).toMatchObject({ code: 'not-found' });
    attendee.close();
  });
});
