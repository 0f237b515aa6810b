import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  inviteAndAccept,
  type Session,
  signInAs,
  stack,
  uniqueSuffix,
  walkPages,
} from '../../test/integ/api';
import { createConferenceAs, registerGuest } from '../../test/integ/conferences';
import { type Frame, putItem, TestClient, table } from '../../test/integ/ws';
import { networkingKeys, realtimeKeys } from '../db/keys';
import { directMessageLimit, maxPendingRequests } from './contracts';

/**
 * Networking through the real routes and real WebSocket clients on the local cloud: cards and the
 * directory, connection requests (and their cap), blocks, direct messages and catch-up, and who is
 * refused what — people with networking turned off, other groups, strangers, foreign conference ids.
 */
let owner: Session; // northwind-events, organizes every conference it creates
let member: Session; // northwind-events, no role in the conference
let stranger: Session; // brightside-plumbing
let orgId: string;

interface Attendee extends Session {
  readonly name: string;
}

const createConference = async (features = { networking: true, chat: true }) =>
  (
    await createConferenceAs(owner, {
      name: `Networking Summit ${uniqueSuffix()}`,
      startDate: '2027-06-01',
      endDate: '2027-06-02',
      features,
    })
  ).id;

/** Invites a new person and registers them as a guest; their session comes back. */
const attendee = async (
  conferenceId: string,
  name: string,
  access: { networking?: string; group?: string | null } = {},
): Promise<Attendee> => ({ ...(await registerGuest(owner, conferenceId, name, access)), name });

/** Several attendees, in the order of their names: one at a time, as password hashing is heavy. */
const attendees = async <const N extends readonly string[]>(conferenceId: string, names: N) => {
  const people: Attendee[] = [];
  for (const name of names) people.push(await attendee(conferenceId, name));
  return people as { [K in keyof N]: Attendee };
};

const net = (conferenceId: string, rest = '') =>
  `/api/orgs/${orgId}/conferences/${conferenceId}/networking${rest}`;

const profileBody = { listed: true, company: 'Initech', title: 'Engineer', interests: ['Climate tech'] };

const list = async (session: Session, conferenceId: string, name: string) => {
  const saved = await api('PUT', net(conferenceId, '/profile'), {
    token: session.token,
    body: { ...profileBody, company: `${name} Works` },
  });
  expect(saved.status, saved.text).toBe(200);
};

const directoryIds = async (session: Session, conferenceId: string, query = '') => {
  const response = await api('GET', net(conferenceId, `/directory?limit=25${query}`), {
    token: session.token,
  });
  expect(response.status, response.text).toBe(200);
  return (response.json.items as { userId: string }[]).map((card) => card.userId);
};

const request = (from: Session, conferenceId: string, to: Session, note = '') =>
  api('POST', net(conferenceId, '/requests'), { token: from.token, body: { userId: to.user.id, note } });

const connect = async (a: Session, b: Session, conferenceId: string) => {
  expect((await request(a, conferenceId, b)).status).toBe(201);
  const accepted = await api('POST', net(conferenceId, `/requests/${a.user.id}/accept`), { token: b.token });
  expect(accepted.status, accepted.text).toBe(200);
};

const subscribed = async (session: Session, conferenceId: string) => {
  const client = await TestClient.connect(session.token);
  expect(await client.request('dm.subscribe', { orgId, conferenceId })).toMatchObject({ type: 'ack' });
  return client;
};

/** Moves the local cloud's rate-limit clock on, so no test waits for a window to pass. */
const moveClock = async (seconds: number) => {
  const response = await fetch(`${stack().url}/_local/clock`, {
    method: 'POST',
    body: JSON.stringify({ advanceSeconds: seconds }),
  });
  expect(response.ok).toBe(true);
};

const isDirectMessage = (text: string) => (frame: Frame) =>
  frame.type === 'dm.message' && frame.message.text === text;

beforeAll(async () => {
  let admin: Session;
  [owner, admin, stranger] = await Promise.all([
    signInAs('owner', 'northwind-events'),
    signInAs('admin'),
    signInAs('owner', 'brightside-plumbing'),
  ]);
  orgId = owner.user.orgId!;
  member = await inviteAndAccept(admin.token, {
    email: `member-${uniqueSuffix()}@example.com`,
    name: 'Norma Member',
    role: 'member',
    orgId,
  });
});

describe('cards and the directory', () => {
  let conferenceId: string;
  let ada: Attendee;
  let bob: Attendee;
  let cyd: Attendee;

  beforeAll(async () => {
    conferenceId = await createConference();
    [ada, bob, cyd] = await attendees(conferenceId, ['Ada', 'Bob', 'Cyd']);
  });

  it('starts unlisted with the account email as contact, and offers the organization’s focus topics', async () => {
    const response = await api('GET', net(conferenceId, '/profile'), { token: ada.token });
    expect(response.status, response.text).toBe(200);
    expect(response.json).toMatchObject({
      listed: false,
      contactEmail: ada.user.email,
      networking: 'all',
      enabled: true,
      availableInterests: ['Founder stories', 'Climate tech'],
    });
  });

  it('refuses interests outside the focus topics and hostile text, naming each field', async () => {
    const interest = await api('PUT', net(conferenceId, '/profile'), {
      token: ada.token,
      body: { ...profileBody, interests: ['Climate tech', 'Crypto'] },
    });
    expect(interest.status).toBe(400);
    expect(interest.json.errors).toEqual([{ path: 'interests.1', message: 'Not one of the event’s topics' }]);
    for (const [field, value] of [
      ['company', 'Ini\uD800tech'],
      ['title', 'Line\r\nbreak'],
      ['bio', 'nul\u0000byte'],
      ['website', 'javascript:alert(1)'],
    ] as const) {
      const response = await api('PUT', net(conferenceId, '/profile'), {
        token: ada.token,
        body: { ...profileBody, [field]: value },
      });
      expect(response.status, field).toBe(400);
      expect(response.json.errors[0].path, field).toBe(field);
    }
  });

  it('shows only listed people, searchable by name or company, filtered by interest and role', async () => {
    await list(ada, conferenceId, 'Ada');
    await list(bob, conferenceId, 'Bob');
    expect(await directoryIds(cyd, conferenceId)).toEqual(expect.arrayContaining([ada.user.id, bob.user.id]));
    expect(await directoryIds(ada, conferenceId)).toEqual([bob.user.id]);
    expect(await directoryIds(ada, conferenceId)).not.toContain(cyd.user.id);
    expect(await directoryIds(cyd, conferenceId, '&q=BOB%20works')).toEqual([bob.user.id]);
    expect(await directoryIds(cyd, conferenceId, '&q=ada')).toEqual([ada.user.id]);
    expect(await directoryIds(cyd, conferenceId, '&interest=Founder%20stories')).toEqual([]);
    expect(await directoryIds(cyd, conferenceId, '&interest=Climate%20tech')).toHaveLength(2);
    expect(await directoryIds(cyd, conferenceId, '&role=speaker')).toEqual([]);
    const pages = await walkPages<{ userId: string }>(net(conferenceId, '/directory?limit=1'), cyd.token);
    expect(pages.flat().map((card) => card.userId)).toEqual([ada.user.id, bob.user.id]);
  });

  it('drops a person from the directory once they unlist themselves', async () => {
    await api('PUT', net(conferenceId, '/profile'), {
      token: bob.token,
      body: { ...profileBody, listed: false },
    });
    expect(await directoryIds(cyd, conferenceId)).toEqual([ada.user.id]);
    expect((await api('GET', net(conferenceId, `/people/${bob.user.id}`), { token: cyd.token })).status).toBe(
      404,
    );
    await list(bob, conferenceId, 'Bob');
  });

  it('answers a foreign or unknown conference as not found, and people without a role as forbidden', async () => {
    const unknown = net('01JZZZZZZZZZZZZZZZZZZZZZZZ', '/directory');
    expect((await api('GET', unknown, { token: owner.token })).status).toBe(404);
    expect((await api('GET', net(conferenceId, '/directory'), { token: stranger.token })).status).toBe(404);
    const wrongOrg = `/api/orgs/${stranger.user.orgId}/conferences/${conferenceId}/networking/directory`;
    expect((await api('GET', wrongOrg, { token: ada.token })).status).toBe(404);
    const noRole = await api('GET', net(conferenceId, '/directory'), { token: member.token });
    expect(noRole.status).toBe(403);
  });
});

describe('connection requests', () => {
  let conferenceId: string;
  let ada: Attendee;
  let bob: Attendee;
  let cyd: Attendee;

  beforeAll(async () => {
    conferenceId = await createConference();
    [ada, bob, cyd] = await attendees(conferenceId, ['Ada', 'Bob', 'Cyd']);
    await Promise.all([ada, bob, cyd].map((person) => list(person, conferenceId, person.name)));
  });

  it('reaches the other person live, shows contact details only once accepted', async () => {
    const bobSocket = await subscribed(bob, conferenceId);
    const sent = await request(ada, conferenceId, bob, 'Loved your talk!\nCoffee?');
    expect(sent.status, sent.text).toBe(201);
    expect(sent.json).toMatchObject({
      userId: bob.user.id,
      state: 'outgoing',
      note: 'Loved your talk!\nCoffee?',
    });
    const live = await bobSocket.next((frame) => frame.type === 'networking.link');
    expect(live.link).toMatchObject({ userId: ada.user.id, state: 'incoming', name: 'Ada' });

    const incoming = await api('GET', net(conferenceId, '/links?state=incoming'), { token: bob.token });
    expect(incoming.json.items).toMatchObject([{ userId: ada.user.id, note: 'Loved your talk!\nCoffee?' }]);
    const before = await api('GET', net(conferenceId, `/people/${bob.user.id}`), { token: ada.token });
    expect(before.json).toMatchObject({ link: 'outgoing', contact: null });

    const adaSocket = await subscribed(ada, conferenceId);
    const networkingStats = async () =>
      (
        await api('GET', `/api/orgs/${orgId}/conferences/${conferenceId}/analytics/networking`, {
          token: owner.token,
        })
      ).json.connections as number;
    const connectionsBefore = await networkingStats();
    const accepted = await api('POST', net(conferenceId, `/requests/${ada.user.id}/accept`), {
      token: bob.token,
    });
    expect(accepted.json).toMatchObject({ userId: ada.user.id, state: 'connected' });
    // The event's networking analytics count the new connection as it happens.
    expect(await networkingStats()).toBe(connectionsBefore + 1);
    expect((await adaSocket.next((frame) => frame.type === 'networking.link')).link).toMatchObject({
      userId: bob.user.id,
      state: 'connected',
    });
    const after = await api('GET', net(conferenceId, `/people/${bob.user.id}`), { token: ada.token });
    expect(after.json).toMatchObject({ link: 'connected', contact: { email: bob.user.email } });
    const connections = await api('GET', net(conferenceId, '/links?state=connected'), { token: ada.token });
    expect(connections.json.items.map((link: { userId: string }) => link.userId)).toEqual([bob.user.id]);
    expect((await request(ada, conferenceId, bob)).status).toBe(409);
    bobSocket.close();
    adaSocket.close();
  });

  it('declines and withdraws, and refuses asking twice or asking back', async () => {
    expect((await request(cyd, conferenceId, ada)).status).toBe(201);
    expect((await request(cyd, conferenceId, ada)).status).toBe(409);
    const back = await request(ada, conferenceId, cyd);
    expect(back.status).toBe(409);
    expect(back.json.detail).toMatch(/accept their request/);
    expect(
      (await api('POST', net(conferenceId, `/requests/${cyd.user.id}/decline`), { token: ada.token })).status,
    ).toBe(204);
    expect(
      (await api('POST', net(conferenceId, `/requests/${cyd.user.id}/decline`), { token: ada.token })).status,
    ).toBe(404);

    expect((await request(cyd, conferenceId, bob)).status).toBe(201);
    expect(
      (await api('DELETE', net(conferenceId, `/requests/${bob.user.id}`), { token: cyd.token })).status,
    ).toBe(204);
    const incoming = await api('GET', net(conferenceId, '/links?state=incoming'), { token: bob.token });
    expect(incoming.json.items).toEqual([]);
    expect(
      (await api('POST', net(conferenceId, `/requests/${cyd.user.id}/accept`), { token: bob.token })).status,
    ).toBe(404);
  });

  it(`caps unanswered outgoing requests at ${maxPendingRequests} with a 429, and a withdrawal frees one`, async () => {
    const dee = await attendee(conferenceId, 'Dee');
    await list(dee, conferenceId, 'Dee');
    expect((await request(cyd, conferenceId, ada)).status).toBe(201);
    // As if Cyd had asked 49 more people: the counter the cap reads.
    await table().send(
      new UpdateCommand({
        TableName: 'portico',
        Key: networkingKeys.profile(orgId, conferenceId, cyd.user.id),
        UpdateExpression: 'SET pendingOut = :full',
        ExpressionAttributeValues: { ':full': maxPendingRequests },
      }),
    );
    const capped = await request(cyd, conferenceId, dee);
    expect(capped.status).toBe(429);
    expect(capped.json.detail).toMatch(/At most 50 unanswered requests/);
    expect(
      (await api('DELETE', net(conferenceId, `/requests/${ada.user.id}`), { token: cyd.token })).status,
    ).toBe(204);
    expect((await request(cyd, conferenceId, dee)).status).toBe(201);
  });

  it('validates the request: an id, a note without control characters, nothing else', async () => {
    for (const body of [
      { userId: 'nope' },
      { userId: ada.user.id, note: 'bad\u0000note' },
      { userId: ada.user.id, note: '\uDC00' },
      { userId: ada.user.id, extra: true },
    ])
      expect((await api('POST', net(conferenceId, '/requests'), { token: bob.token, body })).status).toBe(
        400,
      );
    expect((await request(bob, conferenceId, bob)).status).toBe(404);
  });
});

describe('networking access', () => {
  let conferenceId: string;
  let open: Attendee;
  let off: Attendee;
  let press1: Attendee;
  let press2: Attendee;

  beforeAll(async () => {
    conferenceId = await createConference();
    open = await attendee(conferenceId, 'Open');
    off = await attendee(conferenceId, 'Off', { networking: 'none' });
    press1 = await attendee(conferenceId, 'Pressone', { networking: 'groups', group: 'Press' });
    press2 = await attendee(conferenceId, 'Presstwo', { networking: 'groups', group: 'Press' });
    await Promise.all([open, press1, press2].map((person) => list(person, conferenceId, person.name)));
  });

  it('keeps a person with networking none out: no listing, directory, requests or messages', async () => {
    const listing = await api('PUT', net(conferenceId, '/profile'), { token: off.token, body: profileBody });
    expect(listing.status).toBe(403);
    expect((await api('GET', net(conferenceId, '/directory'), { token: off.token })).status).toBe(403);
    expect((await request(off, conferenceId, open)).status).toBe(403);
    const socket = await TestClient.connect(off.token);
    expect(
      await socket.request('dm.send', { orgId, conferenceId, to: open.user.id, text: 'hello?' }),
    ).toMatchObject({ type: 'error', code: 'forbidden' });
    socket.close();
  });

  it('keeps people limited to their group inside it', async () => {
    expect(await directoryIds(press1, conferenceId)).toEqual([press2.user.id]);
    expect(await directoryIds(open, conferenceId)).toEqual([]);
    expect((await request(open, conferenceId, press1)).status).toBe(404);
    expect((await request(press1, conferenceId, press2)).status).toBe(201);
  });

  it('hides someone whose access the organizers turned off after they listed themselves', async () => {
    const roster = await api(
      'GET',
      `/api/orgs/${orgId}/conferences/${conferenceId}/registrations?q=presstwo`,
      {
        token: owner.token,
      },
    );
    const entry = roster.json.items[0];
    const changed = await api(
      'PATCH',
      `/api/orgs/${orgId}/conferences/${conferenceId}/registrations/${entry.id}`,
      {
        token: owner.token,
        body: { version: entry.version, networking: 'none' },
      },
    );
    expect(changed.status, changed.text).toBe(200);
    expect(await directoryIds(press1, conferenceId)).toEqual([]);
  });

  it('refuses everything but the own card when the event’s networking is off', async () => {
    const quiet = await createConference({ networking: false, chat: true });
    const person = await attendee(quiet, 'Quiet');
    const profile = await api('GET', net(quiet, '/profile'), { token: person.token });
    expect(profile.json).toMatchObject({ enabled: false });
    expect((await api('GET', net(quiet, '/directory'), { token: person.token })).status).toBe(403);
  });
});

describe('direct messages', () => {
  let conferenceId: string;
  let ada: Attendee;
  let bob: Attendee;
  let cyd: Attendee;

  beforeAll(async () => {
    conferenceId = await createConference();
    [ada, bob, cyd] = await attendees(conferenceId, ['Ada', 'Bob', 'Cyd']);
    await Promise.all([ada, bob, cyd].map((person) => list(person, conferenceId, person.name)));
    await connect(ada, bob, conferenceId);
  });

  it('are delivered live between connections, counted unread, and paged backwards', async () => {
    const [adaSocket, bobSocket] = await Promise.all([
      subscribed(ada, conferenceId),
      subscribed(bob, conferenceId),
    ]);
    const sent = await adaSocket.request('dm.send', {
      orgId,
      conferenceId,
      to: bob.user.id,
      text: 'Hi Bob 👋',
    });
    expect(sent).toMatchObject({ type: 'ack', data: { authorId: ada.user.id, recipientId: bob.user.id } });
    const received = await bobSocket.next(isDirectMessage('Hi Bob 👋'));
    expect(received.message).toMatchObject({ authorName: 'Ada', id: sent.data.id });
    await adaSocket.next(isDirectMessage('Hi Bob 👋'));
    for (const text of ['two', 'three'])
      expect(
        await adaSocket.request('dm.send', { orgId, conferenceId, to: bob.user.id, text }),
      ).toMatchObject({
        type: 'ack',
      });

    const conversations = await api('GET', net(conferenceId, '/conversations'), { token: bob.token });
    expect(conversations.json.items).toMatchObject([
      { userId: ada.user.id, name: 'Ada', unread: 3, lastText: 'three' },
    ]);
    const mine = await api('GET', net(conferenceId, '/conversations'), { token: ada.token });
    expect(mine.json.items).toMatchObject([{ userId: bob.user.id, unread: 0 }]);
    expect(await bobSocket.request('dm.read', { orgId, conferenceId, with: ada.user.id })).toMatchObject({
      data: { unread: 0 },
    });
    const read = await api('GET', net(conferenceId, '/conversations'), { token: bob.token });
    expect(read.json.items[0].unread).toBe(0);

    const pages = await walkPages<{ text: string }>(
      net(conferenceId, `/conversations/${ada.user.id}/messages?limit=2`),
      bob.token,
    );
    expect(pages.map((page) => page.map((message) => message.text))).toEqual([
      ['three', 'two'],
      ['Hi Bob 👋'],
    ]);
    adaSocket.close();
    bobSocket.close();
  });

  it('catches up after a reconnect with what was missed, oldest first', async () => {
    const bobSocket = await subscribed(bob, conferenceId);
    const last = await bobSocket.request('dm.send', { orgId, conferenceId, to: ada.user.id, text: 'before' });
    bobSocket.close();
    const adaSocket = await subscribed(ada, conferenceId);
    for (const text of ['missed one', 'missed two'])
      await adaSocket.request('dm.send', { orgId, conferenceId, to: bob.user.id, text });
    const again = await subscribed(bob, conferenceId);
    const caught = await again.request('dm.catch-up', {
      orgId,
      conferenceId,
      with: ada.user.id,
      after: last.data.id,
    });
    expect(caught.data.messages.map((message: { text: string }) => message.text)).toEqual([
      'missed one',
      'missed two',
    ]);
    expect(caught.data.more).toBe(false);
    const limited = await again.request('dm.catch-up', {
      orgId,
      conferenceId,
      with: ada.user.id,
      after: last.data.id,
      limit: 1,
    });
    expect(limited.data).toMatchObject({ messages: [{ text: 'missed one' }], more: true });
    adaSocket.close();
    again.close();
  });

  it('are refused between people who are not connected, until the organizers allow it', async () => {
    const cydSocket = await subscribed(cyd, conferenceId);
    const refused = await cydSocket.request('dm.send', { orgId, conferenceId, to: ada.user.id, text: 'hi' });
    expect(refused).toMatchObject({ type: 'error', code: 'forbidden', action: 'dm.send' });
    expect(refused.message).toMatch(/Connect first/);

    const denied = await api('PUT', net(conferenceId, '/settings'), {
      token: cyd.token,
      body: { messagesWithoutConnection: true },
    });
    expect(denied.status).toBe(403);
    const opened = await api('PUT', net(conferenceId, '/settings'), {
      token: owner.token,
      body: { messagesWithoutConnection: true },
    });
    expect(opened.status, opened.text).toBe(200);
    expect(
      await cydSocket.request('dm.send', { orgId, conferenceId, to: ada.user.id, text: 'hi' }),
    ).toMatchObject({
      type: 'ack',
    });
    await api('PUT', net(conferenceId, '/profile'), { token: bob.token, body: { listed: false } });
    expect(
      await cydSocket.request('dm.send', { orgId, conferenceId, to: bob.user.id, text: 'hi' }),
    ).toMatchObject({
      code: 'not-found',
    });
    await list(bob, conferenceId, 'Bob');
    await api('PUT', net(conferenceId, '/settings'), {
      token: owner.token,
      body: { messagesWithoutConnection: false },
    });
    cydSocket.close();
  });

  it('show the other person online, away or offline in the conversation list, from heartbeats', async () => {
    const presenceOfBob = async () => {
      const conversations = await api('GET', net(conferenceId, '/conversations'), { token: ada.token });
      expect(conversations.status, conversations.text).toBe(200);
      return conversations.json.items.find((item: { userId: string }) => item.userId === bob.user.id)
        ?.presence;
    };
    // Bob is a guest of no organization: his presence counts in the event's, where he takes part.
    expect(bob.user.orgId).toBeNull();
    // Lapsed (DynamoDB Local never deletes it): whatever earlier tests left, Bob starts offline.
    await putItem({
      ...realtimeKeys.presence(orgId, bob.user.id),
      status: 'online',
      seenAt: new Date(Date.now() - 70_000).toISOString(),
      ttl: Math.floor(Date.now() / 1000) - 1,
    });
    expect(await presenceOfBob()).toBe('offline');

    const adaSocket = await subscribed(ada, conferenceId);
    const bobSocket = await subscribed(bob, conferenceId);
    expect(await presenceOfBob()).toBe('online');
    expect(await bobSocket.request('presence.heartbeat', { status: 'away' })).toMatchObject({ type: 'ack' });
    expect(await presenceOfBob()).toBe('away');
    expect(await bobSocket.request('presence.heartbeat', { status: 'online' })).toMatchObject({
      type: 'ack',
    });
    expect(await presenceOfBob()).toBe('online');
    // Read when the list is read: nobody's heartbeat is pushed to anyone.
    expect(adaSocket.frames.filter((frame) => String(frame.type).includes('presence'))).toEqual([]);
    adaSocket.close();
    bobSocket.close();
  });

  it(`limit a sender to ${directMessageLimit.messages} in ${directMessageLimit.windowSeconds} seconds over all conversations, with a retry-after`, async () => {
    const [dee, eve] = await attendees(conferenceId, ['Dee', 'Eve']);
    await Promise.all([dee, eve].map((person) => list(person, conferenceId, person.name)));
    await connect(dee, eve, conferenceId);
    await connect(dee, ada, conferenceId);
    const [deeSocket, eveSocket] = await Promise.all([
      subscribed(dee, conferenceId),
      subscribed(eve, conferenceId),
    ]);
    const send = (socket: TestClient, to: Session, text: string) =>
      socket.request('dm.send', { orgId, conferenceId, to: to.user.id, text });
    // The clock is pinned: every message below falls in one window, whatever the wall clock does.
    for (let index = 0; index < directMessageLimit.messages; index++)
      expect(await send(deeSocket, eve, `m${index}`), `m${index}`).toMatchObject({ type: 'ack' });

    const refused = await send(deeSocket, eve, 'one too many');
    expect(refused).toMatchObject({ type: 'error', code: 'rate-limited', action: 'dm.send' });
    expect(refused.retryAfter).toBeGreaterThanOrEqual(1);
    expect(refused.retryAfter).toBeLessThanOrEqual(directMessageLimit.windowSeconds);
    expect(await send(deeSocket, ada, 'to someone else')).toMatchObject({ code: 'rate-limited' });
    expect(await send(eveSocket, dee, 'the other way')).toMatchObject({ type: 'ack' });
    const conversations = await api('GET', net(conferenceId, '/conversations'), { token: eve.token });
    expect(conversations.json.items).toMatchObject([{ userId: dee.user.id, lastText: 'the other way' }]);
    const history = await api('GET', net(conferenceId, `/conversations/${dee.user.id}/messages?limit=3`), {
      token: eve.token,
    });
    expect(history.json.items.map((message: { text: string }) => message.text)).toEqual([
      'the other way',
      `m${directMessageLimit.messages - 1}`,
      `m${directMessageLimit.messages - 2}`,
    ]);

    await moveClock(refused.retryAfter);
    expect(await send(deeSocket, ada, 'after the wait')).toMatchObject({ type: 'ack' });
    deeSocket.close();
    eveSocket.close();
  });

  it('answer malformed, foreign and unauthorized frames with typed errors', async () => {
    const socket = await TestClient.connect(ada.token);
    const base = { orgId, conferenceId, to: bob.user.id };
    expect(await socket.request('dm.send', { ...base, text: '' })).toMatchObject({ code: 'validation' });
    expect(await socket.request('dm.send', { ...base, text: 'x\u0000' })).toMatchObject({
      code: 'validation',
    });
    expect(await socket.request('dm.send', { ...base, text: '\uD83D' })).toMatchObject({
      code: 'validation',
    });
    expect(await socket.request('dm.send', { ...base, text: 'x'.repeat(4001) })).toMatchObject({
      code: 'validation',
    });
    const unknownField = await socket.request('dm.send', { ...base, text: 'hi', html: '<b>' });
    expect(unknownField.fields).toEqual([{ path: 'html', message: 'Unknown field' }]);
    expect(await socket.request('dm.send', { orgId, conferenceId, text: 'to nobody' })).toMatchObject({
      code: 'validation',
      fields: [{ path: 'to' }],
    });
    expect(await socket.raw('{not json')).toMatchObject({ type: 'error', code: 'validation' });

    const foreign = { ...base, conferenceId: '01JZZZZZZZZZZZZZZZZZZZZZZZ', text: 'hi' };
    expect(await socket.request('dm.send', foreign)).toMatchObject({ code: 'not-found' });
    expect(await socket.request('dm.subscribe', { orgId: stranger.user.orgId, conferenceId })).toMatchObject({
      code: 'not-found',
    });
    const outsider = await TestClient.connect(stranger.token);
    for (const [action, payload] of [
      ['dm.subscribe', { orgId, conferenceId }],
      ['dm.send', { ...base, text: 'hi' }],
      ['dm.catch-up', { orgId, conferenceId, with: bob.user.id, after: bob.user.id }],
    ] as const)
      expect(await outsider.request(action, payload), action).toMatchObject({ code: 'not-found' });
    const insiderWithoutRole = await TestClient.connect(member.token);
    expect(await insiderWithoutRole.request('dm.subscribe', { orgId, conferenceId })).toMatchObject({
      code: 'forbidden',
    });
    socket.close();
    outsider.close();
    insiderWithoutRole.close();
  });
});

describe('blocking', () => {
  let conferenceId: string;
  let ada: Attendee;
  let bob: Attendee;

  beforeAll(async () => {
    conferenceId = await createConference();
    [ada, bob] = await attendees(conferenceId, ['Ada', 'Bob']);
    await Promise.all([ada, bob].map((person) => list(person, conferenceId, person.name)));
    await connect(ada, bob, conferenceId);
  });

  it('ends the connection, refuses the blocked person’s messages and requests, and hides the blocker', async () => {
    const adaSocket = await subscribed(ada, conferenceId);
    expect(
      await adaSocket.request('dm.send', { orgId, conferenceId, to: bob.user.id, text: 'ok' }),
    ).toMatchObject({
      type: 'ack',
    });
    const blocked = await api('POST', net(conferenceId, '/blocks'), {
      token: bob.token,
      body: { userId: ada.user.id },
    });
    expect(blocked.status, blocked.text).toBe(204);

    const refused = await adaSocket.request('dm.send', {
      orgId,
      conferenceId,
      to: bob.user.id,
      text: 'hello?',
    });
    expect(refused).toMatchObject({
      type: 'error',
      code: 'forbidden',
      message: 'You cannot message this person',
    });
    expect(await directoryIds(ada, conferenceId)).not.toContain(bob.user.id);
    expect((await api('GET', net(conferenceId, `/people/${bob.user.id}`), { token: ada.token })).status).toBe(
      404,
    );
    expect((await request(ada, conferenceId, bob)).status).toBe(404);
    const connections = await api('GET', net(conferenceId, '/links?state=connected'), { token: ada.token });
    expect(connections.json.items).toEqual([]);
    const blocks = await api('GET', net(conferenceId, '/blocks'), { token: bob.token });
    expect(blocks.json.items).toMatchObject([{ userId: ada.user.id, name: 'Ada' }]);

    expect(
      (await api('DELETE', net(conferenceId, `/blocks/${ada.user.id}`), { token: bob.token })).status,
    ).toBe(204);
    expect(await directoryIds(ada, conferenceId)).toContain(bob.user.id);
    expect((await request(ada, conferenceId, bob)).status).toBe(201);
    adaSocket.close();
  });
});
