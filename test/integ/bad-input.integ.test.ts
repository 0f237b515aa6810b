import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { httpRoutes } from '../../functions/manifest';
import { buildPath, pathParamNames, type RouteDefinition } from '../../shared/http/route';
import * as z from '../../shared/schema/zod';
import { api, type Session, signInAs, stack, tableSnapshot, uniqueSuffix } from './api';

/**
 * Hostile bodies on every JSON route: malformed JSON, wrong types, huge strings, unknown fields. Each
 * gets a 4xx problem response — never a 5xx — and the table is byte-for-byte unchanged afterwards.
 * Callers have the right role, so the requests reach validation instead of stopping at authorization.
 */
const jsonRoutes = httpRoutes.filter(({ route }) => route.body !== undefined);

let admin: Session;
let owner: Session;
/** Ids of things that exist in the owner's organization, so requests get past "not found". */
const realIds: Record<string, string> = {};

beforeAll(async () => {
  [admin, owner] = await Promise.all([signInAs('admin'), signInAs('owner', 'brightside-plumbing')]);
  const orgId = owner.user.orgId!;
  const engagements = await api('GET', `/api/orgs/${orgId}/engagements`, { token: owner.token });
  const engagementId = engagements.json.items[0].id as string;
  const engagement = await api('GET', `/api/orgs/${orgId}/engagements/${engagementId}`, {
    token: owner.token,
  });
  const [leads, jobs] = await Promise.all([
    api('GET', `/api/orgs/${orgId}/leads?limit=1`, { token: owner.token }),
    api('GET', `/api/orgs/${orgId}/jobs?limit=1`, { token: owner.token }),
  ]);
  Object.assign(realIds, {
    leadId: leads.json.items[0].id,
    jobId: jobs.json.items[0].id,
    orgId,
    userId: owner.user.id,
    engagementId,
    taskId: engagement.json.checklist[0].tasks[0].id,
    // The public lead form of the same organization: hostile bodies reach a form that exists.
    slug: 'brightside-plumbing',
  });
});

const callerFor = (route: RouteDefinition) =>
  route.access === 'public' ? undefined : route.access === 'admin' ? admin : owner;

const pathFor = (route: RouteDefinition) => {
  const params: Record<string, string> = {};
  for (const name of pathParamNames(route.path)) {
    params[name] = realIds[name] ?? 'x'.repeat(43);
  }
  return buildPath(route.path, params);
};

const fieldsOf = (route: RouteDefinition): string[] => {
  const schema = z.toJSONSchema(route.body!, { io: 'input', unrepresentable: 'any' }) as {
    properties?: object;
  };
  return Object.keys(schema.properties ?? {});
};

const notJson = fc.string({ minLength: 1, maxLength: 200 }).filter((text) => {
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
});
/** No field of any contract takes these: booleans, fractions, objects with an unknown key. */
const wrongType = fc.oneof(
  fc.boolean(),
  fc.integer({ min: -1e6, max: 1e6 }).map((n) => n + 0.5),
  fc.string({ maxLength: 5 }).map((value) => ({ notAField: value })),
);
const notAnObject = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.string(),
  fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }),
);

const send = (route: RouteDefinition, options: { body?: unknown; rawBody?: string }) =>
  api(route.method, pathFor(route), { token: callerFor(route)?.token, ...options });

const expectProblem = (response: Awaited<ReturnType<typeof api>>) => {
  expect(response.status, response.text).toBeGreaterThanOrEqual(400);
  expect(response.status, response.text).toBeLessThan(500);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  expect(response.json.status).toBe(response.status);
};

describe.each(jsonRoutes.map(({ route }) => [`${route.method} ${route.path}`, route] as const))(
  '%s',
  (_name, route) => {
    const fields = fieldsOf(route);
    const runs = { numRuns: 12 };

    it('refuses hostile bodies with a 4xx problem and writes nothing', async () => {
      const before = await tableSnapshot();

      await fc.assert(
        fc.asyncProperty(notJson, async (rawBody) => expectProblem(await send(route, { rawBody }))),
        runs,
      );
      await fc.assert(
        fc.asyncProperty(notAnObject, async (body) => expectProblem(await send(route, { body }))),
        runs,
      );
      if (fields.length > 0) {
        // Every field set, each to a value of the wrong type.
        await fc.assert(
          fc.asyncProperty(fc.tuple(...fields.map(() => wrongType)), async (values) =>
            expectProblem(
              await send(route, { body: Object.fromEntries(fields.map((f, i) => [f, values[i]])) }),
            ),
          ),
          runs,
        );
        // Huge strings in every field: over the body limit, or over every text field's own limit (2,000).
        await fc.assert(
          fc.asyncProperty(
            fc.integer({ min: 2_100, max: 40_000 }),
            fc.constantFrom('x', 'é', '😀', '<script>'),
            async (size, char) =>
              expectProblem(
                await send(route, { body: Object.fromEntries(fields.map((f) => [f, char.repeat(size)])) }),
              ),
          ),
          runs,
        );
      }
      // Unknown fields are refused, never ignored; prototype keys included.
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom('__proto__', 'constructor', 'isAdmin', 'orgId_', 'role '),
          fc.jsonValue({ maxDepth: 1 }),
          async (key, value) => {
            const rawBody = `{${JSON.stringify(key)}:${JSON.stringify(value)}}`;
            expectProblem(await send(route, { rawBody }));
          },
        ),
        runs,
      );
      // The wrong content type with a valid-looking JSON body.
      expectProblem(
        await api(route.method, pathFor(route), {
          token: callerFor(route)?.token,
          rawBody: '{}',
          headers: { 'content-type': 'text/plain' },
        }),
      );

      expect(await tableSnapshot()).toBe(before);
    });
  },
);

it('covers every JSON route of the manifest', () => {
  expect(jsonRoutes.length).toBeGreaterThan(8);
  expect(jsonRoutes.map(({ route }) => route.name)).toContain('complete-google-workspace-authorization');
});

/** The fields a 400 names, in order. */
const badFields = (response: Awaited<ReturnType<typeof api>>) =>
  (response.json.errors as { path: string }[]).map((error) => error.path);

const expectRefused = (response: Awaited<ReturnType<typeof api>>, fields: string[]) => {
  expectProblem(response);
  expect(response.status, response.text).toBe(400);
  expect(response.json.type).toBe('/api/docs#problem-validation');
  expect(badFields(response)).toEqual(fields);
};

const sesFault = (to: string) =>
  fetch(`${stack().url}/_local/ses/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ to, code: 'MessageRejected', remaining: 1 }),
  });

describe('text that breaks email, calendars and exports later is refused at the door', () => {
  it('refuses social links that are no https link (400 naming each), and stores nothing', async () => {
    const before = await tableSnapshot();
    const profile = await api('GET', `/api/orgs/${realIds.orgId}/profile`, { token: owner.token });
    const response = await api('PUT', `/api/orgs/${realIds.orgId}/profile`, {
      token: owner.token,
      body: {
        ...profile.json,
        orgId: undefined,
        updatedAt: undefined,
        updatedBy: undefined,
        socialLinks: {
          x: 'not a url',
          linkedin: 'https://exa mple.com',
          instagram: 'javascript:alert(1)',
          facebook: 'https://user:secret@facebook.com/page',
          other: 'https://localhost/',
        },
      },
    });
    expectRefused(response, [
      'socialLinks.x',
      'socialLinks.linkedin',
      'socialLinks.instagram',
      'socialLinks.facebook',
      'socialLinks.other',
    ]);
    expect(await tableSnapshot()).toBe(before);
  });

  it('refuses a lone surrogate in an invited user’s name; the same email can then be invited properly', async () => {
    const email = `surrogate-${uniqueSuffix()}@example.com`;
    const before = await tableSnapshot();
    const refused = await api('POST', '/api/users', {
      token: admin.token,
      body: { email, name: 'Ada \ud800', role: 'member', orgId: realIds.orgId },
    });
    expectRefused(refused, ['name']);
    expect(await tableSnapshot()).toBe(before);

    const invited = await api('POST', '/api/users', {
      token: admin.token,
      body: { email, name: 'Ada Lovelace', role: 'member', orgId: realIds.orgId },
    });
    expect(invited.status, invited.text).toBe(201);
    const resent = await api('POST', `/api/users/${invited.json.id}/resend-invitation`, {
      token: admin.token,
    });
    expect(resent.status, resent.text).toBe(200);
  });

  it('undoes an invitation whose email could not be sent, so inviting again works', async () => {
    const email = `unsent-${uniqueSuffix()}@example.com`;
    const body = { email, name: 'Grace Hopper', role: 'member', orgId: realIds.orgId };
    const before = await tableSnapshot();
    expect((await sesFault(email)).status).toBe(204);

    const failed = await api('POST', '/api/users', { token: admin.token, body });

    expect(failed.status, failed.text).toBe(503);
    expect(failed.json.type).toBe('/api/docs#problem-email-unavailable');
    expect(await tableSnapshot()).toBe(before);
    const again = await api('POST', '/api/users', { token: admin.token, body });
    expect(again.status, again.text).toBe(201);
  });

  it('refuses a lone surrogate in booking notes before anything is claimed', async () => {
    const before = await tableSnapshot();
    const response = await api('POST', `/api/orgs/${realIds.orgId}/bookings`, {
      token: owner.token,
      body: { start: new Date(Date.now() + 3 * 86_400_000).toISOString(), notes: 'Agenda \udc00' },
    });
    expectRefused(response, ['notes']);
    expect(await tableSnapshot()).toBe(before);
  });

  it('refuses CR/LF in a lead’s name or service from the public lead form', async () => {
    const before = await tableSnapshot();
    const response = await api('POST', `/api/public/leads/${realIds.slug}`, {
      body: {
        name: 'Eve\r\nBcc: everyone@example.com',
        email: 'eve@example.com',
        service: 'Leak repair\nX-Injected: 1',
        message: 'Two lines\nare fine in a message',
      },
    });
    expectRefused(response, ['name', 'service']);
    expect(await tableSnapshot()).toBe(before);
  });

  it('refuses CR/LF in a job title and NUL in its address', async () => {
    const before = await tableSnapshot();
    const response = await api('POST', `/api/orgs/${realIds.orgId}/jobs`, {
      token: owner.token,
      body: {
        title: 'Fix the sink\r\nSubject: spoofed',
        customer: { name: 'Sam Customer', email: 'sam@example.com' },
        address: '1 Main St\u0000',
        scheduledAt: '2030-05-04T09:30',
        price: { amountMinor: 10_000, currency: 'USD' },
      },
    });
    expectRefused(response, ['title', 'address']);
    expect(await tableSnapshot()).toBe(before);
  });

  it('stores multi-line text with plain line feeds and names in NFC', async () => {
    const response = await api('POST', `/api/orgs/${realIds.orgId}/leads`, {
      token: owner.token,
      body: {
        name: '  Zoe\u0308 Example  ',
        email: `zoe-${uniqueSuffix()}@example.com`,
        notes: 'First line\r\nSecond line\rThird line',
      },
    });
    expect(response.status, response.text).toBe(201);
    expect(response.json).toMatchObject({
      name: 'Zo\u00eb Example',
      notes: 'First line\nSecond line\nThird line',
    });
  });
});

describe('requests that answered wrongly before', () => {
  it('accepts the bearer scheme in any case (RFC 9110)', async () => {
    for (const scheme of ['bearer', 'BEARER', 'Bearer'])
      expect(
        (await api('GET', '/api/me', { headers: { authorization: `${scheme} ${owner.token}` } })).status,
      ).toBe(200);
  });

  it("answers 404 for the activity of another organization's lead, or of a lead that does not exist", async () => {
    const northwind = await signInAs('owner', 'northwind-events');
    const foreignLead = (
      await api('GET', `/api/orgs/${northwind.user.orgId}/leads?limit=1`, { token: northwind.token })
    ).json.items[0].id as string;
    for (const leadId of [foreignLead, '01J00000000000000000000000']) {
      const response = await api('GET', `/api/orgs/${realIds.orgId}/leads/${leadId}/activity`, {
        token: owner.token,
      });
      expect(response.status, response.text).toBe(404);
    }
    const own = await api('GET', `/api/orgs/${realIds.orgId}/leads/${realIds.leadId}/activity`, {
      token: owner.token,
    });
    expect(own.status).toBe(200);
  });
});
