import { generateKeyPair, importJWK, type JWK, SignJWT } from 'jose';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { httpRoutes } from '../../functions/manifest';
import { buildPath, pathParamNames, type RouteDefinition } from '../../shared/http/route';
import { api, type Session, signInAs, stack } from './api';

/**
 * Walks every route in the manifest (a new route is covered without editing this file) and proves
 * that no token, a forged token, the wrong role and another organization's user all get the right
 * refusal and no data.
 */
const protectedRoutes = httpRoutes.filter(({ route }) => route.access !== 'public');

let admin: Session;
let owner: Session; // brightside-plumbing
let member: Session; // brightside-plumbing
let otherOwner: Session; // northwind-events
const forged: Record<string, string> = {};
/** Real ids of the other organization's things, so a refusal is proven on data that exists. */
const otherIds: Record<string, string> = {};

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

beforeAll(async () => {
  [admin, owner, member, otherOwner] = await Promise.all([
    signInAs('admin'),
    signInAs('owner', 'brightside-plumbing'),
    signInAs('member', 'brightside-plumbing'),
    signInAs('owner', 'northwind-events'),
  ]);
  const realJwk = JSON.parse(inject('jwtPrivateJwk')) as JWK;
  const realKey = await importJWK(realJwk, 'EdDSA');
  const { d: _private, ...publicJwk } = realJwk;
  const claims = { tv: 0 };
  const valid = () =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'EdDSA', typ: 'at+jwt' })
      .setSubject(admin.user.id)
      .setIssuer('portico')
      .setAudience('portico-api')
      .setIssuedAt();
  const { privateKey: wrongKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  forged['alg none'] =
    `${base64url({ alg: 'none', typ: 'at+jwt' })}.${base64url({ sub: admin.user.id, iss: 'portico', aud: 'portico-api', tv: 0, exp: 4102444800, iat: 1 })}.`;
  forged['wrong key'] = await valid().setExpirationTime('5m').sign(wrongKey);
  forged.expired = await valid().setIssuedAt(1_600_000_000).setExpirationTime(1_600_000_600).sign(realKey);
  forged['wrong audience'] = await valid().setAudience('someone-else').setExpirationTime('5m').sign(realKey);
  forged['HS256 with the public key'] = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
    .setSubject(admin.user.id)
    .setIssuer('portico')
    .setAudience('portico-api')
    .setExpirationTime('5m')
    .sign(new TextEncoder().encode(JSON.stringify(publicJwk)));
  const otherOrgId = otherOwner.user.orgId!;
  const [leads, jobs] = await Promise.all([
    api('GET', `/api/orgs/${otherOrgId}/leads?limit=1`, { token: otherOwner.token }),
    api('GET', `/api/orgs/${otherOrgId}/jobs?limit=1`, { token: otherOwner.token }),
  ]);
  otherIds.leadId = leads.json.items[0].id;
  otherIds.jobId = jobs.json.items[0].id;
  // The real key proves the forgeries fail for the right reason, not because the subject is wrong.
  const genuine = await valid().setExpirationTime('5m').sign(realKey);
  expect((await api('GET', '/api/me', { token: genuine })).status).toBe(200);
});

/** Fills `{param}`s: the organization in the path belongs to `orgOf`; other ids are the other org's. */
const pathFor = (route: RouteDefinition, orgId: string) => {
  const params: Record<string, string> = {};
  for (const name of pathParamNames(route.path)) {
    params[name] =
      name === 'orgId'
        ? orgId
        : name === 'userId'
          ? otherOwner.user.id
          : name === 'token'
            ? 'x'.repeat(43)
            : (otherIds[name] ?? '01J00000000000000000000000');
  }
  return buildPath(route.path, params);
};

const bodyFor = (route: RouteDefinition) => (route.body ? {} : undefined);

const expectRefusal = (response: Awaited<ReturnType<typeof api>>, status: number) => {
  expect(response.status, response.text).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const keys = Object.keys(response.json).filter(
    (key) => !['type', 'title', 'status', 'detail', 'instance'].includes(key),
  );
  expect(keys).toEqual([]);
  // Nothing about the other organization leaks into a refusal.
  expect(response.text).not.toContain('Northwind');
  expect(response.text).not.toContain('northwind');
};

describe.each(
  protectedRoutes.map(({ fn, route }) => [`${route.method} ${route.path} (${fn.name})`, route] as const),
)('%s', (_name, route) => {
  const otherOrg = () => otherOwner.user.orgId!;

  it('answers 401 without a token', async () => {
    expectRefusal(await api(route.method, pathFor(route, otherOrg()), { body: bodyFor(route) }), 401);
  });

  it.each(['alg none', 'wrong key', 'expired', 'wrong audience', 'HS256 with the public key'])(
    'answers 401 to a forged token (%s)',
    async (kind) => {
      expectRefusal(
        await api(route.method, pathFor(route, otherOrg()), { token: forged[kind], body: bodyFor(route) }),
        401,
      );
    },
  );

  if (route.access === 'admin') {
    it('answers 403 to an organization owner (wrong role)', async () => {
      expectRefusal(
        await api(route.method, pathFor(route, owner.user.orgId!), {
          token: owner.token,
          body: bodyFor(route),
        }),
        403,
      );
    });
  }

  if (route.access === 'org-member' || route.access === 'org-owner') {
    it("answers 404 to another organization's owner", async () => {
      expectRefusal(
        await api(route.method, pathFor(route, otherOrg()), { token: owner.token, body: bodyFor(route) }),
        404,
      );
    });
    it("answers 404 to another organization's member", async () => {
      expectRefusal(
        await api(route.method, pathFor(route, otherOrg()), { token: member.token, body: bodyFor(route) }),
        404,
      );
    });
  }

  if (route.access === 'org-owner') {
    it('answers 403 to a member of the same organization (wrong role)', async () => {
      expectRefusal(
        await api(route.method, pathFor(route, owner.user.orgId!), {
          token: member.token,
          body: bodyFor(route),
        }),
        403,
      );
    });
  }
});

it('walks every protected route of the manifest', () => {
  expect(protectedRoutes.length).toBeGreaterThan(15);
  // Among them each organization's Google Workspace consent: owners only, and only their own.
  expect(
    protectedRoutes
      .filter(({ route }) => route.path.includes('/google-workspace'))
      .map(({ route }) => route.access),
  ).toEqual(['org-member', 'org-owner', 'org-owner', 'org-owner']);
  expect(stack().url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
});
