import { beforeAll, describe, expect, it } from 'vitest';
import { api, linkToken, type Session, signInAs, uniqueSuffix, waitForEmail } from '../../test/integ/api';
import { createConferenceAs } from '../../test/integ/conferences';
import { TestClient } from '../../test/integ/ws';

/**
 * Sponsor rooms, leads shared by consent and the networking counters, through the local cloud. Brightside
 * Plumbing's owner organizes; its member represents the sponsor; a guest registers by invitation.
 */
let owner: Session;
let member: Session;
let stranger: Session;
let orgId: string;

const conference = (conferenceId: string, rest = '') =>
  `/api/orgs/${orgId}/conferences/${conferenceId}${rest}`;

const createConference = async () =>
  (
    await createConferenceAs(owner, {
      name: `Expo ${uniqueSuffix()}`,
      startDate: '2027-06-01',
      endDate: '2027-06-01',
      timeZone: 'UTC',
      privacy: 'unlisted',
    })
  ).id;

/** A conference with one sponsor whose representatives are given; the member gets a role first. */
const sponsoredConference = async (representativeIds: string[]) => {
  const conferenceId = await createConference();
  const role = await api('POST', conference(conferenceId, '/attendees'), {
    token: owner.token,
    body: { email: member.user.email, name: 'Sam Okafor' },
  });
  expect(role.status, role.text).toBe(201);
  const tiers = await api('PUT', conference(conferenceId, '/sponsor-tiers'), {
    token: owner.token,
    body: { version: 0, tiers: [{ name: 'Gold', size: 'large' }] },
  });
  const sponsor = await api('POST', conference(conferenceId, '/sponsors'), {
    token: owner.token,
    body: {
      name: 'Acme Rockets',
      tierId: tiers.json.tiers[0].id,
      logoUrl: 'https://cdn.acme.example/logo.png',
      representativeIds,
    },
  });
  expect(sponsor.status, sponsor.text).toBe(201);
  return { conferenceId, sponsorId: sponsor.json.id as string };
};

/** Invites a guest with a formula-looking name, registers them and returns their session token. */
const guest = async (conferenceId: string) => {
  const email = `visitor-${uniqueSuffix()}@example.com`;
  const name = '=HYPERLINK("https://evil.example","Win")';
  const invited = await api('POST', conference(conferenceId, '/registrations'), {
    token: owner.token,
    body: { people: [{ email, name }] },
  });
  expect(invited.status, invited.text).toBe(200);
  const token = linkToken(await waitForEmail(email, /invited you to/), '/conference-invitation');
  const registered = await api('POST', '/api/public/conference-invitations/register', {
    body: { token, name, password: 'correct horse battery staple', answers: {} },
  });
  expect(registered.status, registered.text).toBe(200);
  return { token: registered.json.accessToken as string, email, name };
};

beforeAll(async () => {
  owner = await signInAs('owner', 'brightside-plumbing');
  member = await signInAs('member', 'brightside-plumbing');
  stranger = await signInAs('owner', 'northwind-events');
  orgId = owner.user.orgId!;
});

describe("a sponsor's room", () => {
  it('is branded, holds the representatives, and takes only invited people while by invitation', async () => {
    const { conferenceId, sponsorId } = await sponsoredConference([]);
    const roomPath = conference(conferenceId, `/sponsors/${sponsorId}/room`);
    const opened = await api('PUT', roomPath, { token: owner.token, body: { access: 'invitation' } });
    expect(opened.status, opened.text).toBe(200);
    expect(opened.json).toMatchObject({
      kind: 'sponsor',
      name: 'Acme Rockets booth',
      conferenceId,
      access: 'invitation',
      sponsor: { id: sponsorId, name: 'Acme Rockets', logoUrl: 'https://cdn.acme.example/logo.png' },
    });
    const roomId = opened.json.id as string;
    const client = await TestClient.connect(member.token);
    expect(await client.request('room.join', { roomId })).toMatchObject({ code: 'not-found' });

    const sponsors = await api('GET', conference(conferenceId, '/sponsors'), { token: owner.token });
    const updated = await api('PATCH', conference(conferenceId, `/sponsors/${sponsorId}`), {
      token: owner.token,
      body: { version: sponsors.json.sponsors[0].version, representativeIds: [member.user.id] },
    });
    expect(updated.status, updated.text).toBe(200);
    const again = await api('PUT', roomPath, { token: owner.token, body: { access: 'invitation' } });
    expect(again.json.id).toBe(roomId);
    expect(await client.request('room.join', { roomId })).toMatchObject({ type: 'ack' });

    const refused = await api('PUT', roomPath, { token: member.token, body: { access: 'open' } });
    expect(refused.status).toBe(403);
    const foreign = await api('PUT', conference(conferenceId, `/sponsors/${roomId}/room`), {
      token: owner.token,
      body: { access: 'open' },
    });
    expect(foreign.status).toBe(404);
    const open = await api('PUT', roomPath, { token: owner.token, body: { access: 'open' } });
    expect(open.json.access).toBe('open');
    client.close();
  });
});

describe('leads for a sponsor', () => {
  it('are shared by explicit consent, exported with formulas defused, and gone once revoked', async () => {
    const { conferenceId, sponsorId } = await sponsoredConference([member.user.id]);
    const visitor = await guest(conferenceId);
    const lead = conference(conferenceId, `/sponsors/${sponsorId}/lead`);
    const exportPath = conference(conferenceId, `/sponsors/${sponsorId}/leads/export`);

    expect((await api('GET', lead, { token: visitor.token })).json).toEqual({ sponsorId, sharedAt: null });
    const noConsent = await api('PUT', lead, { token: visitor.token, body: { consent: false } });
    expect(noConsent.status).toBe(400);
    expect(noConsent.json.errors[0]).toMatchObject({ path: 'consent' });
    const shared = await api('PUT', lead, { token: visitor.token, body: { consent: true } });
    expect(shared.status, shared.text).toBe(200);
    expect(shared.json.sharedAt).toEqual(expect.any(String));

    for (const session of [member, owner]) {
      const csv = await api('GET', exportPath, { token: session.token });
      expect(csv.status, csv.text).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      const lines = csv.text.trimEnd().split('\r\n');
      expect(lines[0]).toBe('Name,Email,Shared at (UTC)');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toMatch(
        new RegExp(`^"'=HYPERLINK\\(""https://evil.example"",""Win""\\)",${visitor.email},\\d{4}-`),
      );
    }
    expect((await api('GET', exportPath, { token: visitor.token })).status).toBe(403);
    expect((await api('GET', exportPath, { token: stranger.token })).status).toBe(404);
    const foreignSponsor = conference(conferenceId, `/sponsors/${conferenceId}/leads/export`);
    expect((await api('GET', foreignSponsor, { token: owner.token })).status).toBe(404);

    expect((await api('DELETE', lead, { token: visitor.token })).status).toBe(204);
    expect((await api('GET', lead, { token: visitor.token })).json.sharedAt).toBeNull();
    const after = await api('GET', exportPath, { token: member.token });
    expect(after.text.trimEnd().split('\r\n')).toEqual(['Name,Email,Shared at (UTC)']);
  });
});

describe('networking analytics', () => {
  it('counts messages per room, day and person as they are posted, and exports them', async () => {
    const conferenceId = await createConference();
    const rooms: string[] = [];
    for (const name of ['Main hall', '=cmd']) {
      const room = await api('POST', `/api/orgs/${orgId}/chat/rooms`, {
        token: owner.token,
        body: { name, kind: 'lobby', conferenceId },
      });
      rooms.push(room.json.id as string);
    }
    const [hall, other] = rooms as [string, string];
    // Rooms of an event take the people on its roster: the member attends.
    const added = await api('POST', `/api/orgs/${orgId}/conferences/${conferenceId}/attendees`, {
      token: owner.token,
      body: { email: member.user.email, name: 'Morgan Member' },
    });
    expect(added.status, added.text).toBe(201);
    const [a, b] = [await TestClient.connect(owner.token), await TestClient.connect(member.token)];
    for (const client of [a, b]) for (const roomId of rooms) await client.request('room.join', { roomId });
    const say = async (client: TestClient, roomId: string, times: number) => {
      for (let n = 0; n < times; n++)
        expect(await client.request('room.send', { roomId, text: `Hello ${n}` })).toMatchObject({
          type: 'ack',
        });
    };
    await say(a, hall, 3);
    await say(b, hall, 2);
    await say(b, other, 1);

    const stats = await api('GET', conference(conferenceId, '/analytics/networking'), { token: owner.token });
    expect(stats.status, stats.text).toBe(200);
    expect(stats.json).toMatchObject({
      messages: 6,
      connections: 0,
      rooms: [
        { roomId: hall, name: 'Main hall', messages: 5 },
        { roomId: other, name: '=cmd', messages: 1 },
      ],
      days: [{ date: new Date().toISOString().slice(0, 10), messages: 6 }],
    });
    expect(stats.json.people).toHaveLength(2);
    expect(stats.json.people).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: owner.user.id, messages: 3 }),
        expect.objectContaining({ userId: member.user.id, messages: 3 }),
      ]),
    );

    const csv = await api('GET', conference(conferenceId, '/analytics/networking/export?table=rooms'), {
      token: owner.token,
    });
    expect(csv.text).toBe("Room,Messages\r\nMain hall,5\r\n'=cmd,1\r\n");
    expect(
      (await api('GET', conference(conferenceId, '/analytics/networking'), { token: member.token })).status,
    ).toBe(403);
    expect(
      (
        await api('GET', conference(conferenceId, '/analytics/networking/export?table=x'), {
          token: owner.token,
        })
      ).status,
    ).toBe(400);
    a.close();
    b.close();
  });
});
