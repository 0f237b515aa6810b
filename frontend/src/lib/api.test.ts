import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { crmRoutes } from '../../../shared/crm/contracts';
import { engagementRoutes } from '../../../shared/engagements/contracts';
import { identityRoutes, type SessionView } from '../../../shared/identity/contracts';
import { organizationRoutes } from '../../../shared/organizations/contracts';
import { ApiError, adoptSession, call, fetchFile, onSessionChange } from './api';

const user = {
  id: '01ARZ3NDEKTSV4RRFFQ69G5FAV',
  email: 'dana@example.com',
  name: 'Dana',
  role: 'owner' as const,
  orgId: '01ARZ3NDEKTSV4RRFFQ69G5FAW',
  status: 'active' as const,
  createdAt: '2026-01-01T00:00:00.000Z',
  lastSignInAt: null,
};
const session = (accessToken: string): SessionView => ({ accessToken, expiresIn: 600, user });

const json = (status: number, body: unknown, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

const unauthorized = () =>
  json(
    401,
    { type: '/api/docs#problem-unauthorized', title: 'Sign-in required', status: 401 },
    'application/problem+json',
  );

interface Sent {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | null;
  readonly body: string | null;
}

/** A fake API: `answer` decides each response; every request is recorded. */
const fakeApi = (answer: (request: Sent) => Response | Promise<Response>) => {
  const sent: Sent[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const headers = new Headers(init.headers);
    const request = {
      method: init.method ?? 'GET',
      path: url,
      authorization: headers.get('authorization'),
      body: typeof init.body === 'string' ? init.body : null,
    };
    sent.push(request);
    return answer(request);
  });
  return sent;
};

beforeEach(() => adoptSession(session('old-token')));
afterEach(() => {
  adoptSession(null);
  vi.unstubAllGlobals();
});

describe('call', () => {
  it('refreshes once for calls rejected together, then retries each with the new token', async () => {
    let releaseRefresh = () => {};
    const refreshed = new Promise<void>((resolve) => {
      releaseRefresh = resolve;
    });
    const sent = fakeApi(async (request) => {
      if (request.path === '/api/auth/refresh') {
        await refreshed;
        return json(200, session('new-token'));
      }
      return request.authorization === 'Bearer new-token' ? json(200, user) : unauthorized();
    });

    const calls = Promise.all([call(identityRoutes.me), call(identityRoutes.me), call(identityRoutes.me)]);
    await vi.waitFor(() => expect(sent.filter((r) => r.path === '/api/auth/refresh')).toHaveLength(1));
    releaseRefresh();
    const results = await calls;

    expect(results.map((result) => result.email)).toEqual([user.email, user.email, user.email]);
    expect(sent.filter((r) => r.path === '/api/auth/refresh')).toHaveLength(1);
    expect(sent.filter((r) => r.path === '/api/me').map((r) => r.authorization)).toEqual([
      'Bearer old-token',
      'Bearer old-token',
      'Bearer old-token',
      'Bearer new-token',
      'Bearer new-token',
      'Bearer new-token',
    ]);
  });

  it('ends the session when the refresh cookie is refused', async () => {
    const sessions: (SessionView | null)[] = [];
    const stop = onSessionChange((next) => sessions.push(next));
    fakeApi(() => unauthorized());

    await expect(call(identityRoutes.me)).rejects.toMatchObject({ status: 401 });
    stop();

    expect(sessions).toEqual([null]);
  });

  it('reads problem details into an ApiError with messages per field', async () => {
    fakeApi(() =>
      json(
        400,
        {
          type: '/api/docs#problem-validation',
          title: 'Some fields are not valid',
          status: 400,
          detail: 'socialLinks.x: Must be a link on x.com or twitter.com',
          errors: [{ path: 'socialLinks.x', message: 'Must be a link on x.com or twitter.com' }],
        },
        'application/problem+json',
      ),
    );

    const error = await call(organizationRoutes.updateProfile, {
      params: { orgId: user.orgId },
      body: { version: 1, summary: '', website: null, socialLinks: {}, focusTopics: [] },
    }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).problemType).toBe('validation');
    expect((error as ApiError).fieldErrors).toEqual({
      'socialLinks.x': 'Must be a link on x.com or twitter.com',
    });
  });

  it('recognises a lost version check and keeps the current version', async () => {
    fakeApi(() =>
      json(
        409,
        {
          type: '/api/docs#problem-version-conflict',
          title: 'Changed by someone else',
          status: 409,
          currentVersion: 7,
        },
        'application/problem+json',
      ),
    );

    const error = (await call(organizationRoutes.updateProfile, {
      params: { orgId: user.orgId },
      body: { version: 6, summary: '', website: null, socialLinks: {}, focusTopics: [] },
    }).catch((caught: unknown) => caught)) as ApiError;

    expect(error.isVersionConflict).toBe(true);
    expect(error.currentVersion).toBe(7);
  });

  it('fills path parameters, drops empty query values and sends no body where the route takes none', async () => {
    const sent = fakeApi(() => json(200, { items: [], nextCursor: null }));

    await call(organizationRoutes.listActivity, {
      params: { orgId: user.orgId },
      query: { limit: 10, cursor: '' },
    });
    await call(identityRoutes.listUsers, { query: { q: 'dana', role: undefined } }).catch(() => undefined);

    expect(sent[0]).toMatchObject({
      method: 'GET',
      path: `/api/orgs/${user.orgId}/activity?limit=10`,
      body: null,
    });
    expect(sent[1]?.path).toBe('/api/users?q=dana');
  });
});

describe('fetchFile', () => {
  const engagementId = '01ARZ3NDEKTSV4RRFFQ69G5FAX';

  it('downloads with the access token and names the file as the API does', async () => {
    const sent = fakeApi(
      () =>
        new Response('# Spring\n\n## Phase 1: Start\n\n* [x] Call\n', {
          status: 200,
          headers: {
            'content-type': 'text/markdown; charset=utf-8',
            'content-disposition': 'attachment; filename="todo_Spring.md"',
          },
        }),
    );

    const file = await fetchFile(engagementRoutes.download, {
      params: { orgId: user.orgId, engagementId },
      query: { version: 2 },
    });

    expect(sent[0]).toMatchObject({
      path: `/api/orgs/${user.orgId}/engagements/${engagementId}/content?version=2`,
      authorization: 'Bearer old-token',
    });
    expect(file.fileName).toBe('todo_Spring.md');
    expect(await file.blob.text()).toContain('* [x] Call');
  });

  it('turns a refusal into an ApiError like any other call', async () => {
    fakeApi(() =>
      json(
        404,
        {
          type: '/api/docs#problem-not-found',
          title: 'Not found',
          status: 404,
          detail: 'Version 9 does not exist',
        },
        'application/problem+json',
      ),
    );

    const error = await fetchFile(engagementRoutes.download, {
      params: { orgId: user.orgId, engagementId },
      query: { version: 9 },
    }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).detail).toBe('Version 9 does not exist');
  });

  it('hands over the headers, such as the cursor of a file sent in parts', async () => {
    fakeApi(
      () =>
        new Response('Created (UTC),Name\r\n', {
          status: 200,
          headers: { 'content-type': 'text/csv; charset=utf-8', 'x-next-cursor': 'eyJuZXh0IjoxfQ' },
        }),
    );

    const file = await fetchFile(crmRoutes.exportLeads, {
      params: { orgId: user.orgId },
      query: { status: 'new' },
    });

    expect(file.headers.get('x-next-cursor')).toBe('eyJuZXh0IjoxfQ');
  });
});

describe('ApiError', () => {
  it('names the existing item a refused duplicate would have repeated', async () => {
    const existing = '01ARZ3NDEKTSV4RRFFQ69G5FAY';
    fakeApi(() =>
      json(
        409,
        {
          type: '/api/docs#problem-conflict',
          title: 'Conflict',
          status: 409,
          detail: 'An open lead with this email address exists already',
          duplicateOf: existing,
        },
        'application/problem+json',
      ),
    );

    const error = await call(crmRoutes.createLead, {
      params: { orgId: user.orgId },
      body: {
        name: 'Ann',
        email: 'ann@example.com',
        message: '',
        serviceWanted: '',
        source: 'manual',
        notes: '',
      },
    }).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).duplicateOf).toBe(existing);
    expect((error as ApiError).isVersionConflict).toBe(false);
  });
});
