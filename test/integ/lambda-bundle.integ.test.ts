import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, inject, it } from 'vitest';
import { lambdaBuildOptions } from '../../infra/bundling';
import { api, createOrganization, demoUser, signInAs, uniqueSuffix, waitForEmail } from './api';
import { functionEnvironment } from './round-trips';

/**
 * Runs `handler(event)` of the bundle at `dir` for each event, in one plain Node process (no TypeScript
 * loader, as in Lambda) with the function's environment and the role's credentials in environment
 * variables, as Lambda gives them.
 */
const invokeBundle = (dir: string, events: readonly unknown[]) => {
  const script = [
    `const { handler } = await import(${JSON.stringify(join(dir, 'index.mjs'))});`,
    `const context = { awsRequestId: 'bundle-test', functionName: 'portico-identity', getRemainingTimeInMillis: () => 10000 };`,
    'const results = [];',
    `for (const event of ${JSON.stringify(events)}) results.push(await handler(event, context));`,
    'process.stdout.write(JSON.stringify(results));',
  ].join('\n');
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      ...functionEnvironment(),
      AWS_SESSION_TOKEN: 'local',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: 'ERROR',
      ENGAGEMENTS_BUCKET: 'portico-engagements',
      IMPORTS_BUCKET: 'portico-imports',
      // The identity function signs tokens.
      JWT_PRIVATE_JWK: inject('jwtPrivateJwk'),
    },
  });
  if (child.status !== 0) throw new Error(child.stderr);
  return JSON.parse(child.stdout) as { statusCode: number; body: string }[];
};

const post = (path: string, body: unknown, headers: Record<string, string> = {}) => ({
  version: '2.0',
  routeKey: `POST ${path}`,
  rawPath: path,
  rawQueryString: '',
  headers: { 'content-type': 'application/json', ...headers },
  requestContext: {
    http: { method: 'POST', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
    requestId: 'bundle-test',
    routeKey: `POST ${path}`,
    stage: '$default',
    timeEpoch: Date.now(),
  },
  body: JSON.stringify(body),
  isBase64Encoded: false,
});

describe('a function as it is bundled for Lambda', () => {
  it('signs a demo user in and mails a reset link from its bundle, loading the split-off SES client on demand', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portico-bundle-'));
    await build(lambdaBuildOptions(resolve('functions/identity/handler.ts'), dir));
    expect(existsSync(join(dir, 'index.mjs'))).toBe(true);
    expect(readdirSync(join(dir, 'chunks')).length).toBeGreaterThan(0);

    const user = demoUser('owner');
    const [signedIn, reset] = invokeBundle(dir, [
      post('/api/auth/sign-in', { email: user.email, password: user.password }),
      post('/api/auth/password-reset', { email: user.email }),
    ]);

    expect(signedIn!.statusCode, signedIn!.body).toBe(200);
    expect(JSON.parse(signedIn!.body)).toMatchObject({
      accessToken: expect.any(String),
      user: { email: user.email },
    });
    expect(reset!.statusCode, reset!.body).toBe(202);
    await waitForEmail(user.email, /Reset your Portico password/);
  }, 60_000);

  it('takes a lead from the public form through its bundle, and refuses a header injection or a number for a name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portico-bundle-'));
    await build(lambdaBuildOptions(resolve('functions/lead-form/handler.ts'), dir));
    const admin = await signInAs('admin');
    const org = await createOrganization(admin.token);
    const suffix = uniqueSuffix();

    const [submitted, refused, mistyped] = invokeBundle(dir, [
      post(`/api/public/leads/${org.slug}`, { name: `Visitor ${suffix}`, email: `v-${suffix}@example.com` }),
      post(`/api/public/leads/${org.slug}`, {
        name: 'Visitor\r\nBcc: x@example.com',
        email: 'x@example.com',
      }),
      post(`/api/public/leads/${org.slug}`, { name: 42, email: 'x@example.com' }),
    ]);

    expect(submitted!.statusCode, submitted!.body).toBe(202);
    expect(refused!.statusCode, refused!.body).toBe(400);
    expect(JSON.parse(refused!.body)).toMatchObject({ errors: [expect.objectContaining({ path: 'name' })] });
    // zod's own messages, in English: the bundle keeps the module that configures them.
    expect(JSON.parse(mistyped!.body)).toMatchObject({
      errors: [{ path: 'name', message: 'Invalid input: expected string, received number' }],
    });
    // The lead, written by the bundle, as the dashboard reads it.
    const leads = await api('GET', `/api/orgs/${org.id}/leads`, { token: admin.token });
    expect(leads.json.items).toEqual([expect.objectContaining({ name: `Visitor ${suffix}` })]);
  }, 60_000);
});
