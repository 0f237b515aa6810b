import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type ApiResponse,
  api,
  eventsSettled,
  publishedEvents,
  type Session,
  signInAs,
  stack,
  tableSnapshot,
  uniqueSuffix,
} from '../../test/integ/api';
import type { LeadView, TimelineEntry } from '../crm/contracts';
import { leadFormLimits, leadFormMaxBodyBytes } from './contracts';

/**
 * The public lead form through the local cloud, as browsers and bots reach it: CORS per organization,
 * origin checks, the honeypot, idempotency keys, rate limits per IP and per organization, UTM capture and
 * repeat submissions. Every test works in an organization of its own and sends from IPs of its own
 * (CloudFront's viewer address, trusted with the stack's origin secret), so no test spends another's limits.
 */

let admin: Session;

beforeAll(async () => {
  admin = await signInAs('admin');
});

const allowed = 'https://www.acme-roofing.example';
const foreign = 'https://evil.example';

interface TestOrg {
  readonly id: string;
  readonly slug: string;
  readonly version: number;
}

const newOrganization = async (allowedOrigins: string[] = [allowed]): Promise<TestOrg> => {
  const suffix = uniqueSuffix();
  const response = await api('POST', '/api/orgs', {
    token: admin.token,
    body: {
      name: `Form Org ${suffix}`,
      slug: `form-org-${suffix}`,
      timeZone: 'America/Chicago',
      allowedOrigins,
    },
  });
  expect(response.status, response.text).toBe(201);
  return response.json;
};

let ipCounter = 0;
/** A fresh visitor IP (TEST-NET ranges); each test's traffic is its own. */
const newIp = () => {
  const n = ipCounter++;
  return `198.${18 + Math.floor(n / 65_536)}.${Math.floor(n / 256) % 256}.${n % 256}`;
};

/** The headers CloudFront adds: the viewer's address, trusted because the origin secret comes with it. */
const viewer = (ip: string) => ({
  'x-portico-origin': inject('originVerifySecret'),
  'cloudfront-viewer-address': `${ip}:51234`,
});

interface SubmitOptions {
  readonly ip?: string;
  readonly origin?: string;
  readonly key?: string;
}

const submit = (org: TestOrg, body: unknown, options: SubmitOptions = {}): Promise<ApiResponse> =>
  api('POST', `/api/public/leads/${org.slug}`, {
    body,
    headers: {
      ...viewer(options.ip ?? newIp()),
      ...(options.origin ? { origin: options.origin } : {}),
      ...(options.key ? { 'idempotency-key': options.key } : {}),
    },
  });

let phoneCounter = 0;
const person = (overrides: Record<string, unknown> = {}) => {
  const suffix = uniqueSuffix();
  return {
    name: `Visitor ${suffix}`,
    email: `visitor-${suffix}@example.com`,
    phone: `+1 312 555 ${String(phoneCounter++).padStart(4, '0')}`,
    message: 'The roof leaks above the kitchen.',
    source: 'embed',
    ...overrides,
  };
};

const leadsOf = async (org: TestOrg, query = ''): Promise<LeadView[]> => {
  const response = await api('GET', `/api/orgs/${org.id}/leads?limit=100${query}`, { token: admin.token });
  expect(response.status, response.text).toBe(200);
  return response.json.items;
};

const timelineOf = async (org: TestOrg, leadId: string): Promise<TimelineEntry[]> => {
  const response = await api('GET', `/api/orgs/${org.id}/leads/${leadId}/activity`, { token: admin.token });
  expect(response.status, response.text).toBe(200);
  return response.json.items;
};

/** Runs `work` over `count` indexes, at most `concurrency` at a time. */
const inParallel = async <T>(count: number, concurrency: number, work: (index: number) => Promise<T>) => {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next++;
        results[index] = await work(index);
      }
    }),
  );
  return results;
};

const corsOrigin = (response: ApiResponse) => response.headers.get('access-control-allow-origin');

describe('the form configuration', () => {
  it('serves name, brand colour, services and fields to the hosted page and to allowed origins only', async () => {
    const org = await newOrganization();
    const saved = await api('PUT', `/api/orgs/${org.id}/lead-form`, {
      token: admin.token,
      body: { version: 0, services: ['Roof repair', 'Gutter cleaning'], intro: 'Free quotes within a day.' },
    });
    expect(saved.status, saved.text).toBe(200);

    const hosted = await api('GET', `/api/public/forms/${org.slug}`);
    expect(hosted.status, hosted.text).toBe(200);
    expect(hosted.json).toMatchObject({
      slug: org.slug,
      organizationName: expect.stringMatching(/^Form Org /),
      color: '#3b5bdb',
      intro: 'Free quotes within a day.',
      services: ['Roof repair', 'Gutter cleaning'],
    });
    expect(hosted.json.fields.map((field: { name: string }) => field.name)).toEqual([
      'name',
      'email',
      'phone',
      'service',
      'message',
    ]);
    expect(corsOrigin(hosted)).toBeNull();
    expect(hosted.headers.get('vary')).toBe('Origin');

    const embedded = await api('GET', `/api/public/forms/${org.slug}`, { headers: { origin: allowed } });
    expect(embedded.status).toBe(200);
    expect(corsOrigin(embedded)).toBe(allowed);

    const refused = await api('GET', `/api/public/forms/${org.slug}`, { headers: { origin: foreign } });
    expect(refused.status).toBe(403);
    expect(corsOrigin(refused)).toBeNull();
    expect(refused.text).not.toContain('Roof repair');
  });

  it('answers 404 for an unknown form and 410 once the organization is archived', async () => {
    expect((await api('GET', '/api/public/forms/no-such-form-anywhere')).status).toBe(404);
    expect((await submit({ id: '', slug: 'no-such-form-anywhere', version: 1 }, person())).status).toBe(404);
    const org = await newOrganization();
    expect((await api('POST', `/api/orgs/${org.id}/archive`, { token: admin.token })).status).toBe(200);
    const closed = await api('GET', `/api/public/forms/${org.slug}`, { headers: { origin: allowed } });
    expect(closed.status).toBe(410);
    // The embed may read why, so it can say the form is closed.
    expect(corsOrigin(closed)).toBe(allowed);
    expect((await submit(org, person(), { origin: allowed })).status).toBe(410);
    expect(await leadsOf(org)).toEqual([]);
  });
});

describe('CORS and origins', () => {
  it('answers a preflight from an allowed origin, and refuses one from a foreign origin', async () => {
    const org = await newOrganization();
    const preflight = (origin: string, path = `/api/public/leads/${org.slug}`) =>
      api('OPTIONS', path, {
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,idempotency-key',
        },
      });

    const ok = await preflight(allowed);
    expect(ok.status).toBe(204);
    expect(corsOrigin(ok)).toBe(allowed);
    expect(ok.headers.get('access-control-allow-methods')).toBe('POST, OPTIONS');
    expect(ok.headers.get('access-control-allow-headers')).toBe('content-type, idempotency-key');
    expect(ok.headers.get('vary')).toBe('Origin');
    const form = await preflight(allowed, `/api/public/forms/${org.slug}`);
    expect(form.status).toBe(204);
    expect(form.headers.get('access-control-allow-methods')).toBe('GET, OPTIONS');

    const refused = await preflight(foreign);
    expect(refused.status).toBe(403);
    expect(corsOrigin(refused)).toBeNull();
    expect(refused.headers.get('access-control-allow-methods')).toBeNull();
    // Another organization's allowed origin is foreign here.
    const other = await newOrganization(['https://other-business.example']);
    expect((await preflight('https://other-business.example')).status).toBe(403);
    expect((await preflight(allowed, `/api/public/leads/${other.slug}`)).status).toBe(403);
  });

  it('refuses a foreign origin with 403 and stores nothing, whatever it sends', async () => {
    const org = await newOrganization();
    await eventsSettled();
    const before = await tableSnapshot();
    for (const body of [person(), { name: '' }, person({ website: 'https://spam.example' })]) {
      const response = await submit(org, body, { origin: foreign, key: randomUUID() });
      expect(response.status, response.text).toBe(403);
      expect(response.headers.get('content-type')).toBe('application/problem+json');
      expect(corsOrigin(response)).toBeNull();
    }
    // `null` is what sandboxed frames and file pages send: never an allowed origin.
    expect((await submit(org, person(), { origin: 'null' })).status).toBe(403);
    await eventsSettled();
    expect(await tableSnapshot()).toBe(before);
  });

  it('gives an allowed origin CORS headers on the answer and on field errors, and lets the hosted page in', async () => {
    const org = await newOrganization();
    const accepted = await submit(org, person(), { origin: allowed });
    expect(accepted.status, accepted.text).toBe(202);
    expect(corsOrigin(accepted)).toBe(allowed);
    expect(accepted.headers.get('access-control-expose-headers')).toContain('retry-after');

    const invalid = await submit(org, { name: '', email: 'not an email' }, { origin: allowed });
    expect(invalid.status).toBe(400);
    expect(corsOrigin(invalid)).toBe(allowed);
    expect(invalid.json.errors).toEqual([
      { path: 'name', message: 'Required' },
      { path: 'email', message: 'Must be an email address' },
    ]);

    // The hosted page is Portico's own origin; a request without Origin is no browser's cross-site request.
    const hosted = await submit(org, person({ source: 'form' }), { origin: stack().url });
    expect(hosted.status, hosted.text).toBe(202);
    expect(corsOrigin(hosted)).toBeNull();
    expect((await submit(org, person())).status).toBe(202);
    expect(await leadsOf(org)).toHaveLength(3);
  });
});

describe('submissions', () => {
  it('stores the lead with UTM parameters, referrer and landing page, and publishes lead.created', async () => {
    const org = await newOrganization();
    const body = person({
      utm: { source: 'google', medium: 'cpc', campaign: 'spring-roofs', term: 'roof leak', content: 'ad-2' },
      referrer: 'https://www.google.com/',
      landingPage: `${allowed}/roof-repair?utm_source=google&utm_medium=cpc`,
    });
    const response = await submit(org, body, { origin: allowed });
    expect(response.status, response.text).toBe(202);
    expect(response.json).toEqual({ submissionId: expect.any(String), receivedAt: expect.any(String) });

    const [lead] = await leadsOf(org);
    expect(lead).toMatchObject({
      name: body.name,
      email: body.email,
      phone: body.phone,
      message: body.message,
      source: 'embed',
      status: 'new',
      createdBy: null,
      attribution: {
        utmSource: 'google',
        utmMedium: 'cpc',
        utmCampaign: 'spring-roofs',
        utmTerm: 'roof leak',
        utmContent: 'ad-2',
        referrer: 'https://www.google.com/',
        landingPage: `${allowed}/roof-repair?utm_source=google&utm_medium=cpc`,
      },
    });
    const [entry] = await timelineOf(org, lead!.id);
    expect(entry).toMatchObject({ kind: 'lead.created', actor: null });
    expect(entry!.summary).toContain('sent the embedded lead form: “The roof leaks above the kitchen.”');

    await eventsSettled();
    const created = (await publishedEvents()).filter(
      (event) => event['detail-type'] === 'lead.created' && event.detail.leadId === lead!.id,
    );
    expect(created).toHaveLength(1);
    expect(created[0]!.detail).toMatchObject({ orgId: org.id, source: 'embed', userId: null });
  });

  it('keeps script in any field as the text it is', async () => {
    const org = await newOrganization();
    const script = '<script>alert("x")</script>';
    const body = person({
      name: `${script} Mallory`,
      message: `<img src=x onerror="alert(1)"> & ${script}`,
      utm: { source: script, campaign: '"><svg onload=alert(1)>' },
    });
    expect((await submit(org, body)).status).toBe(202);
    const [lead] = await leadsOf(org);
    expect(lead!.name).toBe(body.name);
    expect(lead!.message).toBe(body.message);
    expect(lead!.attribution?.utmSource).toBe(script);
    expect(lead!.attribution?.utmCampaign).toBe('"><svg onload=alert(1)>');
    // Links that could run script are refused, not stored.
    const link = await submit(org, person({ referrer: 'javascript:alert(1)' }));
    expect(link.status).toBe(400);
    expect(link.json.errors).toEqual([{ path: 'referrer', message: 'Must be an http(s) address' }]);
  });

  it('stores one lead for a replayed idempotency key and answers every replay the same', async () => {
    const org = await newOrganization();
    const key = randomUUID();
    const body = person();
    const ip = newIp();
    // A double click: the same request twice at once, then a retry after a lost answer.
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => submit(org, body, { key, ip, origin: allowed })),
    );
    const retry = await submit(org, body, { key, ip, origin: allowed });
    for (const answer of [...answers, retry]) {
      expect(answer.status, answer.text).toBe(202);
      expect(answer.json).toEqual(answers[0]!.json);
    }
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    const leads = await leadsOf(org);
    expect(leads).toHaveLength(1);
    expect(await timelineOf(org, leads[0]!.id)).toHaveLength(1);

    const reused = await submit(org, { ...body, message: 'Something else' }, { key, ip });
    expect(reused.status).toBe(409);
    expect((await submit(org, body, { key: 'short', ip })).status).toBe(400);
    expect(await leadsOf(org)).toHaveLength(1);
  });

  it('answers a filled honeypot like a real submission and stores nothing', async () => {
    const org = await newOrganization();
    await eventsSettled();
    const before = await tableSnapshot();
    const response = await submit(org, person({ website: 'https://cheap-pills.example' }), {
      origin: allowed,
      key: randomUUID(),
    });
    expect(response.status).toBe(202);
    expect(response.json).toEqual({ submissionId: expect.any(String), receivedAt: expect.any(String) });
    expect(corsOrigin(response)).toBe(allowed);
    await eventsSettled();
    expect(await tableSnapshot()).toBe(before);
  });

  it('adds a repeat submission from the same email or phone to the open lead instead of a duplicate', async () => {
    const org = await newOrganization();
    const first = person({ message: 'Leak above the kitchen.' });
    expect((await submit(org, first)).status).toBe(202);
    const [lead] = await leadsOf(org);

    // Same email in other letters: the message is the newest, the timeline tells what happened.
    const again = await submit(org, {
      name: 'Jo',
      email: first.email.toUpperCase(),
      message: 'It got worse after the storm.',
    });
    expect(again.status, again.text).toBe(202);
    // Same phone number written differently, no email.
    const byPhone = await submit(org, {
      name: 'Jo again',
      phone: first.phone.replace(/\s/g, '-'),
      message: 'Can you come Friday?',
    });
    expect(byPhone.status, byPhone.text).toBe(202);

    const leads = await leadsOf(org);
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({
      id: lead!.id,
      name: first.name,
      email: first.email,
      message: 'Can you come Friday?',
      version: 3,
    });
    const timeline = await timelineOf(org, lead!.id);
    expect(timeline.map((entry) => entry.summary)).toEqual([
      'Jo again submitted the form again: “Can you come Friday?”',
      'Jo submitted the form again: “It got worse after the storm.”',
      expect.stringContaining('sent the embedded lead form: “Leak above the kitchen.”'),
    ]);
    await eventsSettled();
    const updates = (await publishedEvents()).filter(
      (event) => event['detail-type'] === 'lead.updated' && event.detail.leadId === lead!.id,
    );
    expect(updates.map((event) => event.detail.leadVersion)).toEqual([2, 3]);
    expect(updates[0]!.detail).toMatchObject({ fields: ['message'], userId: null });

    // Once the lead is lost, the same person is a new lead.
    const lost = await api('POST', `/api/orgs/${org.id}/leads/${lead!.id}/status`, {
      token: admin.token,
      body: { version: 3, status: 'lost', reason: 'Went elsewhere' },
    });
    expect(lost.status, lost.text).toBe(200);
    expect((await submit(org, first)).status).toBe(202);
    expect(await leadsOf(org)).toHaveLength(2);
  });

  it('refuses a body over the size limit and a service the organization does not offer', async () => {
    const org = await newOrganization();
    const huge = await submit(org, person({ message: 'x'.repeat(leadFormMaxBodyBytes) }), {
      origin: allowed,
    });
    expect(huge.status).toBe(413);
    expect(corsOrigin(huge)).toBe(allowed);

    await api('PUT', `/api/orgs/${org.id}/lead-form`, {
      token: admin.token,
      body: { version: 0, services: ['Roof repair'], intro: '' },
    });
    const unknown = await submit(org, person({ service: 'Brain surgery' }));
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors).toEqual([{ path: 'service', message: 'Pick one of the services offered' }]);
    expect((await submit(org, person({ service: 'Roof repair' }))).status).toBe(202);
    expect((await leadsOf(org)).map((lead) => lead.serviceWanted)).toEqual(['Roof repair']);
  });
});

// The limits count in sliding windows of the run's rate-limit clock, pinned by the global setup: no test here
// meets a window's end, and each spends the limits of its own IPs and organization.
describe('rate limits', { timeout: 90_000 }, () => {
  it('throttles 1,000 submissions from one IP: most get 429 with Retry-After, the table keeps the allowed number', async () => {
    const org = await newOrganization();
    const ip = newIp();
    const answers = await inParallel(1_000, 20, (index) =>
      submit(org, person({ name: `Flood ${index}` }), { ip, origin: allowed }),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 202)).toHaveLength(leadFormLimits.perIp);
    expect(statuses.filter((status) => status === 429)).toHaveLength(1_000 - leadFormLimits.perIp);
    const refusal = answers.find((answer) => answer.status === 429)!;
    const wait = Number(refusal.headers.get('retry-after'));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(leadFormLimits.windowSeconds);
    expect(refusal.json.detail).toMatch(/try again in \d+ minutes?/);
    // The embed reads the wait cross-origin.
    expect(corsOrigin(refusal)).toBe(allowed);
    expect(await leadsOf(org)).toHaveLength(leadFormLimits.perIp);
    // The organization's other visitors are not held up by one busy IP.
    expect((await submit(org, person())).status).toBe(202);
  });

  it('throttles one organization across many IPs, without one busy visitor spending its allowance', async () => {
    const org = await newOrganization();
    const busy = newIp();
    const fromBusy = await inParallel(30, 10, () => submit(org, person(), { ip: busy }));
    expect(fromBusy.filter((answer) => answer.status === 202)).toHaveLength(leadFormLimits.perIp);

    const others = leadFormLimits.perOrganization - leadFormLimits.perIp + 5;
    const fromOthers = await inParallel(others, 10, () => submit(org, person()));
    const statuses = fromOthers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 202)).toHaveLength(others - 5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(5);
    expect(await leadsOf(org)).toHaveLength(leadFormLimits.perOrganization);

    // Another organization's form takes submissions as usual.
    expect((await submit(await newOrganization(), person())).status).toBe(202);
  });

  it('counts parallel retries with one Idempotency-Key once against the visitor and the organization', async () => {
    // Prepare
    const org = await newOrganization();
    const ip = newIp();
    const key = randomUUID();
    const lead = person();

    // Act: a double click times eight, all at once.
    const retries = await Promise.all(
      Array.from({ length: 8 }, () => submit(org, lead, { ip, key, origin: allowed })),
    );

    // Assess: one lead, one answer, and the visitor still has the rest of the allowance.
    expect(retries.map((answer) => answer.status)).toEqual(Array(8).fill(202));
    expect(new Set(retries.map((answer) => answer.json.submissionId)).size).toBe(1);
    expect(await leadsOf(org)).toHaveLength(1);
    const more = await inParallel(leadFormLimits.perIp, 4, () => submit(org, person(), { ip }));
    expect(more.map((answer) => answer.status).sort()).toEqual([
      ...Array(leadFormLimits.perIp - 1).fill(202),
      429,
    ]);
    // The organization counted the same: once for the retries, once per later lead, not the refused one.
    const items = (JSON.parse(await tableSnapshot()) as string[]).map(
      (item) => JSON.parse(item) as { pk: string; count?: number },
    );
    const orgCounts = items.filter((item) => item.pk === `THROTTLE#lead-form-org#${org.id}#`);
    expect(orgCounts.map((item) => item.count)).toEqual([leadFormLimits.perIp]);
  });
});
