import { beforeAll, describe, expect, it } from 'vitest';
import { api, eventsSettled, type Session, signInAs, uniqueSuffix } from '../../test/integ/api';
import { createConferenceAs, registerGuest } from '../../test/integ/conferences';
import { TestClient } from '../../test/integ/ws';

/**
 * An event's rooms over HTTP, as its roster sees them: guests of the organization list the rooms they may
 * join, read a room's members with presence and its history; anyone the room policy refuses, and any room
 * of another event or organization, get the 404 a room that does not exist gets.
 */
let owner: Session; // brightside-plumbing: organizes every event of the organization
let member: Session; // brightside-plumbing, on no roster
let stranger: Session; // northwind-events
let orgId: string;
let conferenceId: string;
let otherConferenceId: string;
let lobby: { id: string };
let secret: { id: string };
let elsewhere: { id: string };
let guest: Session;
let friend: Session;
let outsider: Session; // a guest of the other event

const createRoom = async (body: Record<string, unknown>) => {
  const response = await api('POST', `/api/orgs/${orgId}/chat/rooms`, {
    token: owner.token,
    body: { name: `Room ${uniqueSuffix()}`, ...body },
  });
  expect(response.status, response.text).toBe(201);
  return response.json as { id: string };
};

/** The lobby every event with chat on has of its own, once its creation's event is handled. */
const lobbyOf = async (conference: string) => {
  await eventsSettled();
  const listed = await api('GET', `/api/orgs/${orgId}/conferences/${conference}/chat/rooms`, {
    token: owner.token,
  });
  expect(listed.status, listed.text).toBe(200);
  const lobbies = listed.json.items.filter((room: { kind: string }) => room.kind === 'lobby');
  expect(lobbies).toHaveLength(1);
  return lobbies[0] as { id: string };
};

const rooms = (conference = conferenceId) => `/api/orgs/${orgId}/conferences/${conference}/chat/rooms`;

beforeAll(async () => {
  [owner, member, stranger] = await Promise.all([
    signInAs('owner', 'brightside-plumbing'),
    signInAs('member', 'brightside-plumbing'),
    signInAs('owner', 'northwind-events'),
  ]);
  orgId = owner.user.orgId!;
  [conferenceId, otherConferenceId] = await Promise.all([
    createConferenceAs(owner, { name: `Room Summit ${uniqueSuffix()}` }).then(({ id }) => id),
    createConferenceAs(owner, { name: `Room Summit ${uniqueSuffix()}` }).then(({ id }) => id),
  ]);
  secret = await createRoom({ kind: 'private', conferenceId });
  [lobby, elsewhere] = await Promise.all([lobbyOf(conferenceId), lobbyOf(otherConferenceId)]);
  guest = await registerGuest(owner, conferenceId, 'Gus');
  friend = await registerGuest(owner, conferenceId, 'Fay');
  outsider = await registerGuest(owner, otherConferenceId, 'Otto');
  // Fay opts into the directory, so the other people in the room see her in its member list.
  const listed = await api('PUT', `/api/orgs/${orgId}/conferences/${conferenceId}/networking/profile`, {
    token: friend.token,
    body: { listed: true },
  });
  expect(listed.status, listed.text).toBe(200);
});

describe('a guest on the event’s roster', () => {
  it('lists the rooms of the event they may join, and none of the organization’s others', async () => {
    const listed = await api('GET', rooms(), { token: guest.token });
    expect(listed.status, listed.text).toBe(200);
    expect(listed.json.items.map((room: { id: string }) => room.id)).toEqual([lobby.id]);
    expect(listed.json.items[0]).toMatchObject({ conferenceId, kind: 'lobby', isMember: false, unread: 0 });

    const own = await api('GET', rooms(), { token: owner.token });
    expect(own.json.items.map((room: { id: string }) => room.id).sort()).toEqual(
      [lobby.id, secret.id].sort(),
    );
  });

  it('reads the history newest first, page by page, and the members with who is online', async () => {
    // History is for members: before joining, the room asks to be joined.
    const early = await api('GET', `${rooms()}/${lobby.id}/messages`, { token: guest.token });
    expect(early.status, early.text).toBe(403);
    expect(early.headers.get('content-type')).toMatch(/^application\/problem\+json/);

    const fay = await TestClient.connect(friend.token);
    expect(await fay.request('room.join', { orgId, roomId: lobby.id })).toMatchObject({ type: 'ack' });
    const texts = ['one', 'two', 'three'];
    for (const text of texts)
      expect(await fay.request('room.send', { orgId, roomId: lobby.id, text })).toMatchObject({
        type: 'ack',
      });
    const gus = await TestClient.connect(guest.token);
    expect(await gus.request('room.join', { orgId, roomId: lobby.id })).toMatchObject({ type: 'ack' });

    const first = await api('GET', `${rooms()}/${lobby.id}/messages?limit=2`, { token: guest.token });
    expect(first.status, first.text).toBe(200);
    expect(first.json.items.map((message: { text: string }) => message.text)).toEqual(['three', 'two']);
    expect(first.json.nextCursor).toEqual(expect.any(String));
    const second = await api(
      'GET',
      `${rooms()}/${lobby.id}/messages?limit=2&cursor=${encodeURIComponent(first.json.nextCursor)}`,
      { token: guest.token },
    );
    expect(second.json.items.map((message: { text: string }) => message.text)).toEqual(['one']);
    expect(second.json.nextCursor).toBeNull();

    const room = await api('GET', `${rooms()}/${lobby.id}`, { token: guest.token });
    expect(room.status, room.text).toBe(200);
    // He joined after the three: a newcomer starts with nothing unread.
    expect(room.json).toMatchObject({ id: lobby.id, isMember: true, unread: 0 });

    const members = await api('GET', `${rooms()}/${lobby.id}/members`, { token: guest.token });
    expect(members.status, members.text).toBe(200);
    expect(members.json.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: friend.user.id, name: 'Fay', presence: 'online' }),
        expect.objectContaining({ userId: guest.user.id, name: 'Gus', presence: 'online' }),
      ]),
    );
    // Fay sees herself, and not Gus: he has not opted into the event's directory.
    const fromFay = await api('GET', `${rooms()}/${lobby.id}/members`, { token: friend.token });
    expect(fromFay.json.items.map((person: { userId: string }) => person.userId)).toEqual([friend.user.id]);
    fay.close();
    gus.close();
  });
});

describe('anyone the room policy refuses', () => {
  const notFound = async (path: string, session: Session) => {
    const response = await api('GET', path, { token: session.token });
    expect(response.status, `${path}: ${response.text}`).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  };

  it('gets 404 as a guest of another event, for the event and for its rooms', async () => {
    await notFound(rooms(), outsider);
    for (const suffix of ['', '/members', '/messages'])
      await notFound(`${rooms()}/${lobby.id}${suffix}`, outsider);
    // Nor does the room of their own event show under this one.
    await notFound(`${rooms()}/${elsewhere.id}`, guest);
    await notFound(`${rooms()}/${elsewhere.id}/messages`, guest);
    await notFound(`${rooms(otherConferenceId)}/${lobby.id}`, outsider);
  });

  it('gets 404 as an organization member without a role for a private room, and sees no open room', async () => {
    const listed = await api('GET', rooms(), { token: member.token });
    expect(listed.status, listed.text).toBe(200);
    expect(listed.json.items).toEqual([]);
    for (const suffix of ['', '/members', '/messages'])
      await notFound(`${rooms()}/${secret.id}${suffix}`, member);
  });

  it('gets 404 from another organization', async () => {
    await notFound(rooms(), stranger);
    await notFound(`${rooms()}/${lobby.id}/messages`, stranger);
  });

  it('answers problem details for a bad cursor and for a malformed room id', async () => {
    const badCursor = await api('GET', `${rooms()}/${lobby.id}/messages?cursor=not-a-cursor`, {
      token: guest.token,
    });
    expect(badCursor.status, badCursor.text).toBe(400);
    expect(badCursor.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const badRooms = await api('GET', `${rooms()}?cursor=not-a-cursor`, { token: guest.token });
    expect(badRooms.status, badRooms.text).toBe(400);
    // A path segment that is no id names nothing: the same 404 as a room that does not exist.
    await notFound(`${rooms()}/not-an-id/messages`, guest);
  });
});

describe('a private room of the event', () => {
  it('is opened by an organizer who is a guest of the organization, for the people they invite only', async () => {
    const organizer = await registerGuest(owner, conferenceId, 'Orla', { role: 'organizer' });
    const opened = await api('POST', rooms(), {
      token: organizer.token,
      body: { name: 'Speakers’ green room', memberIds: [guest.user.id] },
    });
    expect(opened.status, opened.text).toBe(201);
    expect(opened.json).toMatchObject({
      conferenceId,
      kind: 'private',
      name: 'Speakers’ green room',
      isMember: true,
    });
    const room = opened.json.id as string;

    const invited = await api('GET', rooms(), { token: guest.token });
    expect(invited.json.items.map((listed: { id: string }) => listed.id)).toContain(room);
    expect((await api('GET', `${rooms()}/${room}`, { token: guest.token })).status).toBe(200);
    // Fay was not invited: for her the room does not exist.
    const uninvited = await api('GET', rooms(), { token: friend.token });
    expect(uninvited.json.items.map((listed: { id: string }) => listed.id)).not.toContain(room);
    expect((await api('GET', `${rooms()}/${room}`, { token: friend.token })).status).toBe(404);
  });

  it('is refused to attendees and members who do not organize, and to other organizations', async () => {
    const body = { name: 'Back room', memberIds: [] };
    const byGuest = await api('POST', rooms(), { token: guest.token, body });
    expect(byGuest.status, byGuest.text).toBe(403);
    const byMember = await api('POST', rooms(), { token: member.token, body });
    expect(byMember.status, byMember.text).toBe(403);
    expect((await api('POST', rooms(), { token: stranger.token, body })).status).toBe(404);
    expect((await api('POST', rooms(), { token: outsider.token, body })).status).toBe(404);
  });

  it('takes invitees from the roster and the organization only, and hostile names not at all', async () => {
    const organizer = await registerGuest(owner, conferenceId, 'Olly', { role: 'organizer' });
    const foreign = await api('POST', rooms(), {
      token: organizer.token,
      body: { name: 'Mixed room', memberIds: [outsider.user.id] },
    });
    expect(foreign.status, foreign.text).toBe(400);
    expect(foreign.json.errors).toEqual([expect.objectContaining({ path: 'memberIds.0' })]);
    for (const name of ['Lone \ud800 surrogate', 'Two\r\nlines', 'Nul\u0000byte', '   '])
      expect((await api('POST', rooms(), { token: organizer.token, body: { name } })).status).toBe(400);
  });
});

describe('the people in a room of the event', () => {
  const members = (room: string) => `${rooms()}/${room}/members`;
  const openRoom = async (organizer: Session) => {
    const opened = await api('POST', rooms(), {
      token: organizer.token,
      body: { name: `Huddle ${uniqueSuffix()}` },
    });
    expect(opened.status, opened.text).toBe(201);
    return opened.json.id as string;
  };

  it('are added by an organizer from the roster, guests among them, and the room opens to them', async () => {
    const organizer = await registerGuest(owner, conferenceId, 'Oona', { role: 'organizer' });
    const room = await openRoom(organizer);
    const joiner = await registerGuest(owner, conferenceId, 'Jo');
    expect((await api('GET', `${rooms()}/${room}`, { token: joiner.token })).status).toBe(404);

    const added = await api('POST', members(room), {
      token: organizer.token,
      body: { userId: joiner.user.id },
    });
    expect(added.status, added.text).toBe(201);
    expect(added.json).toEqual({
      userId: joiner.user.id,
      name: 'Jo',
      joinedAt: expect.any(String),
      presence: 'offline',
    });
    const listed = await api('GET', rooms(), { token: joiner.token });
    expect(listed.json.items).toContainEqual(expect.objectContaining({ id: room, isMember: true }));
    // Jo is not in the event's directory: the organizer, who added him, sees him among the members anyway.
    const seen = await api('GET', members(room), { token: organizer.token });
    expect(seen.json.items.map((person: { userId: string }) => person.userId).sort()).toEqual(
      [organizer.user.id, joiner.user.id].sort(),
    );
    const client = await TestClient.connect(joiner.token);
    expect(await client.request('room.join', { orgId, roomId: room })).toMatchObject({ type: 'ack' });
    client.close();
    // A member of the organization on no roster is one of its people too.
    const colleague = await api('POST', members(room), {
      token: owner.token,
      body: { userId: member.user.id },
    });
    expect(colleague.status, colleague.text).toBe(201);
  });

  it('are never someone off the roster, a banned person, or added by anyone but the organizers', async () => {
    const organizer = await registerGuest(owner, conferenceId, 'Otis', { role: 'organizer' });
    const room = await openRoom(organizer);
    const add = (session: Session, userId: string, path = members(room)) =>
      api('POST', path, { token: session.token, body: { userId } });

    const foreign = await add(organizer, outsider.user.id);
    expect(foreign.status, foreign.text).toBe(400);
    expect(foreign.json.errors).toEqual([expect.objectContaining({ path: 'userId' })]);
    expect((await add(organizer, stranger.user.id)).status).toBe(400);

    const troll = await registerGuest(owner, conferenceId, 'Trev');
    const ban = await api(
      'PUT',
      `/api/orgs/${orgId}/conferences/${conferenceId}/chat/bans/${troll.user.id}`,
      {
        token: owner.token,
        body: { reason: 'Spam' },
      },
    );
    expect(ban.status, ban.text).toBe(200);
    const banned = await add(organizer, troll.user.id);
    expect(banned.status, banned.text).toBe(400);
    expect(banned.json.errors[0].message).toMatch(/banned/i);

    expect((await add(guest, friend.user.id)).status).toBe(403);
    expect((await add(member, friend.user.id)).status).toBe(403);
    expect((await add(stranger, friend.user.id)).status).toBe(404);
    // The other event's room, through this event's path: no such room here.
    expect((await add(organizer, friend.user.id, members(elsewhere.id))).status).toBe(404);
    const malformed = await add(organizer, 'not-an-id');
    expect(malformed.status, malformed.text).toBe(400);
    // Nobody was added by any of these.
    const listed = await api('GET', `${members(room)}?limit=100`, { token: organizer.token });
    expect(listed.json.items.map((person: { userId: string }) => person.userId)).toEqual([organizer.user.id]);
  });

  it('leave by themselves or are taken out by an organizer, and the room stops reaching their open page', async () => {
    const organizer = await registerGuest(owner, conferenceId, 'Odile', { role: 'organizer' });
    const room = await openRoom(organizer);
    const [leaver, removed] = await Promise.all([
      registerGuest(owner, conferenceId, 'Lena'),
      registerGuest(owner, conferenceId, 'Remy'),
    ]);
    for (const person of [leaver, removed])
      expect(
        (await api('POST', members(room), { token: organizer.token, body: { userId: person.user.id } }))
          .status,
      ).toBe(201);

    // An attendee takes nobody else out.
    const notTheirs = await api('DELETE', `${members(room)}/${removed.user.id}`, { token: leaver.token });
    expect(notTheirs.status, notTheirs.text).toBe(403);
    const left = await api('DELETE', `${members(room)}/${leaver.user.id}`, { token: leaver.token });
    expect(left.status, left.text).toBe(204);
    expect((await api('GET', `${rooms()}/${room}`, { token: leaver.token })).status).toBe(404);

    const [watcher, speaker] = await Promise.all([
      TestClient.connect(removed.token),
      TestClient.connect(organizer.token),
    ]);
    for (const client of [watcher, speaker])
      expect(await client.request('room.join', { orgId, roomId: room })).toMatchObject({ type: 'ack' });
    const out = await api('DELETE', `${members(room)}/${removed.user.id}`, { token: organizer.token });
    expect(out.status, out.text).toBe(204);
    const sent = await speaker.request('room.send', { orgId, roomId: room, text: 'Just us now' });
    expect(sent).toMatchObject({ type: 'ack' });
    await speaker.next((frame) => frame.type === 'room.message' && frame.message.text === 'Just us now');
    await eventsSettled();
    expect(watcher.frames.some((frame) => frame.message?.text === 'Just us now')).toBe(false);
    expect(await watcher.request('room.join', { orgId, roomId: room })).toMatchObject({ type: 'error' });
    watcher.close();
    speaker.close();
  });
});
