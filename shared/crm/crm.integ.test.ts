import { beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiResponse,
  api,
  createOrganization,
  eventsSettled,
  inviteAndAccept,
  publishedEvents,
  type Session,
  signInAs,
  tableSnapshot,
  uniqueSuffix,
  walkPages,
} from '../../test/integ/api';
import type { JobView, LeadView, TimelineEntry } from './contracts';

/**
 * Leads and jobs through the local cloud: the pipeline and its duplicate rule, filters, search, cursors
 * and the CSV export; jobs from leads and directly, time zones, the lifecycle and its events. Every test
 * works in an organization this file creates (time zone Europe/Berlin), so the demo data stays as seeded.
 */

let admin: Session;
let home: { id: string; name: string; slug: string };
let owner: Session;
let member: Session;
let outsider: Session; // brightside-plumbing's owner

beforeAll(async () => {
  [admin, outsider] = await Promise.all([signInAs('admin'), signInAs('owner', 'brightside-plumbing')]);
  home = await createOrganization(admin.token, `Crm Org ${uniqueSuffix()}`);
  const user = (role: 'owner' | 'member', name: string) =>
    inviteAndAccept(admin.token, {
      email: `${role}-${uniqueSuffix()}@example.com`,
      name,
      role,
      orgId: home.id,
    });
  [owner, member] = await Promise.all([user('owner', 'Olga Owner'), user('member', 'Mika Member')]);
});

const leadsPath = () => `/api/orgs/${home.id}/leads`;
const jobsPath = () => `/api/orgs/${home.id}/jobs`;

let phoneCounter = 0;

/** A lead with a unique email and phone, so tests never trip over each other's duplicates. */
const leadBody = (overrides: Record<string, unknown> = {}) => {
  const suffix = uniqueSuffix();
  return {
    name: `Lead ${suffix}`,
    email: `lead-${suffix}@example.com`,
    phone: `+49 30 5550${String(phoneCounter++).padStart(4, '0')}`,
    message: 'The boiler makes a noise.',
    serviceWanted: 'Boiler repair',
    ...overrides,
  };
};

const addLead = async (overrides: Record<string, unknown> = {}, token = member.token) => {
  const response = await api('POST', leadsPath(), { token, body: leadBody(overrides) });
  expect(response.status, response.text).toBe(201);
  return response.json as LeadView;
};

const setStatus = (
  lead: { id: string; version: number },
  status: string,
  extra: Record<string, unknown> = {},
) =>
  api('POST', `${leadsPath()}/${lead.id}/status`, {
    token: member.token,
    body: { version: lead.version, status, ...extra },
  });

const jobBody = (overrides: Record<string, unknown> = {}) => ({
  customer: { name: 'Direct Customer', email: `direct-${uniqueSuffix()}@example.com` },
  title: 'Boiler service',
  address: 'Torstraße 1, Berlin',
  scheduledAt: '2026-07-01T09:30',
  price: { amountMinor: 12_900, currency: 'EUR' },
  ...overrides,
});

const addJob = async (overrides: Record<string, unknown> = {}) => {
  const response = await api('POST', jobsPath(), { token: member.token, body: jobBody(overrides) });
  expect(response.status, response.text).toBe(201);
  return response.json as JobView;
};

const setJobStatus = (job: { id: string; version: number }, status: string) =>
  api('POST', `${jobsPath()}/${job.id}/status`, {
    token: owner.token,
    body: { version: job.version, status },
  });

const expectProblem = (response: ApiResponse, status: number, type?: string) => {
  expect(response.status, response.text).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  if (type) expect(response.json.type).toBe(`/api/docs#problem-${type}`);
};
const errorPaths = (response: ApiResponse) =>
  (response.json.errors as { path: string }[]).map((error) => error.path).sort();

const eventsOf = async (type: string, match: Record<string, unknown>) => {
  await eventsSettled();
  return (await publishedEvents()).filter(
    (event) =>
      event['detail-type'] === type &&
      Object.entries(match).every(([key, value]) => event.detail[key] === value),
  );
};

const ids = (pages: { id: string }[][]) => pages.flat().map((item) => item.id);

/** Today's date on the organization's (Berlin) wall clock, and its neighbours. */
const berlinDate = (offsetDays = 0) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(
    Date.now() + offsetDays * 86_400_000,
  );

describe('adding a lead', () => {
  it('stores it as new, shows it with its timeline, logs it for the organization and publishes lead.created', async () => {
    // Act
    const created = await addLead({ email: 'Mixed.Case@Example.com', notes: 'Prefers mornings' });
    const detail = await api('GET', `${leadsPath()}/${created.id}`, { token: owner.token });
    const activity = await api('GET', `/api/orgs/${home.id}/activity`, { token: owner.token });

    // Assess
    expect(created).toMatchObject({
      orgId: home.id,
      email: 'mixed.case@example.com',
      status: 'new',
      source: 'manual',
      notes: 'Prefers mornings',
      version: 1,
      createdBy: 'Mika Member',
      jobIds: [],
    });
    expect(detail.status, detail.text).toBe(200);
    const { timeline, ...lead } = detail.json as LeadView & { timeline: { items: TimelineEntry[] } };
    expect(lead).toEqual(created);
    expect(timeline.items.map((entry) => entry.kind)).toEqual(['lead.created']);
    expect(timeline.items[0]!.summary).toContain('Mika Member added the lead');
    expect(
      (activity.json.items as TimelineEntry[]).find((entry) => entry.leadId === created.id),
    ).toMatchObject({
      kind: 'lead.created',
    });
    expect(await eventsOf('lead.created', { leadId: created.id })).toHaveLength(1);
  });

  it('refuses a lead with neither email nor phone, and an organization in the body, naming each field (400)', async () => {
    // Act
    const noContact = await api('POST', leadsPath(), { token: member.token, body: { name: 'Nobody' } });
    const withOrg = await api('POST', leadsPath(), {
      token: member.token,
      body: { ...leadBody(), orgId: outsider.user.orgId },
    });
    const badPhone = await api('POST', leadsPath(), {
      token: member.token,
      body: leadBody({ phone: '12ab' }),
    });

    // Assess
    expectProblem(noContact, 400, 'validation');
    expect(errorPaths(noContact)).toEqual(['email']);
    expectProblem(withOrg, 400, 'validation');
    expect(errorPaths(withOrg)).toEqual(['orgId']);
    expectProblem(badPhone, 400, 'validation');
    expect(errorPaths(badPhone)).toEqual(['phone']);
  });

  it('refuses a second open lead with the same email or phone (409 naming the first) and writes nothing', async () => {
    // Prepare
    const first = await addLead();
    await eventsSettled();
    const before = await tableSnapshot();

    // Act
    const sameEmail = await api('POST', leadsPath(), {
      token: member.token,
      body: leadBody({ email: first.email!.toUpperCase() }),
    });
    const samePhone = await api('POST', leadsPath(), {
      token: member.token,
      body: leadBody({ phone: first.phone!.replaceAll(' ', '-') }),
    });

    // Assess
    expectProblem(sameEmail, 409, 'conflict');
    expect(sameEmail.json.duplicateOf).toBe(first.id);
    expectProblem(samePhone, 409, 'conflict');
    expect(samePhone.json.duplicateOf).toBe(first.id);
    await eventsSettled();
    expect(await tableSnapshot()).toBe(before);
  });

  it('accepts the same person again once the first lead is lost, and refuses reopening the old one then', async () => {
    // Prepare
    const first = await addLead();
    const lost = await setStatus(first, 'lost', { reason: 'No budget this year' });

    // Act
    const again = await api('POST', leadsPath(), {
      token: member.token,
      body: leadBody({ email: first.email }),
    });
    const reopen = await setStatus(lost.json, 'new');

    // Assess
    expect(lost.status, lost.text).toBe(200);
    expect(again.status, again.text).toBe(201);
    expectProblem(reopen, 409, 'conflict');
    expect(reopen.json.duplicateOf).toBe(again.json.id);
  });
});

describe('the pipeline', () => {
  it('moves forward, records each move on the timeline newest first, and publishes lead.updated', async () => {
    // Prepare
    const lead = await addLead();

    // Act
    const contacted = await setStatus(lead, 'contacted');
    const qualified = await setStatus(contacted.json, 'qualified');
    const timeline = await walkPages<TimelineEntry>(
      `${leadsPath()}/${lead.id}/activity?limit=1`,
      owner.token,
    );

    // Assess
    expect(contacted.json).toMatchObject({ status: 'contacted', version: 2 });
    expect(qualified.json).toMatchObject({ status: 'qualified', version: 3 });
    expect(timeline.flat().map((entry) => entry.summary)).toEqual([
      `Mika Member moved ${lead.name} from contacted to qualified`,
      `Mika Member moved ${lead.name} from new to contacted`,
      expect.stringContaining('added the lead'),
    ]);
    const updates = await eventsOf('lead.updated', { leadId: lead.id });
    expect(updates.map((event) => [event.detail.previousStatus, event.detail.status])).toEqual([
      ['new', 'contacted'],
      ['contacted', 'qualified'],
    ]);
  });

  it('refuses a backwards move and leaves won final (409)', async () => {
    // Prepare
    const lead = await addLead();
    const qualified = await setStatus(lead, 'qualified');
    const won = await setStatus(qualified.json, 'won');

    // Act
    const backwards = await setStatus(qualified.json, 'contacted');
    const afterWon = await setStatus(won.json, 'lost');

    // Assess
    expect(backwards.status).toBe(409);
    expectProblem(afterWon, 409, 'conflict');
    expect(afterWon.json.detail).toBe('A won lead stays won');
  });

  it('lets exactly one of two edits from the same version win; the other gets 409 with the current version', async () => {
    // Prepare
    const lead = await addLead();

    // Act
    const responses = await Promise.all([
      setStatus(lead, 'contacted'),
      api('PATCH', `${leadsPath()}/${lead.id}`, {
        token: owner.token,
        body: { version: 1, notes: 'Called twice' },
      }),
    ]);

    // Assess
    expect(responses.map((r) => r.status).sort()).toEqual([200, 409]);
    const loser = responses.find((r) => r.status === 409)!;
    expectProblem(loser, 409, 'version-conflict');
    expect(loser.json.currentVersion).toBe(2);
  });

  it('edits contact details and notes with the version, swapping the duplicate guard to the new email', async () => {
    // Prepare
    const lead = await addLead();
    const newEmail = `moved-${uniqueSuffix()}@example.com`;

    // Act
    const edited = await api('PATCH', `${leadsPath()}/${lead.id}`, {
      token: owner.token,
      body: { version: 1, email: newEmail, notes: 'Gate code 1234' },
    });
    const oldEmailFree = await api('POST', leadsPath(), {
      token: member.token,
      body: leadBody({ email: lead.email }),
    });
    const newEmailTaken = await api('POST', leadsPath(), {
      token: member.token,
      body: leadBody({ email: newEmail }),
    });

    // Assess
    expect(edited.status, edited.text).toBe(200);
    expect(edited.json).toMatchObject({ email: newEmail, notes: 'Gate code 1234', version: 2 });
    expect(oldEmailFree.status, oldEmailFree.text).toBe(201);
    expectProblem(newEmailTaken, 409, 'conflict');
    expect(newEmailTaken.json.duplicateOf).toBe(lead.id);
  });
});

describe('the lead list', () => {
  const tag = `zq${uniqueSuffix()}`;
  const created: Record<string, LeadView> = {};

  beforeAll(async () => {
    created.ada = await addLead({ name: `Ada ${tag} Lovelace`, phone: '+49 (30) 901-820', source: 'import' });
    created.bea = await addLead({ name: `Bea ${tag} Brandt` });
    created.cem = await addLead({ name: `Cem ${tag} Yilmaz`, email: `cem.${tag}@example.com` });
    created.dora = await addLead({ name: `Dora ${tag} Diaz` });
    await setStatus(created.bea, 'contacted');
    const lost = await setStatus(created.dora, 'lost');
    created.dora = lost.json;
  });

  const list = (query: string) => walkPages<LeadView>(`${leadsPath()}?q=${tag}&${query}`, owner.token);

  it('lists newest first and walks pages of one through nextCursor without repeats', async () => {
    // Act
    const pages = await list('limit=1');

    // Assess
    expect(pages.every((page) => page.length <= 1)).toBe(true);
    expect(ids(pages)).toEqual([created.dora!.id, created.cem!.id, created.bea!.id, created.ada!.id]);
  });

  it('filters by status and by source', async () => {
    // Act
    const contacted = await list('status=contacted');
    const lost = await list('status=lost');
    const imported = await list('source=import');
    const manual = await list('source=manual&status=new');

    // Assess
    expect(ids(contacted)).toEqual([created.bea!.id]);
    expect(ids(lost)).toEqual([created.dora!.id]);
    expect(ids(imported)).toEqual([created.ada!.id]);
    expect(ids(manual)).toEqual([created.cem!.id]);
  });

  it('finds a lead by part of its name, its email, or its phone typed another way', async () => {
    // Act
    const byName = await walkPages<LeadView>(
      `${leadsPath()}?q=${encodeURIComponent(`CEM ${tag}`)}`,
      owner.token,
    );
    const byEmail = await walkPages<LeadView>(`${leadsPath()}?q=cem.${tag}%40example`, owner.token);
    const byPhone = await walkPages<LeadView>(
      `${leadsPath()}?q=${encodeURIComponent('30 901 820')}`,
      owner.token,
    );

    // Assess
    expect(ids(byName)).toEqual([created.cem!.id]);
    expect(ids(byEmail)).toEqual([created.cem!.id]);
    expect(ids(byPhone)).toEqual([created.ada!.id]);
  });

  it("filters by creation date on the organization's calendar", async () => {
    // Act
    const today = await list(`from=${berlinDate()}&to=${berlinDate()}`);
    const tomorrow = await list(`from=${berlinDate(1)}`);
    const yesterday = await list(`to=${berlinDate(-1)}`);
    const reversed = await api('GET', `${leadsPath()}?from=${berlinDate()}&to=${berlinDate(-1)}`, {
      token: owner.token,
    });

    // Assess
    expect(ids(today)).toHaveLength(4);
    expect(ids(tomorrow)).toEqual([]);
    expect(ids(yesterday)).toEqual([]);
    expectProblem(reversed, 400, 'validation');
    expect(errorPaths(reversed)).toEqual(['query.to']);
  });

  it("refuses a cursor from another organization's list (400)", async () => {
    // Prepare
    const forged = Buffer.from(JSON.stringify({ pk: `ORG#${outsider.user.orgId}#`, sk: 'LEAD#' })).toString(
      'base64url',
    );

    // Act
    const response = await api('GET', `${leadsPath()}?cursor=${forged}`, { token: owner.token });

    // Assess
    expectProblem(response, 400);
  });

  it("answers 404 for another organization's lead, whichever organization the path names", async () => {
    // Prepare
    const theirs = await api('GET', `/api/orgs/${outsider.user.orgId}/leads?limit=1`, {
      token: outsider.token,
    });
    const theirLead = (theirs.json.items as LeadView[])[0]!;

    // Act
    const viaTheirOrg = await api('GET', `/api/orgs/${outsider.user.orgId}/leads/${theirLead.id}`, {
      token: owner.token,
    });
    const viaOwnOrg = await api('GET', `${leadsPath()}/${theirLead.id}`, { token: owner.token });

    // Assess
    expectProblem(viaTheirOrg, 404, 'not-found');
    expectProblem(viaOwnOrg, 404, 'not-found');
  });
});

describe('the CSV export', () => {
  it('exports the filtered leads with a header row, quoting and formula defusing', async () => {
    // Prepare
    const tag = `csv${uniqueSuffix()}`;
    const formula = await addLead({
      name: `=HYPERLINK("https://evil.example") ${tag}`,
      message: 'Line one\nline, two',
    });
    const plain = await addLead({ name: `Plain ${tag}`, serviceWanted: '-drain' });

    // Act
    const response = await api('GET', `${leadsPath()}/export?q=${tag}`, { token: member.token });

    // Assess
    expect(response.status, response.text).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="leads-crm-org-.+\.csv"$/,
    );
    expect(response.headers.get('x-next-cursor')).toBeNull();
    const lines = response.text.split('\r\n');
    expect(lines[0]).toBe(
      'Created (Europe/Berlin),Name,Email,Phone,Source,Status,Service wanted,Message,Notes,Jobs,Lead id',
    );
    expect(response.text).toContain(`"'=HYPERLINK(""https://evil.example"") ${tag}"`);
    expect(response.text).toContain('"Line one\nline, two"');
    expect(response.text).toContain(`,'-drain,`);
    expect(response.text).toContain(`'${formula.phone}`);
    expect(response.text.endsWith('\r\n')).toBe(true);
    // Newest first, like the list.
    expect(response.text.indexOf(plain.id)).toBeLessThan(response.text.indexOf(formula.id));
  });

  it('exports only a header row when nothing matches', async () => {
    // Act
    const response = await api(
      'GET',
      `${leadsPath()}/export?q=nothing-matches-${uniqueSuffix()}&status=won`,
      {
        token: member.token,
      },
    );

    // Assess
    expect(response.status, response.text).toBe(200);
    expect(response.text.split('\r\n').filter(Boolean)).toHaveLength(1);
  });
});

describe('jobs', () => {
  it('from a lead: copies the contact, links the lead and marks it won; the lead shows it on its timeline', async () => {
    // Prepare
    const lead = await setStatus(await addLead(), 'qualified');

    // Act
    const response = await api('POST', jobsPath(), {
      token: member.token,
      body: {
        fromLead: { leadId: lead.json.id, version: lead.json.version },
        address: 'Kastanienallee 5, Berlin',
        scheduledAt: '2026-07-01T09:30',
        price: { amountMinor: 45_000, currency: 'EUR' },
      },
    });
    const after = await api('GET', `${leadsPath()}/${lead.json.id}`, { token: member.token });

    // Assess
    expect(response.status, response.text).toBe(201);
    const job = response.json as JobView;
    expect(job).toMatchObject({
      title: 'Boiler repair',
      customer: { name: lead.json.name, email: lead.json.email, phone: lead.json.phone },
      leadId: lead.json.id,
      status: 'scheduled',
      version: 1,
    });
    expect(after.json).toMatchObject({ status: 'won', jobIds: [job.id], version: lead.json.version + 1 });
    expect(
      (after.json.timeline.items as TimelineEntry[])
        .slice(0, 2)
        .map((entry) => entry.kind)
        .sort(),
    ).toEqual(['job.created', 'lead.status']);
    expect(await eventsOf('job.scheduled', { jobId: job.id })).toHaveLength(1);
  });

  it('refuses a job from a stale lead version (409) and writes nothing', async () => {
    // Prepare
    const lead = await addLead();
    await setStatus(lead, 'contacted');
    await eventsSettled();
    const before = await tableSnapshot();

    // Act
    const response = await api('POST', jobsPath(), {
      token: member.token,
      body: jobBody({ fromLead: { leadId: lead.id, version: 1 }, customer: undefined, title: undefined }),
    });

    // Assess
    expectProblem(response, 409, 'version-conflict');
    expect(response.json.currentVersion).toBe(2);
    await eventsSettled();
    expect(await tableSnapshot()).toBe(before);
  });

  it("stores the scheduled time in UTC and shows it on the organization's clock", async () => {
    // Act
    const summer = await addJob({ scheduledAt: '2026-07-01T09:30' });
    const winter = await addJob({ scheduledAt: '2026-01-15T09:30' });
    const withOffset = await addJob({ scheduledAt: '2026-07-01T09:30:00-04:00' });

    // Assess
    expect(summer).toMatchObject({
      scheduledAt: '2026-07-01T07:30:00.000Z',
      scheduledAtLocal: '2026-07-01T09:30',
      timeZone: 'Europe/Berlin',
    });
    expect(winter.scheduledAt).toBe('2026-01-15T08:30:00.000Z');
    expect(withOffset).toMatchObject({
      scheduledAt: '2026-07-01T13:30:00.000Z',
      scheduledAtLocal: '2026-07-01T15:30',
    });
  });

  it('refuses a local time the clock skips, a direct job without customer and title, and an unknown currency (400)', async () => {
    // Act
    const skipped = await api('POST', jobsPath(), {
      token: member.token,
      body: jobBody({ scheduledAt: '2026-03-29T02:30' }),
    });
    const bare = await api('POST', jobsPath(), {
      token: member.token,
      body: jobBody({ customer: undefined, title: undefined }),
    });
    const money = await api('POST', jobsPath(), {
      token: member.token,
      body: jobBody({ price: { amountMinor: 10.5, currency: 'XYZ' } }),
    });

    // Assess
    expectProblem(skipped, 400, 'validation');
    expect(errorPaths(skipped)).toEqual(['scheduledAt']);
    expect(errorPaths(bare)).toEqual(['customer', 'title']);
    expect(errorPaths(money)).toEqual(['price.amountMinor', 'price.currency']);
  });

  it('runs scheduled → in progress → completed, publishing job.completed once; completed stays completed', async () => {
    // Prepare
    const job = await addJob();

    // Act
    const started = await setJobStatus(job, 'in_progress');
    const completed = await setJobStatus(started.json, 'completed');
    const cancelAfter = await setJobStatus(completed.json, 'cancelled');
    const reschedule = await api('PATCH', `${jobsPath()}/${job.id}`, {
      token: member.token,
      body: { version: completed.json.version, scheduledAt: '2026-08-01T10:00' },
    });

    // Assess
    expect(started.json).toMatchObject({ status: 'in_progress', version: 2 });
    expect(started.json.startedAt).not.toBeNull();
    expect(completed.json).toMatchObject({ status: 'completed', version: 3 });
    const [event, ...more] = await eventsOf('job.completed', { jobId: job.id });
    expect(more).toEqual([]);
    expect(event!.detail).toMatchObject({
      version: 1,
      orgId: home.id,
      jobId: job.id,
      leadId: null,
      completedAt: completed.json.completedAt,
      userId: owner.user.id,
    });
    expectProblem(cancelAfter, 409, 'conflict');
    expectProblem(reschedule, 409, 'conflict');
  });

  it('reschedules with the version, publishing job.scheduled with the previous time; a stale edit gets 409', async () => {
    // Prepare
    const job = await addJob({ scheduledAt: '2026-07-02T08:00' });

    // Act
    const moved = await api('PATCH', `${jobsPath()}/${job.id}`, {
      token: member.token,
      body: { version: 1, scheduledAt: '2026-07-03T14:15', durationMinutes: 120 },
    });
    const stale = await api('PATCH', `${jobsPath()}/${job.id}`, {
      token: member.token,
      body: { version: 1, notes: 'Bring the long ladder' },
    });

    // Assess
    expect(moved.status, moved.text).toBe(200);
    expect(moved.json).toMatchObject({
      scheduledAtLocal: '2026-07-03T14:15',
      durationMinutes: 120,
      version: 2,
    });
    const scheduled = await eventsOf('job.scheduled', { jobId: job.id });
    expect(scheduled.map((event) => event.detail.previousScheduledAt)).toEqual([
      null,
      '2026-07-02T06:00:00.000Z',
    ]);
    expectProblem(stale, 409, 'version-conflict');
    expect(stale.json.currentVersion).toBe(2);
  });

  it('lists jobs by scheduled time, filtered by status and by local dates', async () => {
    // Prepare: a job at 00:30 Berlin time on 2026-09-10 is still 09-09 in UTC.
    const tag = `jl${uniqueSuffix()}`;
    const late = await addJob({ title: `Late ${tag}`, scheduledAt: '2026-09-10T23:30' });
    const early = await addJob({ title: `Early ${tag}`, scheduledAt: '2026-09-10T00:30' });
    const next = await addJob({ title: `Next ${tag}`, scheduledAt: '2026-09-11T08:00' });
    await setJobStatus(next, 'cancelled');

    // Act
    const all = await walkPages<JobView>(`${jobsPath()}?q=${tag}&limit=1`, owner.token);
    const onTheTenth = await walkPages<JobView>(
      `${jobsPath()}?q=${tag}&from=2026-09-10&to=2026-09-10`,
      owner.token,
    );
    const cancelled = await walkPages<JobView>(`${jobsPath()}?q=${tag}&status=cancelled`, owner.token);

    // Assess
    expect(ids(all)).toEqual([early.id, late.id, next.id]);
    expect(ids(onTheTenth)).toEqual([early.id, late.id]);
    expect(ids(cancelled)).toEqual([next.id]);
  });
});
