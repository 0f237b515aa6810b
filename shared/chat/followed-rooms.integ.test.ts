import { beforeAll, describe, expect, it } from 'vitest';
import { api, eventsSettled, type Session, signInAs } from '../../test/integ/api';
import { createConferenceAs, registerGuest } from '../../test/integ/conferences';
import { TestClient } from '../../test/integ/ws';

/**
 * An event's rooms follow the event on the local cloud: the lobby appears with the event, a session's room
 * with the session, is renamed with it and closes when it leaves the agenda, all through the domain events
 * the conference and agenda writes announce. What a roster member lists is what the event's page shows.
 */
let owner: Session; // brightside-plumbing: organizes every event of the organization
let orgId: string;

beforeAll(async () => {
  owner = await signInAs('owner', 'brightside-plumbing');
  orgId = owner.user.orgId!;
});

const base = (conferenceId: string) => `/api/orgs/${orgId}/conferences/${conferenceId}`;

interface ListedRoom {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly closedAt: string | null;
}

const roomsOf = async (conferenceId: string, session: Session): Promise<ListedRoom[]> => {
  await eventsSettled();
  const listed = await api('GET', `${base(conferenceId)}/chat/rooms`, { token: session.token });
  expect(listed.status, listed.text).toBe(200);
  return listed.json.items;
};

const summary = (rooms: readonly ListedRoom[]) =>
  rooms
    .map((room) => ({ kind: room.kind, name: room.name, closed: room.closedAt !== null }))
    .sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));

describe('an event with chat on', () => {
  let conferenceId: string;
  let guest: Session;

  beforeAll(async () => {
    conferenceId = (await createConferenceAs(owner, { features: { networking: true, chat: true } })).id;
    guest = await registerGuest(owner, conferenceId, 'Gwen');
  });

  it('has its lobby from the start, listed for a person on its roster', async () => {
    expect(summary(await roomsOf(conferenceId, guest))).toEqual([
      { kind: 'lobby', name: 'Lobby', closed: false },
    ]);
  });

  it('gives a session a room named after it, renames it with the session, and closes it when it is removed', async () => {
    const added = await api('POST', `${base(conferenceId)}/agenda`, {
      token: owner.token,
      body: { title: 'Opening keynote', start: '2027-08-01T09:00', end: '2027-08-01T10:00' },
    });
    expect(added.status, added.text).toBe(201);
    const item = added.json as { id: string; version: number };
    expect(summary(await roomsOf(conferenceId, guest))).toEqual([
      { kind: 'agenda-item', name: 'Opening keynote', closed: false },
      { kind: 'lobby', name: 'Lobby', closed: false },
    ]);

    const retitled = await api('PATCH', `${base(conferenceId)}/agenda/${item.id}`, {
      token: owner.token,
      body: { version: item.version, title: 'Keynote: the year ahead' },
    });
    expect(retitled.status, retitled.text).toBe(200);
    const rooms = await roomsOf(conferenceId, guest);
    expect(summary(rooms)).toEqual([
      { kind: 'agenda-item', name: 'Keynote: the year ahead', closed: false },
      { kind: 'lobby', name: 'Lobby', closed: false },
    ]);
    const sessionRoom = rooms.find((room) => room.kind === 'agenda-item')!;

    // Someone talks in the session's room before it goes.
    const socket = await TestClient.connect(guest.token);
    expect(await socket.request('room.join', { orgId, roomId: sessionRoom.id })).toMatchObject({
      type: 'ack',
    });
    expect(
      await socket.request('room.send', { orgId, roomId: sessionRoom.id, text: 'Slides, please?' }),
    ).toMatchObject({ type: 'ack' });

    const deleted = await api(
      'DELETE',
      `${base(conferenceId)}/agenda/${item.id}?version=${retitled.json.version}`,
      { token: owner.token },
    );
    expect(deleted.status, deleted.text).toBe(204);
    expect(summary(await roomsOf(conferenceId, guest))).toEqual([
      { kind: 'agenda-item', name: 'Keynote: the year ahead', closed: true },
      { kind: 'lobby', name: 'Lobby', closed: false },
    ]);

    // Closed: what was said stays readable, nothing new is said.
    const history = await api('GET', `${base(conferenceId)}/chat/rooms/${sessionRoom.id}/messages`, {
      token: guest.token,
    });
    expect(history.status, history.text).toBe(200);
    expect(history.json.items.map((message: { text: string }) => message.text)).toEqual(['Slides, please?']);
    expect(
      await socket.request('room.send', { orgId, roomId: sessionRoom.id, text: 'Anyone still here?' }),
    ).toMatchObject({ code: 'forbidden' });
    socket.close();
  });
});

describe('a private room of the event', () => {
  it('takes the people on the roster an organizer invites, and stays hidden from the rest of it', async () => {
    const conferenceId = (await createConferenceAs(owner, { features: { networking: true, chat: true } })).id;
    const [invitee, other] = [
      await registerGuest(owner, conferenceId, 'Ivy'),
      await registerGuest(owner, conferenceId, 'Oscar'),
    ];
    const created = await api('POST', `/api/orgs/${orgId}/chat/rooms`, {
      token: owner.token,
      body: { name: 'Speakers’ corner', kind: 'private', conferenceId, memberIds: [invitee.user.id] },
    });
    expect(created.status, created.text).toBe(201);

    expect(summary(await roomsOf(conferenceId, invitee))).toEqual([
      { kind: 'lobby', name: 'Lobby', closed: false },
      { kind: 'private', name: 'Speakers’ corner', closed: false },
    ]);
    expect(summary(await roomsOf(conferenceId, other))).toEqual([
      { kind: 'lobby', name: 'Lobby', closed: false },
    ]);
  });

  it('refuses an invitee who is neither of the organization nor on the event’s roster', async () => {
    const conferenceId = (await createConferenceAs(owner, { features: { networking: true, chat: true } })).id;
    const stranger = await signInAs('owner', 'northwind-events');
    const refused = await api('POST', `/api/orgs/${orgId}/chat/rooms`, {
      token: owner.token,
      body: { name: 'Backstage', kind: 'private', conferenceId, memberIds: [stranger.user.id] },
    });
    expect(refused.status, refused.text).toBe(400);
    expect(refused.json.errors).toEqual([
      { path: 'memberIds.0', message: 'Neither a member of this organization nor on the event’s roster' },
    ]);
  });
});

describe('an event with chat off', () => {
  it('has no rooms until its organizers switch chat on; then the lobby and a room per session appear', async () => {
    const conference = await createConferenceAs(owner, { features: { networking: true, chat: false } });
    const added = await api('POST', `${base(conference.id)}/agenda`, {
      token: owner.token,
      body: { title: 'Workshop', start: '2027-08-01T11:00', end: '2027-08-01T12:00' },
    });
    expect(added.status, added.text).toBe(201);
    expect(await roomsOf(conference.id, owner)).toEqual([]);

    const switched = await api('PATCH', base(conference.id), {
      token: owner.token,
      body: { version: conference.version, features: { networking: true, chat: true } },
    });
    expect(switched.status, switched.text).toBe(200);
    expect(summary(await roomsOf(conference.id, owner))).toEqual([
      { kind: 'agenda-item', name: 'Workshop', closed: false },
      { kind: 'lobby', name: 'Lobby', closed: false },
    ]);
  });
});
