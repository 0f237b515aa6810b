import { beforeAll, describe, expect, it } from 'vitest';
import { api, type Session, signInAs, uniqueSuffix } from '../../test/integ/api';
import { registerGuest } from '../../test/integ/conferences';
import { measureRequest, roundTripBudget } from '../../test/integ/round-trips';
import { TestClient } from '../../test/integ/ws';

/**
 * DynamoDB round trips of the networking and chat routes, each request run through its function's real
 * handler (authentication and policy included) against the run's local cloud, with the counting
 * middleware on the function's own client.
 */
let owner: Session;
let orgId: string;
let conferenceId: string;
let ada: Session;
let bob: Session;
let sponsorId: string;
let tierId: string;
let lobbyId: string;

const conference = (rest = '') => `/api/orgs/${orgId}/conferences/${conferenceId}${rest}`;
const net = (rest = '') => conference(`/networking${rest}`);

beforeAll(async () => {
  owner = await signInAs('owner', 'northwind-events');
  orgId = owner.user.orgId!;
  const created = await api('POST', `/api/orgs/${orgId}/conferences`, {
    token: owner.token,
    body: {
      name: `Round Trip Summit ${uniqueSuffix()}`,
      startDate: '2027-09-01',
      endDate: '2027-09-01',
      timeZone: 'Europe/Berlin',
      features: { networking: true, chat: true },
    },
  });
  expect(created.status, created.text).toBe(201);
  conferenceId = created.json.id;
  ada = await registerGuest(owner, conferenceId, 'Ada');
  bob = await registerGuest(owner, conferenceId, 'Bob');
  for (const person of [ada, bob]) {
    const saved = await api('PUT', net('/profile'), {
      token: person.token,
      body: { listed: true, company: 'Initech', title: 'Engineer', interests: [] },
    });
    expect(saved.status, saved.text).toBe(200);
  }
  expect(
    (await api('POST', net('/requests'), { token: ada.token, body: { userId: bob.user.id } })).status,
  ).toBe(201);
  expect((await api('POST', net(`/requests/${ada.user.id}/accept`), { token: bob.token })).status).toBe(200);
  const socket = await TestClient.connect(ada.token);
  expect(await socket.request('dm.subscribe', { orgId, conferenceId })).toMatchObject({ type: 'ack' });
  expect(
    await socket.request('dm.send', { orgId, conferenceId, to: bob.user.id, text: 'Hello' }),
  ).toMatchObject({ type: 'ack' });
  socket.close();

  const tiers = await api('PUT', conference('/sponsor-tiers'), {
    token: owner.token,
    body: { version: 0, tiers: [{ name: 'Gold', size: 'large' }] },
  });
  expect(tiers.status, tiers.text).toBe(200);
  tierId = tiers.json.tiers[0].id;
  const sponsor = await api('POST', conference('/sponsors'), {
    token: owner.token,
    body: { name: 'Acme Rockets', tierId: tiers.json.tiers[0].id, logoUrl: null, representativeIds: [] },
  });
  expect(sponsor.status, sponsor.text).toBe(201);
  sponsorId = sponsor.json.id;
  const lobby = await api('POST', `/api/orgs/${orgId}/chat/rooms`, {
    token: owner.token,
    body: { name: 'Lobby', kind: 'lobby', conferenceId },
  });
  expect(lobby.status, lobby.text).toBe(201);
  lobbyId = lobby.json.id;
}, 120_000);

const within = async (
  label: string,
  method: string,
  path: string,
  token: () => string,
  status: number,
  body?: unknown,
  budget = roundTripBudget,
) => {
  const measured = await measureRequest(method, path, { token: token(), body });
  expect(measured.status, `${label}: ${JSON.stringify(measured.body)}`).toBe(status);
  expect(measured.roundTrips, `${label}: ${measured.commands.join(', ')}`).toBeLessThanOrEqual(budget);
};

describe(`networking routes take at most ${roundTripBudget} DynamoDB round trips`, () => {
  const cases: [string, string, () => string, () => string, number, (() => unknown)?][] = [
    ['own card', 'GET', () => net('/profile'), () => ada.token, 200],
    ['save card', 'PUT', () => net('/profile'), () => ada.token, 200, () => ({ title: 'Staff engineer' })],
    ['directory', 'GET', () => net('/directory?limit=25'), () => ada.token, 200],
    ['a person', 'GET', () => net(`/people/${bob.user.id}`), () => ada.token, 200],
    ['links', 'GET', () => net('/links?state=connected'), () => ada.token, 200],
    ['blocks', 'GET', () => net('/blocks'), () => ada.token, 200],
    ['conversations', 'GET', () => net('/conversations'), () => ada.token, 200],
    [
      'a conversation’s messages',
      'GET',
      () => net(`/conversations/${bob.user.id}/messages`),
      () => ada.token,
      200,
    ],
    ['settings', 'GET', () => net('/settings'), () => owner.token, 200],
    [
      'save settings',
      'PUT',
      () => net('/settings'),
      () => owner.token,
      200,
      () => ({ messagesWithoutConnection: false }),
    ],
  ];
  for (const [label, method, path, token, status, body] of cases)
    it(label, () => within(label, method, path(), token, status, body?.()));

  it('a connection request, its withdrawal, a block and its end', async () => {
    const cyd = await registerGuest(owner, conferenceId, 'Cyd');
    await api('PUT', net('/profile'), { token: cyd.token, body: { listed: true } });
    await within('request', 'POST', net('/requests'), () => cyd.token, 201, { userId: ada.user.id });
    await within('withdraw', 'DELETE', net(`/requests/${ada.user.id}`), () => cyd.token, 204);
    await within('request again', 'POST', net('/requests'), () => cyd.token, 201, { userId: ada.user.id });
    await within('decline', 'POST', net(`/requests/${cyd.user.id}/decline`), () => ada.token, 204);
    await within('request a third time', 'POST', net('/requests'), () => ada.token, 201, {
      userId: cyd.user.id,
    });
    await within('accept', 'POST', net(`/requests/${ada.user.id}/accept`), () => cyd.token, 200);
    await within('block', 'POST', net('/blocks'), () => cyd.token, 204, { userId: ada.user.id });
    await within('unblock', 'DELETE', net(`/blocks/${ada.user.id}`), () => cyd.token, 204);
  }, 60_000);
});

describe(`sponsor-room and event-room routes take at most ${roundTripBudget} DynamoDB round trips`, () => {
  it('opening a sponsor’s room, and changing its access', async () => {
    const path = conference(`/sponsors/${sponsorId}/room`);
    await within('open', 'PUT', path, () => owner.token, 200, { access: 'open' });
    await within('change access', 'PUT', path, () => owner.token, 200, { access: 'invitation' });
  });

  /**
   * Over budget, by one, once the sponsor has representatives: their names come from the event's roster
   * (so a person taken off the roster leaves the sponsor's list), read after the showcase that names them.
   */
  it('opening the room of a sponsor with representatives (4: listed as over budget)', async () => {
    const sponsor = await api('POST', conference('/sponsors'), {
      token: owner.token,
      body: { name: 'Bolt Labs', tierId: tierId, logoUrl: null, representativeIds: [bob.user.id] },
    });
    expect(sponsor.status, sponsor.text).toBe(201);
    const path = conference(`/sponsors/${sponsor.json.id}/room`);
    await within('open', 'PUT', path, () => owner.token, 200, { access: 'open' }, 4);
  });

  it('the rooms of an event, one room, its members and its messages', async () => {
    const rooms = `/api/orgs/${orgId}/chat/rooms`;
    await within(
      'rooms of the event',
      'GET',
      `${rooms}?conferenceId=${conferenceId}`,
      () => owner.token,
      200,
    );
    await within('a room', 'GET', `${rooms}/${lobbyId}`, () => owner.token, 200);
    await within('its members', 'GET', `${rooms}/${lobbyId}/members`, () => owner.token, 200);
    await within('its messages', 'GET', `${rooms}/${lobbyId}/messages`, () => owner.token, 200);
  });

  it('opening a private room of the event with people from its roster, and one of the organization', async () => {
    const invite = { name: 'Green room', memberIds: [ada.user.id, bob.user.id] };
    await within('event room', 'POST', conference('/chat/rooms'), () => owner.token, 201, invite);
    await within('room', 'POST', `/api/orgs/${orgId}/chat/rooms`, () => owner.token, 201, {
      ...invite,
      kind: 'private',
      conferenceId,
    });
  });

  it('adding someone from the roster to a room of the event, their leaving, and their removal', async () => {
    const opened = await api('POST', conference('/chat/rooms'), {
      token: owner.token,
      body: { name: 'Huddle' },
    });
    expect(opened.status, opened.text).toBe(201);
    const members = conference(`/chat/rooms/${opened.json.id}/members`);
    await within('add', 'POST', members, () => owner.token, 201, { userId: ada.user.id });
    await within('leave', 'DELETE', `${members}/${ada.user.id}`, () => ada.token, 204);
    expect((await api('POST', members, { token: owner.token, body: { userId: bob.user.id } })).status).toBe(
      201,
    );
    await within('remove', 'DELETE', `${members}/${bob.user.id}`, () => owner.token, 204);
  });
});
