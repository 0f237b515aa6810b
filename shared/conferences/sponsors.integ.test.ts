import { beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  linkToken,
  type Session,
  signInAs,
  tableSnapshot,
  uniqueSuffix,
  waitForEmail,
} from '../../test/integ/api';
import { createConferenceAs } from '../../test/integ/conferences';

/** Sponsor tiers and sponsors through the real routes, hostile input included, and the public showcase. */
let owner: Session; // northwind-events
let orgId: string;

const path = (conferenceId: string, rest = '') => `/api/orgs/${orgId}/conferences/${conferenceId}${rest}`;

const createConference = (privacy = 'public') =>
  createConferenceAs(owner, {
    name: `Sponsored ${uniqueSuffix()}`,
    startDate: '2027-06-01',
    endDate: '2027-06-01',
    timeZone: 'UTC',
    privacy,
  });

const saveTiers = async (conferenceId: string, version: number, tiers: unknown[]) => {
  const response = await api('PUT', path(conferenceId, '/sponsor-tiers'), {
    token: owner.token,
    body: { version, tiers },
  });
  return response;
};

/** Invites a person, registers them and returns their session and user id. */
const attendee = async (conferenceId: string) => {
  const email = `rep-${uniqueSuffix()}@example.com`;
  const invited = await api('POST', path(conferenceId, '/registrations'), {
    token: owner.token,
    body: { people: [{ email, name: 'Rhea Rep' }] },
  });
  expect(invited.status, invited.text).toBe(200);
  const token = linkToken(await waitForEmail(email, /invited you to/), '/conference-invitation');
  const registered = await api('POST', '/api/public/conference-invitations/register', {
    body: { token, name: 'Rhea Rep', password: 'correct horse battery staple', answers: {} },
  });
  expect(registered.status, registered.text).toBe(200);
  return { token: registered.json.accessToken as string, userId: registered.json.user.id as string };
};

const sponsorBody = (tierId: string, overrides: Record<string, unknown> = {}) => ({
  name: 'Acme Rockets',
  tierId,
  logoUrl: 'https://cdn.acme.example/logo.png',
  description: 'Rockets for everyone.\nSince 1949.',
  links: [{ label: 'Website', url: 'https://acme.example' }],
  contact: { name: 'Wile E.', email: 'wile@acme.example', phone: '+1 555 0100' },
  ...overrides,
});

beforeAll(async () => {
  owner = await signInAs('owner', 'northwind-events');
  orgId = owner.user.orgId!;
});

describe('sponsor tiers', () => {
  it('are saved as an ordered list with their version, and a tier with sponsors cannot go', async () => {
    const conference = await createConference();
    const first = await saveTiers(conference.id, 0, [
      { name: 'Gold', size: 'large' },
      { name: 'Silver', size: 'medium' },
    ]);
    expect(first.status, first.text).toBe(200);
    expect(first.json.tiers.map((t: { name: string }) => t.name)).toEqual(['Gold', 'Silver']);
    const [gold, silver] = first.json.tiers as { id: string }[];

    expect((await saveTiers(conference.id, 0, [{ name: 'Late', size: 'small' }])).status).toBe(409);
    await api('POST', path(conference.id, '/sponsors'), { token: owner.token, body: sponsorBody(gold!.id) });
    const dropGold = await saveTiers(conference.id, 1, [{ id: silver!.id, name: 'Silver', size: 'medium' }]);
    expect(dropGold.status).toBe(409);
    const reordered = await saveTiers(conference.id, 1, [
      { id: silver!.id, name: 'Silver', size: 'medium' },
      { id: gold!.id, name: 'Platinum', size: 'large' },
    ]);
    expect(reordered.json).toMatchObject({
      tiersVersion: 2,
      tiers: [{ name: 'Silver' }, { name: 'Platinum' }],
    });
  });
});

describe('sponsors', () => {
  it('refuse hostile input field by field and write nothing', async () => {
    const conference = await createConference();
    const tiers = await saveTiers(conference.id, 0, [{ name: 'Gold', size: 'large' }]);
    const tierId = tiers.json.tiers[0].id as string;
    const before = await tableSnapshot();
    const hostile: [string, Record<string, unknown>][] = [
      ['a javascript: link', { links: [{ label: 'Click', url: 'javascript:alert(1)' }] }],
      ['a data: logo', { logoUrl: 'data:image/svg+xml,<svg onload=alert(1)>' }],
      ['a plain http link', { links: [{ label: 'Site', url: 'http://acme.example' }] }],
      ['a link with credentials', { links: [{ label: 'Site', url: 'https://user:pw@acme.example' }] }],
      ['a lone surrogate', { name: 'Acme \uD800 Rockets' }],
      ['CR/LF in the name', { name: 'Acme\r\nBcc: everyone@example.com' }],
      ['CR/LF in a link label', { links: [{ label: 'Site\r\nBcc: x', url: 'https://acme.example' }] }],
      ['a tier of no event', { tierId: '01J00000000000000000000000' }],
      ['a representative without a role', { representativeIds: [owner.user.id] }],
    ];
    for (const [label, overrides] of hostile) {
      const response = await api('POST', path(conference.id, '/sponsors'), {
        token: owner.token,
        body: sponsorBody(tierId, overrides),
      });
      expect(response.status, label).toBe(400);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
    }
    expect(await tableSnapshot()).toBe(before);
  });

  it('keep links normalized, show representatives to members and contacts only to organizers', async () => {
    const conference = await createConference();
    const tierId = (await saveTiers(conference.id, 0, [{ name: 'Gold', size: 'large' }])).json.tiers[0].id;
    const rep = await attendee(conference.id);
    const created = await api('POST', path(conference.id, '/sponsors'), {
      token: owner.token,
      body: sponsorBody(tierId, {
        links: [{ label: 'Website', url: 'HTTPS://Acme.Example/path' }],
        representativeIds: [rep.userId],
      }),
    });
    expect(created.status, created.text).toBe(201);
    expect(created.json.links).toEqual([{ label: 'Website', url: 'https://acme.example/path' }]);
    expect(created.json.representatives).toEqual([{ userId: rep.userId, name: 'Rhea Rep' }]);

    const asAttendee = await api('GET', path(conference.id, '/sponsors'), { token: rep.token });
    expect(asAttendee.status).toBe(200);
    expect(asAttendee.json.sponsors[0]).toMatchObject({ name: 'Acme Rockets', contact: null });
    expect(asAttendee.text).not.toContain('wile@acme.example');
    const asOwner = await api('GET', path(conference.id, '/sponsors'), { token: owner.token });
    expect(asOwner.json.sponsors[0].contact).toMatchObject({ email: 'wile@acme.example' });
    const denied = await api('POST', path(conference.id, '/sponsors'), {
      token: rep.token,
      body: sponsorBody(tierId),
    });
    expect(denied.status).toBe(403);

    const stale = await api('PATCH', path(conference.id, `/sponsors/${created.json.id}`), {
      token: owner.token,
      body: { version: 2, name: 'Lost' },
    });
    expect(stale.status).toBe(409);
    const renamed = await api('PATCH', path(conference.id, `/sponsors/${created.json.id}`), {
      token: owner.token,
      body: { version: 1, name: 'Acme Space' },
    });
    expect(renamed.json).toMatchObject({ name: 'Acme Space', version: 2 });
  });

  it('appear tier by tier on the public page, without contacts or representatives', async () => {
    const conference = await createConference();
    const tiers = (
      await saveTiers(conference.id, 0, [
        { name: 'Gold', size: 'large' },
        { name: 'Community', size: 'small' },
      ])
    ).json.tiers as { id: string }[];
    for (const [name, tier, rank] of [
      ['Zeta Corp', tiers[0]!, 2],
      ['Alpha Inc', tiers[0]!, 1],
      ['Meetup Club', tiers[1]!, 1],
    ] as const) {
      const response = await api('POST', path(conference.id, '/sponsors'), {
        token: owner.token,
        body: sponsorBody(tier.id, { name, rank }),
      });
      expect(response.status, response.text).toBe(201);
    }
    const page = await api('GET', `/api/public/orgs/${orgId}/conferences/${conference.id}`);
    expect(page.status, page.text).toBe(200);
    expect(
      page.json.sponsorTiers.map((tier: { name: string; size: string; sponsors: { name: string }[] }) => [
        tier.name,
        tier.size,
        tier.sponsors.map((s) => s.name),
      ]),
    ).toEqual([
      ['Gold', 'large', ['Alpha Inc', 'Zeta Corp']],
      ['Community', 'small', ['Meetup Club']],
    ]);
    expect(page.text).not.toContain('wile@acme.example');
    expect(page.text).not.toContain('representatives');
  });
});
