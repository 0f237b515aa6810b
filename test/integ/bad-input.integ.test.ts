import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { httpRoutes } from '../../functions/manifest';
import { buildPath, pathParamNames, type RouteDefinition } from '../../shared/http/route';
import { api, type Session, signInAs, tableSnapshot } from './api';

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
