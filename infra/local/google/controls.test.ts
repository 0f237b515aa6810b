import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calendar } from '@googleapis/calendar';
import { describe, expect, it } from 'vitest';
import {
  apiReason,
  base,
  connect,
  control,
  event,
  failure,
  google,
  oauthClient,
  replaceStandIn,
  serveStandIn,
} from './harness';
import { googleEnvironment, LocalGoogle } from './index';

serveStandIn();

describe('LocalGoogle faults', () => {
  it('answers an injected 503 once, which the client does not retry on POST', async () => {
    const { api } = await connect();
    expect((await control('POST', '/faults', { operation: 'events.insert', status: 503 })).status).toBe(201);
    const body = event('x', '2030-01-15T09:00:00Z', '2030-01-15T10:00:00Z');
    const error = await failure(api.events.insert({ calendarId: 'primary', requestBody: body }));
    expect(error.status).toBe(503);
    expect(error.response?.data).toMatchObject({ error: { code: 503, status: 'UNAVAILABLE' } });
    expect(apiReason(error)).toBe('backendError');
    expect((await api.events.insert({ calendarId: 'primary', requestBody: body })).status).toBe(200);
  });

  it('is hidden by the client’s default retry on GET unless the request turns retry off', async () => {
    const { api } = await connect();
    await control('POST', '/faults', { operation: 'events.list', status: 503 });
    expect((await api.events.list({ calendarId: 'primary' })).status).toBe(200);

    await control('POST', '/faults', { operation: 'events.list', status: 429 });
    const error = await failure(api.events.list({ calendarId: 'primary' }, { retry: false }));
    expect(error.status).toBe(429);
    expect(apiReason(error)).toBe('rateLimitExceeded');
  });

  it('answers the token endpoint’s faults in OAuth’s error shape', async () => {
    const { auth } = await connect();
    await control('POST', '/faults', { operation: 'token', status: 400 });
    expect((await failure(auth.refreshAccessToken())).message).toBe('invalid_grant');
    expect((await auth.refreshAccessToken()).credentials.access_token).toBeTruthy();
  });

  it('delays a response past a per-request timeout, and answers normally with only a delay', async () => {
    const { api } = await connect();
    const requestBody = {
      timeMin: '2030-01-01T00:00:00Z',
      timeMax: '2030-01-02T00:00:00Z',
      items: [{ id: 'primary' }],
    };
    await control('POST', '/faults', { operation: 'freeBusy', delayMs: 400 });
    const timedOut = await failure(api.freebusy.query({ requestBody }, { timeout: 100, retry: false }));
    // Under Node gaxios fetches with node-fetch: a timeout is an abort, with no status and no code.
    expect(timedOut.message).toBe('The operation was aborted.');
    expect(timedOut.cause?.name).toBe('AbortError');
    expect(timedOut.response).toBeUndefined();

    await control('POST', '/faults', { operation: 'freeBusy', delayMs: 150 });
    const started = Date.now();
    const { data } = await api.freebusy.query({ requestBody });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(data.calendars?.primary?.busy).toEqual([]);
  });

  it('settles delayed responses when closed, so the server can stop', async () => {
    const { api } = await connect();
    await control('POST', '/faults', { operation: 'calendarList', delayMs: 60_000, count: 2 });
    const started = Date.now();
    const pending = api.calendarList.list();
    await new Promise((resolve) => setTimeout(resolve, 50));
    google.close();
    expect((await pending).status).toBe(200);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('refuses a fault for an operation it does not know', async () => {
    const response = await control('POST', '/faults', { operation: 'events.move', status: 500 });
    expect(response.status).toBe(400);
    await control('POST', '/faults', { operation: 'calendarList', status: 500, count: 3 });
    expect((await control('GET', '/state.json')).body.faults).toHaveLength(1);
    expect((await control('DELETE', '/faults')).status).toBe(204);
    expect((await control('GET', '/state.json')).body.faults).toEqual([]);
  });
});

describe('LocalGoogle controls and state', () => {
  it('shows calendars, events and connections without revealing token values', async () => {
    const { tokens } = await connect();
    await control('POST', '/events', {
      summary: 'Dentist <3',
      start: '2030-04-01T08:00:00Z',
      end: '2030-04-01T09:00:00Z',
    });
    const page = await (await fetch(`${base}/_local/google`)).text();
    expect(page).toContain('Local Google stand-in');
    expect(page).toContain('Dentist &lt;3');
    expect(page).not.toContain(tokens.refresh_token!);
    expect(page).not.toContain(tokens.access_token!);

    const state = (await control('GET', '/state.json')).body;
    const text = JSON.stringify(state);
    expect(text).not.toContain(tokens.refresh_token!);
    expect(text).not.toContain(tokens.access_token!);
    expect(state.refreshTokens).toHaveLength(1);
    expect(state.events).toMatchObject([{ summary: 'Dentist <3', status: 'confirmed' }]);
  });

  it('forgets everything on reset', async () => {
    const { api } = await connect();
    await control('POST', '/events', {
      summary: 'x',
      start: '2030-04-01T08:00:00Z',
      end: '2030-04-01T09:00:00Z',
    });
    expect((await control('POST', '/reset')).status).toBe(204);
    const state = (await control('GET', '/state.json')).body;
    expect([state.events, state.refreshTokens, state.accessTokens, state.faults]).toEqual([[], [], [], []]);
    expect((await failure(api.calendarList.list())).status).toBe(401);
  });

  it('keeps events and grants in its file across restarts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'local-google-'));
    try {
      replaceStandIn(new LocalGoogle(join(dir, 'google.json')));
      const { tokens } = await connect();
      await control('POST', '/events', {
        summary: 'Kept',
        start: '2030-04-01T08:00:00Z',
        end: '2030-04-01T09:00:00Z',
      });

      replaceStandIn(new LocalGoogle(join(dir, 'google.json')));
      const stored = oauthClient();
      stored.setCredentials({ refresh_token: tokens.refresh_token });
      const api = calendar({ version: 'v3', auth: stored, rootUrl: `${base}/_google/` });
      const { data } = await api.events.list({ calendarId: 'primary' });
      expect(data.items?.map((e) => e.summary)).toEqual(['Kept']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('seeds three weeks of weekday stand-ups in Berlin time, across the switch to summer time, once', async () => {
    // Monday 17 March 2025; Berlin moves to summer time on Sunday 30 March.
    const added = google.seedDemo(new Date('2025-03-17T07:00:00Z'));
    expect(added).toBeGreaterThan(15);
    expect(google.seedDemo(new Date('2025-03-17T07:00:00Z'))).toBe(0);

    const { api } = await connect();
    const standUps = await api.events.list({ calendarId: 'primary', q: 'stand-up', maxResults: 100 });
    expect(standUps.data.items).toHaveLength(15);
    expect(standUps.data.items?.[0]?.start?.dateTime).toBe('2025-03-17T09:30:00+01:00');
    expect(standUps.data.items?.at(-1)?.start?.dateTime).toBe('2025-04-04T09:30:00+02:00');

    const friday = await api.freebusy.query({
      requestBody: {
        timeMin: '2025-03-21T00:00:00Z',
        timeMax: '2025-03-22T00:00:00Z',
        items: [{ id: 'primary' }],
      },
    });
    // The stand-up is busy; the focus block is shown as free.
    expect(friday.data.calendars?.primary?.busy).toEqual([
      { start: '2025-03-21T08:30:00Z', end: '2025-03-21T08:45:00Z' },
    ]);
  });
});

describe('googleEnvironment', () => {
  it('points the handlers at the stand-in when no Google client is configured', () => {
    const env = googleEnvironment('http://127.0.0.1:3000', undefined);
    expect(env).toEqual({
      GOOGLE_OAUTH_CLIENT: JSON.stringify({
        clientId: 'portico-local',
        clientSecret: 'portico-local-secret',
      }),
      GOOGLE_API_ROOT: 'http://127.0.0.1:3000/_google/',
      GOOGLE_OAUTH_AUTH_URL: 'http://127.0.0.1:3000/_google/o/oauth2/v2/auth',
      GOOGLE_OAUTH_TOKEN_URL: 'http://127.0.0.1:3000/_google/token',
      GOOGLE_OAUTH_REVOKE_URL: 'http://127.0.0.1:3000/_google/revoke',
      GOOGLE_STAND_IN: '1',
    });
    // What an earlier local cloud in the same process left behind is not a real client.
    expect(googleEnvironment('http://127.0.0.1:4000', env.GOOGLE_OAUTH_CLIENT).GOOGLE_STAND_IN).toBe('1');
  });

  it('passes a real Google client through alone', () => {
    const real = JSON.stringify({ clientId: 'real.apps.googleusercontent.com', clientSecret: 's' });
    expect(googleEnvironment('http://127.0.0.1:3000', real)).toEqual({ GOOGLE_OAUTH_CLIENT: real });
  });
});
