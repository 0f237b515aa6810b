import { beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiResponse,
  api,
  createOrganization,
  demoUser,
  eventsSettled,
  inviteAndAccept,
  type Session,
  signInAs,
  tableSnapshot,
  uniqueSuffix,
  walkPages,
} from '../../test/integ/api';

/**
 * Organizations through the local cloud: creation and its uniqueness rules, search, versioned edits,
 * archiving, the owner-edited profile, the activity log and the member list. The stack is shared by all
 * integration files, so every test works on organizations it created itself.
 */

let admin: Session;
/** An organization of this file with its own owner and member. */
let home: { id: string; name: string; slug: string };
let owner: Session;
let member: Session;
const ownerName = `Olive Owner ${uniqueSuffix()}`;

beforeAll(async () => {
  admin = await signInAs('admin');
  home = await createOrganization(admin.token, `Profile Org ${uniqueSuffix()}`);
  const user = (role: 'owner' | 'member', name: string) =>
    inviteAndAccept(admin.token, {
      email: `${role}-${uniqueSuffix()}@example.com`,
      name,
      role,
      orgId: home.id,
    });
  [owner, member] = await Promise.all([
    user('owner', ownerName),
    user('member', `Milo Member ${uniqueSuffix()}`),
  ]);
});

const orgBody = (overrides: Record<string, unknown> = {}) => {
  const suffix = uniqueSuffix();
  return { name: `Org ${suffix}`, slug: `org-${suffix}`, timeZone: 'Europe/Berlin', ...overrides };
};
const create = (body: Record<string, unknown>) => api('POST', '/api/orgs', { token: admin.token, body });
const patch = (orgId: string, body: Record<string, unknown>) =>
  api('PATCH', `/api/orgs/${orgId}`, { token: admin.token, body });
const profileOf = (orgId: string, token: string) => api('GET', `/api/orgs/${orgId}/profile`, { token });
const putProfile = (orgId: string, token: string, body: Record<string, unknown>) =>
  api('PUT', `/api/orgs/${orgId}/profile`, { token, body });
const profileBody = (version: number, overrides: Record<string, unknown> = {}) => ({
  version,
  summary: 'Family plumbers since 1982.',
  website: null,
  socialLinks: {},
  focusTopics: [],
  ...overrides,
});
const currentProfileVersion = async (orgId: string, token: string) =>
  (await profileOf(orgId, token)).json.version as number;

const expectProblem = (response: ApiResponse, status: number, type?: string) => {
  expect(response.status, response.text).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  expect(response.json.status).toBe(status);
  if (type) expect(response.json.type).toBe(`/api/docs#problem-${type}`);
};
const errorPaths = (response: ApiResponse) =>
  (response.json.errors as { path: string }[]).map((error) => error.path).sort();

const ids = (pages: { id: string }[][]) => pages.flat().map((item) => item.id);

describe('creating an organization', () => {
  it('answers 201 with version 1 and the given settings', async () => {
    // Prepare
    const body = orgBody({
      timeZone: 'America/New_York',
      allowedOrigins: ['https://create.example/'],
      branding: { color: '#1a73e8', logoUrl: null },
    });

    // Act
    const response = await create(body);

    // Assess
    expect(response.status, response.text).toBe(201);
    expect(response.json).toMatchObject({
      ...body,
      allowedOrigins: ['https://create.example'],
      status: 'active',
      version: 1,
    });
    const stored = await api('GET', `/api/orgs/${response.json.id}`, { token: admin.token });
    expect(stored.json).toEqual(response.json);
  });

  it('refuses a taken slug with 409 and writes nothing', async () => {
    // Prepare
    const first = await createOrganization(admin.token);
    await eventsSettled();
    const before = await tableSnapshot();

    // Act
    const response = await create(orgBody({ slug: first.slug.toUpperCase() }));

    // Assess
    expectProblem(response, 409, 'conflict');
    await eventsSettled();
    expect(await tableSnapshot()).toBe(before);
  });

  it('refuses an unknown time zone, an origin with a path and a bad colour, naming each field (400)', async () => {
    // Act
    const response = await create(
      orgBody({
        timeZone: 'Mars/Olympus_Mons',
        allowedOrigins: ['https://fine.example', 'https://example.com/path'],
        branding: { color: 'blue', logoUrl: null },
      }),
    );

    // Assess
    expectProblem(response, 400, 'validation');
    expect(errorPaths(response)).toEqual(['allowedOrigins.1', 'branding.color', 'timeZone']);
  });
});

describe('the organization list', () => {
  const token = `kestrel${uniqueSuffix()}`;
  // Names share a prefix so the three sort next to each other.
  const harbour = { name: `Kestrel ${token} Harbour`, slug: `hb-${token}` };
  const lantern = { name: `Kestrel ${token} Lantern`, slug: `ln-${token}` };
  const meadow = { name: `Kestrel ${token} Meadow`, slug: `md-${token}` };
  const created: Record<string, string> = {};
  const search = (query: string) => walkPages(`/api/orgs?${query}&limit=100`, admin.token);

  beforeAll(async () => {
    for (const org of [harbour, lantern, meadow]) {
      const response = await create({ ...org, timeZone: 'UTC' });
      expect(response.status, response.text).toBe(201);
      created[org.slug] = response.json.id;
    }
    const archived = await api('POST', `/api/orgs/${created[lantern.slug]}/archive`, { token: admin.token });
    expect(archived.status, archived.text).toBe(200);
  });

  it('finds organizations by part of the name and by slug', async () => {
    // Act
    const byName = await search(`q=${encodeURIComponent(`${token} HARBOUR`)}`);
    const bySlug = await search(`q=ln-${token}`);
    const byPrefix = await search(`q=${encodeURIComponent(`kestrel ${token}`)}`);

    // Assess
    expect(ids(byName)).toEqual([created[harbour.slug]]);
    expect(ids(bySlug)).toEqual([created[lantern.slug]]);
    expect(ids(byPrefix)).toEqual([created[harbour.slug], created[lantern.slug], created[meadow.slug]]);
  });

  it('filters by status', async () => {
    // Act
    const archived = await search(`q=${token}&status=archived`);
    const active = await search(`q=${token}&status=active`);

    // Assess
    expect(ids(archived)).toEqual([created[lantern.slug]]);
    expect(ids(active)).toEqual([created[harbour.slug], created[meadow.slug]]);
  });

  it('walks pages of limit=1 through nextCursor without repeats', async () => {
    // Act
    const pages = await walkPages('/api/orgs?limit=1', admin.token);

    // Assess
    expect(pages.every((page) => page.length <= 1)).toBe(true);
    const seen = ids(pages);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining(Object.values(created)));
  });

  it('returns at most `limit` organizations on a filtered page', async () => {
    // Act: three neighbours in sort order, so some read of four items holds two of them.
    const pages = await walkPages(`/api/orgs?q=${token}&limit=1`, admin.token);

    // Assess
    expect(ids(pages)).toEqual(Object.values(created));
    expect(pages.map((page) => page.length).filter((length) => length > 1)).toEqual([]);
  });
});

describe('updating an organization', () => {
  it('saves with the current version and answers the next version', async () => {
    // Prepare
    const org = await createOrganization(admin.token);

    // Act
    const response = await patch(org.id, { version: 1, name: `${org.name} Renamed`, timeZone: 'Asia/Tokyo' });

    // Assess
    expect(response.status, response.text).toBe(200);
    expect(response.json).toMatchObject({ name: `${org.name} Renamed`, timeZone: 'Asia/Tokyo', version: 2 });
    expect((await api('GET', `/api/orgs/${org.id}`, { token: admin.token })).json).toEqual(response.json);
  });

  it('refuses a stale version with a version-conflict 409 carrying the current version', async () => {
    // Prepare
    const org = await createOrganization(admin.token);
    expect((await patch(org.id, { version: 1, name: `${org.name} First` })).status).toBe(200);

    // Act
    const stale = await patch(org.id, { version: 1, name: `${org.name} Second` });

    // Assess
    expectProblem(stale, 409, 'version-conflict');
    expect(stale.json.currentVersion).toBe(2);
    const stored = await api('GET', `/api/orgs/${org.id}`, { token: admin.token });
    expect(stored.json).toMatchObject({ name: `${org.name} First`, version: 2 });
  });

  it('a slug change frees the old slug for another organization', async () => {
    // Prepare
    const org = await createOrganization(admin.token);

    // Act
    const changed = await patch(org.id, { version: 1, slug: `${org.slug}-moved` });
    const taker = await create(orgBody({ slug: org.slug }));

    // Assess
    expect(changed.status, changed.text).toBe(200);
    expect(changed.json.slug).toBe(`${org.slug}-moved`);
    expect(taker.status, taker.text).toBe(201);
  });

  it('refuses a slug another organization holds (409) and keeps its own', async () => {
    // Prepare
    const org = await createOrganization(admin.token);
    const other = await createOrganization(admin.token);

    // Act
    const response = await patch(org.id, { version: 1, slug: other.slug });

    // Assess
    expectProblem(response, 409, 'conflict');
    const stored = await api('GET', `/api/orgs/${org.id}`, { token: admin.token });
    expect(stored.json).toMatchObject({ slug: org.slug, version: 1 });
  });
});

describe('archiving', () => {
  it('archives once, refuses a second archive (409), and restores', async () => {
    // Prepare
    const org = await createOrganization(admin.token);

    // Act
    const archived = await api('POST', `/api/orgs/${org.id}/archive`, { token: admin.token });
    const again = await api('POST', `/api/orgs/${org.id}/archive`, { token: admin.token });
    const restored = await api('POST', `/api/orgs/${org.id}/restore`, { token: admin.token });

    // Assess
    expect(archived.status, archived.text).toBe(200);
    expect(archived.json).toMatchObject({ status: 'archived', version: 2 });
    expectProblem(again, 409, 'conflict');
    expect(restored.status, restored.text).toBe(200);
    expect(restored.json).toMatchObject({ status: 'active', version: 3 });
  });
});

describe('the profile', () => {
  it('an owner edits summary, website, X link and focus topics; a member reads them', async () => {
    // Prepare
    const version = await currentProfileVersion(home.id, owner.token);
    const body = profileBody(version, {
      summary: 'Emergency plumbing, day and night.',
      website: 'https://brightside.example',
      socialLinks: { x: 'https://x.com/brightside' },
      focusTopics: ['Boilers', 'Leak repair'],
    });

    // Act
    const saved = await putProfile(home.id, owner.token, body);
    const read = await profileOf(home.id, member.token);

    // Assess
    expect(saved.status, saved.text).toBe(200);
    const { version: _sent, ...fields } = body;
    expect(saved.json).toMatchObject({
      ...fields,
      orgId: home.id,
      version: version + 1,
      updatedBy: ownerName,
    });
    expect(read.status, read.text).toBe(200);
    expect(read.json).toEqual(saved.json);
  });

  it('refuses an X link on another host, naming socialLinks.x (400)', async () => {
    // Prepare
    const version = await currentProfileVersion(home.id, owner.token);

    // Act
    const response = await putProfile(
      home.id,
      owner.token,
      profileBody(version, { socialLinks: { x: 'https://evil.example/brightside' } }),
    );

    // Assess
    expectProblem(response, 400, 'validation');
    expect(errorPaths(response)).toEqual(['socialLinks.x']);
  });

  it('refuses the same focus topic twice, whatever its case (400)', async () => {
    // Prepare
    const version = await currentProfileVersion(home.id, owner.token);

    // Act
    const response = await putProfile(
      home.id,
      owner.token,
      profileBody(version, { focusTopics: ['SEO', 'seo'] }),
    );

    // Assess
    expectProblem(response, 400, 'validation');
    expect(errorPaths(response)).toEqual(['focusTopics']);
  });

  it('lets a member read but not edit (403)', async () => {
    // Prepare
    const before = await profileOf(home.id, member.token);

    // Act
    const response = await putProfile(home.id, member.token, profileBody(before.json.version));

    // Assess
    expect(before.status, before.text).toBe(200);
    expectProblem(response, 403, 'forbidden');
    expect((await profileOf(home.id, member.token)).json).toEqual(before.json);
  });

  it('lets exactly one of two concurrent edits from the same version win; the other gets 409 with the current version', async () => {
    // Prepare
    const version = await currentProfileVersion(home.id, owner.token);
    const bodies = [
      profileBody(version, { summary: 'Edited in the first tab' }),
      profileBody(version, { summary: 'Edited in the second tab' }),
    ];

    // Act
    const responses = await Promise.all(bodies.map((body) => putProfile(home.id, owner.token, body)));

    // Assess
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = responses.find((r) => r.status === 200)!;
    const loser = responses.find((r) => r.status === 409)!;
    expectProblem(loser, 409, 'version-conflict');
    expect(loser.json.currentVersion).toBe(version + 1);
    expect((await profileOf(home.id, owner.token)).json).toEqual(winner.json);
  });

  it('answers a repeated save (a retried PUT) with its own result instead of a conflict with itself', async () => {
    // Prepare
    const version = await currentProfileVersion(home.id, owner.token);
    const body = profileBody(version, { summary: 'Saved once, sent twice' });
    const activityBefore = await api('GET', `/api/orgs/${home.id}/activity`, { token: owner.token });

    // Act
    const first = await putProfile(home.id, owner.token, body);
    const repeated = await putProfile(home.id, owner.token, body);
    const other = await putProfile(home.id, owner.token, { ...body, summary: 'A different edit' });

    // Assess
    expect(first.status, first.text).toBe(200);
    expect(repeated.status, repeated.text).toBe(200);
    expect(repeated.json).toEqual(first.json);
    expect(first.json.version).toBe(version + 1);
    expectProblem(other, 409, 'version-conflict');
    const activityAfter = await api('GET', `/api/orgs/${home.id}/activity`, { token: owner.token });
    expect(activityAfter.json.items.length - activityBefore.json.items.length).toBe(1);
  });

  it('stores markup in the summary verbatim: escaping is the renderer’s job', async () => {
    // Prepare
    const version = await currentProfileVersion(home.id, owner.token);
    const summary = '<script>alert(1)</script> & "quotes" <b>bold</b>';

    // Act
    const saved = await putProfile(home.id, owner.token, profileBody(version, { summary }));
    const read = await profileOf(home.id, member.token);

    // Assess
    expect(saved.status, saved.text).toBe(200);
    expect(read.headers.get('content-type')).toBe('application/json');
    expect(read.json.summary).toBe(summary);
  });
});

describe('the activity log', () => {
  it('lists entries newest first and pages through them', async () => {
    // Prepare
    const org = await createOrganization(admin.token);
    expect((await putProfile(org.id, admin.token, profileBody(0))).status).toBe(200);

    // Act
    const all = await api('GET', `/api/orgs/${org.id}/activity`, { token: admin.token });
    const pages = await walkPages(`/api/orgs/${org.id}/activity?limit=1`, admin.token);

    // Assess
    expect(all.status, all.text).toBe(200);
    const entries = all.json.items as { id: string; at: string; kind: string }[];
    expect(entries.map((entry) => entry.kind)).toEqual(['profile.updated', 'organization.created']);
    expect(entries[0]!.at >= entries[1]!.at).toBe(true);
    expect(pages.every((page) => page.length <= 1)).toBe(true);
    expect(ids(pages)).toEqual(entries.map((entry) => entry.id));
  });

  it("refuses a cursor from another organization's log (400)", async () => {
    // Prepare
    const org = await createOrganization(admin.token);
    const forged = Buffer.from(JSON.stringify({ pk: `ORG#${home.id}#`, sk: 'ACTIVITY#' })).toString(
      'base64url',
    );

    // Act
    const response = await api('GET', `/api/orgs/${org.id}/activity?cursor=${forged}`, {
      token: admin.token,
    });

    // Assess
    expectProblem(response, 400);
  });
});

describe('the member list', () => {
  it("shows the organization's users and nobody from another organization", async () => {
    // Prepare
    const outsider = demoUser('owner', 'brightside-plumbing');
    const found = await api('GET', '/api/orgs?q=brightside-plumbing', { token: admin.token });
    const brightside = (found.json.items as { id: string; slug: string }[]).find(
      (org) => org.slug === 'brightside-plumbing',
    )!;

    // Act
    const mine = await api('GET', `/api/orgs/${home.id}/members`, { token: member.token });
    const theirs = await api('GET', `/api/orgs/${brightside.id}/members`, { token: admin.token });

    // Assess
    expect(mine.status, mine.text).toBe(200);
    const emailsOf = (response: ApiResponse) =>
      (response.json.items as { email: string }[]).map((item) => item.email).sort();
    expect(emailsOf(mine)).toEqual([owner.user.email, member.user.email].sort());
    expect(emailsOf(theirs)).toContain(outsider.email);
    expect(emailsOf(theirs)).not.toContain(owner.user.email);
    expect(emailsOf(theirs)).not.toContain(member.user.email);
  });
});
