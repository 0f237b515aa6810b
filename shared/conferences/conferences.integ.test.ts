import { beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  inviteAndAccept,
  linkToken,
  refreshCookieOf,
  type Session,
  signInAs,
  stack,
  tableSnapshot,
  uniqueSuffix,
  waitForEmail,
} from '../../test/integ/api';

/**
 * Conferences and per-conference roles through the real routes: who sees which conference, across
 * conferences and organizations, and what a bad or stale write does (nothing).
 */
let admin: Session;
let owner: Session; // northwind-events
let member: Session; // northwind-events
let otherOwner: Session; // brightside-plumbing
let orgId: string;

const conferenceInput = (overrides: Record<string, unknown> = {}) => ({
  name: `Northwind Summit ${uniqueSuffix()}`,
  description: 'Two days of talks.\nBring a friend.',
  startDate: '2027-03-04',
  endDate: '2027-03-05',
  timeZone: 'Europe/Berlin',
  venue: { kind: 'in-person', name: 'Kongresshalle', address: 'Alexanderplatz 1, Berlin' },
  ...overrides,
});

const createConference = async (overrides: Record<string, unknown> = {}) => {
  const response = await api('POST', `/api/orgs/${orgId}/conferences`, {
    token: owner.token,
    body: conferenceInput(overrides),
  });
  expect(response.status, response.text).toBe(201);
  return response.json as { id: string; version: number; name: string };
};

/** Adds a person by email as the owner, accepts the invitation they get, and signs them in. */
const invitePerson = async (conferenceId: string, role: 'attendee' | 'organizer') => {
  const email = `guest-${uniqueSuffix()}@example.com`;
  const added = await api('POST', `/api/orgs/${orgId}/conferences/${conferenceId}/attendees`, {
    token: owner.token,
    body: { email, name: 'Grace Guest', role },
  });
  expect(added.status, added.text).toBe(201);
  expect(added.json).toMatchObject({ email, role, invited: true });
  const token = linkToken(await waitForEmail(email, /invited you to/), '/invitation');
  const accepted = await api('POST', '/api/auth/invitations/accept', {
    body: { token, name: 'Grace Guest', password: 'correct horse battery staple' },
  });
  expect(accepted.status, accepted.text).toBe(200);
  refreshCookieOf(accepted);
  return {
    token: accepted.json.accessToken as string,
    user: accepted.json.user as { id: string; role: string; orgId: string | null },
  };
};

const path = (conferenceId: string, rest = '') => `/api/orgs/${orgId}/conferences/${conferenceId}${rest}`;

beforeAll(async () => {
  [admin, owner, otherOwner] = await Promise.all([
    signInAs('admin'),
    signInAs('owner', 'northwind-events'),
    signInAs('owner', 'brightside-plumbing'),
  ]);
  orgId = owner.user.orgId!;
  member = await inviteAndAccept(admin.token, {
    email: `member-${uniqueSuffix()}@example.com`,
    name: 'Mo Member',
    role: 'member',
    orgId,
  });
});

describe('a conference', () => {
  it('is created by an owner and read by the organization, its admins and nobody else', async () => {
    const conference = await createConference();
    expect(conference).toMatchObject({ version: 1, privacy: 'invitation-only', liveLeadMinutes: 5 });
    const asOwner = await api('GET', path(conference.id), { token: owner.token });
    expect(asOwner.json.myRole).toBe('organizer');
    const asMember = await api('GET', path(conference.id), { token: member.token });
    expect(asMember.status).toBe(200);
    expect(asMember.json.myRole).toBe('member');
    expect((await api('GET', path(conference.id), { token: admin.token })).json.myRole).toBe('organizer');
    const listed = await api('GET', `/api/orgs/${orgId}/conferences`, { token: member.token });
    expect(listed.json.items.map((c: { id: string }) => c.id)).toContain(conference.id);

    const foreign = await api('GET', path(conference.id), { token: otherOwner.token });
    expect(foreign.status).toBe(404);
    expect(foreign.text).not.toContain(conference.name);
    // The conference is only found under its own organization, even by an operator admin.
    const elsewhere = `/api/orgs/${otherOwner.user.orgId}/conferences/${conference.id}`;
    expect((await api('GET', elsewhere, { token: admin.token })).status).toBe(404);
  });

  it('lets members read but not organize', async () => {
    const conference = await createConference();
    const edit = await api('PATCH', path(conference.id), {
      token: member.token,
      body: { version: 1, name: 'Renamed' },
    });
    expect(edit.status).toBe(403);
    const create = await api('POST', `/api/orgs/${orgId}/conferences`, {
      token: member.token,
      body: conferenceInput(),
    });
    expect(create.status).toBe(403);
  });

  it('is changed with its version; a stale version answers 409 and changes nothing', async () => {
    const conference = await createConference();
    const first = await api('PATCH', path(conference.id), {
      token: owner.token,
      body: {
        version: 1,
        name: 'Summit, renamed',
        privacy: 'public',
        features: { networking: false, chat: true },
      },
    });
    expect(first.status, first.text).toBe(200);
    expect(first.json).toMatchObject({ version: 2, name: 'Summit, renamed', privacy: 'public' });
    const before = await tableSnapshot();
    const stale = await api('PATCH', path(conference.id), {
      token: owner.token,
      body: { version: 1, name: 'Lost' },
    });
    expect(stale.status).toBe(409);
    expect(stale.json).toMatchObject({
      type: expect.stringContaining('version-conflict'),
      currentVersion: 2,
    });
    expect(await tableSnapshot()).toBe(before);
  });

  it('is archived by an organizer and then refuses changes', async () => {
    const conference = await createConference();
    const archived = await api('POST', path(conference.id, '/archive'), { token: owner.token });
    expect(archived.json.status).toBe('archived');
    const edit = await api('PATCH', path(conference.id), {
      token: owner.token,
      body: { version: 2, name: 'x' },
    });
    expect(edit.status).toBe(409);
  });
});

describe('per-conference roles', () => {
  it('let an invited guest attend one conference and learn nothing of another', async () => {
    const attended = await createConference();
    const other = await createConference();
    const guest = await invitePerson(attended.id, 'attendee');
    expect(guest.user).toMatchObject({ role: 'guest', orgId: null });

    const seen = await api('GET', path(attended.id), { token: guest.token });
    expect(seen.status, seen.text).toBe(200);
    expect(seen.json.myRole).toBe('attendee');
    expect((await api('GET', path(attended.id, '/agenda'), { token: guest.token })).status).toBe(200);
    expect(
      (await api('PATCH', path(attended.id), { token: guest.token, body: { version: 1, name: 'x' } })).status,
    ).toBe(403);
    expect((await api('GET', path(attended.id, '/attendees'), { token: guest.token })).status).toBe(403);

    const hidden = await api('GET', path(other.id), { token: guest.token });
    expect(hidden.status).toBe(404);
    expect(hidden.text).not.toContain(other.name);
    expect((await api('GET', `/api/orgs/${orgId}/conferences`, { token: guest.token })).status).toBe(404);
    expect((await api('GET', `/api/orgs/${orgId}/leads`, { token: guest.token })).status).toBe(404);

    const mine = await api('GET', '/api/me/conferences', { token: guest.token });
    expect(mine.json.items).toEqual([
      expect.objectContaining({ id: attended.id, myRole: 'attendee', organizationName: 'Northwind Events' }),
    ]);
  });

  it('let a guest organizer organize that conference only', async () => {
    const organized = await createConference();
    const other = await createConference();
    const organizer = await invitePerson(organized.id, 'organizer');
    const edit = await api('PATCH', path(organized.id), {
      token: organizer.token,
      body: { version: 1, description: 'Now with a keynote.' },
    });
    expect(edit.status, edit.text).toBe(200);
    expect(edit.json.myRole).toBe('organizer');
    expect(
      (await api('PATCH', path(other.id), { token: organizer.token, body: { version: 1, name: 'x' } }))
        .status,
    ).toBe(404);
  });

  it('lose access when the role is taken away', async () => {
    const conference = await createConference();
    const guest = await invitePerson(conference.id, 'attendee');
    const removed = await api('DELETE', path(conference.id, `/attendees/${guest.user.id}`), {
      token: owner.token,
    });
    expect(removed.status).toBe(204);
    expect((await api('GET', path(conference.id), { token: guest.token })).status).toBe(404);
  });

  it("answer 404 to another organization's people with no role, even on organizer routes", async () => {
    const conference = await createConference();
    for (const [method, rest] of [
      ['GET', ''],
      ['GET', '/agenda'],
      ['GET', '/attendees'],
      ['GET', '/live'],
      ['POST', '/archive'],
    ] as const)
      expect((await api(method, path(conference.id, rest), { token: otherOwner.token })).status, rest).toBe(
        404,
      );
  });
});

describe('the demo event', () => {
  it('has two days, two tracks, a dozen sessions and one that goes live minutes after seeding', async () => {
    const listed = await api('GET', `/api/orgs/${orgId}/conferences`, { token: owner.token });
    const summary = listed.json.items.find((c: { name: string }) => c.name === 'Northwind Summit');
    expect(summary).toMatchObject({ privacy: 'public', timeZone: 'Europe/Berlin' });
    const agenda = await api('GET', path(summary.id, '/agenda'), { token: owner.token });
    const { conference, items, speakers } = agenda.json;
    expect(items).toHaveLength(12);
    expect(new Set(items.map((i: { track: string }) => i.track))).toEqual(new Set(['Main', 'Tech']));
    expect(speakers).toHaveLength(4);
    const seededAt = Date.parse(conference.createdAt);
    const warmUp = items.find((i: { startUtc: string }) => Date.parse(i.startUtc) - seededAt < 5 * 60_000);
    expect(warmUp.stream.provider).toBe('youtube');
    // The tick a minute after seeding takes it live (other tests' ticks at later times may have ended it).
    const time = new Date(Math.ceil((seededAt + 60_000) / 1000) * 1000).toISOString();
    await fetch(`${stack().url}/_local/schedules/due-work/every-minute?time=${time}`, { method: 'POST' });
    const live = await api('GET', path(summary.id, '/live'), { token: owner.token });
    expect(['live', 'ended']).toContain(live.json.states[warmUp.id]);
  });
});

describe('hostile conference input', () => {
  const refused = async (body: Record<string, unknown>, field: string) => {
    const before = await tableSnapshot();
    const response = await api('POST', `/api/orgs/${orgId}/conferences`, { token: owner.token, body });
    expect(response.status, response.text).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(response.json.errors.map((e: { path: string }) => e.path)).toContain(field);
    expect(await tableSnapshot()).toBe(before);
  };

  it('refuses broken text, control characters and line breaks in one-line fields', async () => {
    await refused(conferenceInput({ name: 'Summit \ud800' }), 'name');
    await refused(conferenceInput({ name: 'Summit\r\nBcc: x' }), 'name');
    await refused(conferenceInput({ description: 'ok\u0000' }), 'description');
  });

  it('refuses unknown zones, dates in the wrong order, bad colours and javascript: venues', async () => {
    await refused(conferenceInput({ timeZone: 'Mars/Olympus_Mons' }), 'timeZone');
    await refused(conferenceInput({ startDate: '2027-03-05', endDate: '2027-03-04' }), 'endDate');
    await refused(conferenceInput({ startDate: '2027-02-30' }), 'startDate');
    await refused(
      conferenceInput({ branding: { primaryColor: 'red', accentColor: '#000000' } }),
      'branding.primaryColor',
    );
    await refused(conferenceInput({ venue: { kind: 'virtual', url: 'javascript:alert(1)' } }), 'venue.url');
    await refused(
      conferenceInput({
        registrationFields: [{ key: 'diet', type: 'select', label: 'Diet', required: true, options: [] }],
      }),
      'registrationFields.0.options',
    );
  });
});
