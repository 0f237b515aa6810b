import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { calendar, type calendar_v3 } from '@googleapis/calendar';
import { CodeChallengeMethod, OAuth2Client, type OAuth2ClientOptions } from 'google-auth-library';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mimeEmail } from '../../shared/email/send';
import type { GoogleConfig } from '../../shared/google/config';
import {
  GoogleAccessRevokedError,
  GoogleForbiddenError,
  GoogleRequestRefusedError,
  GoogleUnavailableError,
} from '../../shared/google/errors';
import { authorizationRequest, exchangeCode } from '../../shared/google/oauth';
import {
  calendarEventsScope,
  connectWorkspace,
  gmailSendScope,
  sheetsScope,
  workspaceScopes,
} from '../../shared/google/workspace';
import {
  googleEnvironment,
  LocalGoogle,
  localGoogleAccount,
  localGoogleClientId,
  localGoogleClientSecret,
} from './google';

// One plain HTTP server for the file; each test gets a fresh stand-in behind it.
let google: LocalGoogle;
let skewMs = 0;
let base = '';
const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    google
      .handle(
        request.method ?? 'GET',
        new URL(request.url ?? '/', base),
        request.headers,
        Buffer.concat(chunks),
      )
      .then((result) => {
        response.writeHead(result.status, result.headers);
        response.end(result.body);
      })
      .catch((error: Error) => {
        response.writeHead(500);
        response.end(error.message);
      });
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  google.close();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  skewMs = 0;
  google = new LocalGoogle(undefined, { now: () => Date.now() + skewMs });
});

const redirectUri = 'http://127.0.0.1:5173/api/google/callback';
const calendarScopes = [
  'https://www.googleapis.com/auth/calendar.readonly',
  'https://www.googleapis.com/auth/calendar.events',
];
const clientMeetings = 'client-meetings@group.portico.localhost';
const holidays = 'holidays@group.portico.localhost';

const oauthClient = (options: Partial<OAuth2ClientOptions> = {}) =>
  new OAuth2Client({
    clientId: localGoogleClientId,
    clientSecret: localGoogleClientSecret,
    redirectUri,
    endpoints: {
      oauth2AuthBaseUrl: `${base}/_google/o/oauth2/v2/auth`,
      oauth2TokenUrl: `${base}/_google/token`,
      oauth2RevokeUrl: `${base}/_google/revoke`,
    },
    ...options,
  });

const unescapeHtml = (value: string) =>
  value
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');

/** The hidden fields of the consent page's form, as a browser would post them. */
const consentForm = (page: string) =>
  new URLSearchParams(
    [...page.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map(
      ([, name, value]) => [unescapeHtml(name!), unescapeHtml(value!)] as [string, string],
    ),
  );

const decide = (form: URLSearchParams, decision: 'allow' | 'deny') =>
  fetch(`${base}/_google/o/oauth2/v2/auth/decision`, {
    method: 'POST',
    body: new URLSearchParams([...form, ['decision', decision]]),
    redirect: 'manual',
  });

/** Opens the consent page for a client, as the browser would, and answers it. */
const authorize = async (
  auth: OAuth2Client,
  options: { scope?: string[]; accessType?: 'offline' | 'online'; state?: string } = {},
) => {
  const { codeVerifier, codeChallenge } = await auth.generateCodeVerifierAsync();
  const url = auth.generateAuthUrl({
    access_type: options.accessType ?? 'offline',
    prompt: 'consent',
    scope: options.scope ?? calendarScopes,
    state: options.state ?? 'state-1',
    code_challenge: codeChallenge,
    code_challenge_method: CodeChallengeMethod.S256,
  });
  const page = await fetch(url);
  expect(page.status).toBe(200);
  const response = await decide(consentForm(await page.text()), 'allow');
  expect(response.status).toBe(302);
  const location = new URL(response.headers.get('location')!);
  return { codeVerifier, code: location.searchParams.get('code')!, location };
};

/** A client holding tokens from the full authorization-code flow, and a Calendar client using it. */
const connect = async (
  options: Partial<OAuth2ClientOptions> = {},
  grant: { scope?: string[]; accessType?: 'offline' | 'online' } = {},
) => {
  const auth = oauthClient(options);
  const { code, codeVerifier } = await authorize(auth, grant);
  const { tokens } = await auth.getToken({ code, codeVerifier });
  auth.setCredentials(tokens);
  return { auth, tokens, api: calendar({ version: 'v3', auth, rootUrl: `${base}/_google/` }) };
};

const control = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${base}/_local/google${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
};

/** What the client library throws, for assertions. */
interface ClientError {
  readonly message: string;
  readonly cause?: Error;
  readonly status?: number;
  readonly code?: string | number;
  readonly response?: { readonly status: number; readonly data: unknown };
}

const failure = async (promise: Promise<unknown>): Promise<ClientError> => {
  try {
    await promise;
  } catch (error) {
    return error as ClientError;
  }
  throw new Error('Expected the request to fail');
};

const apiReason = (error: ClientError) =>
  (error.response?.data as { error?: { errors?: { reason: string }[] } } | undefined)?.error?.errors?.[0]
    ?.reason;

const event = (summary: string, start: string, end: string): calendar_v3.Schema$Event => ({
  summary,
  start: { dateTime: start, timeZone: 'Europe/Berlin' },
  end: { dateTime: end, timeZone: 'Europe/Berlin' },
});

describe('LocalGoogle OAuth', () => {
  it('completes the authorization-code flow with PKCE through the real OAuth2Client', async () => {
    const auth = oauthClient();
    const { codeVerifier, codeChallenge } = await auth.generateCodeVerifierAsync();
    const url = auth.generateAuthUrl({
      access_type: 'offline',
      prompt: 'consent',
      scope: calendarScopes,
      state: 'a"b<c>&d',
      code_challenge: codeChallenge,
      code_challenge_method: CodeChallengeMethod.S256,
    });
    expect(url.startsWith(`${base}/_google/o/oauth2/v2/auth?`)).toBe(true);

    const page = await fetch(url);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('Local Google stand-in');
    expect(html).toContain(localGoogleAccount);
    expect(html).toContain('https://www.googleapis.com/auth/calendar.events');
    expect(html).not.toContain('a"b<c>');

    const response = await decide(consentForm(html), 'allow');
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(redirectUri);
    expect(location.searchParams.get('state')).toBe('a"b<c>&d');

    const { tokens } = await auth.getToken({ code: location.searchParams.get('code')!, codeVerifier });
    expect(tokens).toMatchObject({
      access_token: expect.stringMatching(/^ya29\./),
      refresh_token: expect.stringMatching(/^1\/\//),
      scope: calendarScopes.join(' '),
      token_type: 'Bearer',
    });
    expect(tokens.expiry_date).toBeGreaterThan(Date.now() + 3500_000);
  });

  it('refuses a code exchanged with the wrong verifier', async () => {
    const auth = oauthClient();
    const { code } = await authorize(auth);
    const { codeVerifier: wrong } = await auth.generateCodeVerifierAsync();
    const error = await failure(auth.getToken({ code, codeVerifier: wrong }));
    expect(error.status).toBe(400);
    expect(error.response?.data).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid code verifier.',
    });
  });

  it('accepts each code once and for ten minutes only', async () => {
    const auth = oauthClient();
    const first = await authorize(auth);
    await auth.getToken({ code: first.code, codeVerifier: first.codeVerifier });
    const reused = await failure(auth.getToken({ code: first.code, codeVerifier: first.codeVerifier }));
    expect(reused.message).toBe('invalid_grant');

    const second = await authorize(auth);
    skewMs = 10 * 60 * 1000 + 1000;
    const late = await failure(auth.getToken({ code: second.code, codeVerifier: second.codeVerifier }));
    expect(late.message).toBe('invalid_grant');
  });

  it('refuses a wrong client secret and a redirect URI that differs from the authorization request', async () => {
    const { code, codeVerifier } = await authorize(oauthClient());
    const badSecret = await failure(oauthClient({ clientSecret: 'guess' }).getToken({ code, codeVerifier }));
    expect(badSecret.status).toBe(401);
    expect(badSecret.response?.data).toMatchObject({ error: 'invalid_client' });

    const other = await authorize(oauthClient());
    const mismatch = await failure(
      oauthClient({ redirectUri: 'http://127.0.0.1:9/elsewhere' }).getToken({
        code: other.code,
        codeVerifier: other.codeVerifier,
      }),
    );
    expect(mismatch.response?.data).toMatchObject({ error: 'redirect_uri_mismatch' });
  });

  it('issues no refresh token without offline access', async () => {
    const { tokens } = await connect({}, { accessType: 'online' });
    expect(tokens.access_token).toBeTruthy();
    expect(tokens.refresh_token).toBeUndefined();
  });

  it('shows an error page for an invalid authorization request', async () => {
    const good = new URLSearchParams({
      client_id: localGoogleClientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: calendarScopes.join(' '),
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
    const variant = (changes: Record<string, string | null>) => {
      const params = new URLSearchParams(good);
      for (const [name, value] of Object.entries(changes))
        value === null ? params.delete(name) : params.set(name, value);
      return fetch(`${base}/_google/o/oauth2/v2/auth?${params}`);
    };
    expect((await variant({})).status).toBe(200);
    const invalid: Record<string, string | null>[] = [
      { client_id: 'someone-else' },
      { redirect_uri: null },
      { response_type: 'token' },
      { code_challenge_method: null },
      { code_challenge_method: 'plain' },
      { code_challenge: null },
    ];
    for (const changes of invalid) {
      const response = await variant(changes);
      expect(response.status, JSON.stringify(changes)).toBe(400);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(await response.text()).toContain('Local Google stand-in');
    }
  });

  it('redirects with access_denied when the user denies', async () => {
    const auth = oauthClient();
    const { codeChallenge } = await auth.generateCodeVerifierAsync();
    const page = await fetch(
      auth.generateAuthUrl({
        scope: calendarScopes,
        state: 'xyz',
        code_challenge: codeChallenge,
        code_challenge_method: CodeChallengeMethod.S256,
      }),
    );
    const response = await decide(consentForm(await page.text()), 'deny');
    const location = new URL(response.headers.get('location')!);
    expect(response.status).toBe(302);
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('xyz');
    expect(location.searchParams.has('code')).toBe(false);
  });

  it('revokes a refresh token and the access tokens issued from it', async () => {
    const { auth, api, tokens } = await connect();
    await auth.revokeToken(tokens.refresh_token!);
    const call = await failure(api.calendarList.list());
    expect(call.status).toBe(401);
    const refresh = await failure(auth.refreshAccessToken());
    expect(refresh.message).toBe('invalid_grant');

    const unknown = await failure(auth.revokeToken(tokens.refresh_token!));
    expect(unknown.status).toBe(400);
    expect(unknown.response?.data).toMatchObject({ error: 'invalid_token' });
  });

  it('revokes the whole grant when the app revokes its access token', async () => {
    const { auth, tokens } = await connect();
    await auth.revokeCredentials();
    const fresh = oauthClient();
    fresh.setCredentials({ refresh_token: tokens.refresh_token });
    expect((await failure(fresh.getAccessToken())).message).toBe('invalid_grant');
  });
});

describe('LocalGoogle Calendar v3', () => {
  it('lists the primary, a second owned and a read-only calendar', async () => {
    const { api } = await connect();
    const { data } = await api.calendarList.list();
    expect(data.items?.map((c) => [c.id, c.summary, c.accessRole, c.primary ?? false])).toEqual([
      [localGoogleAccount, 'Operator (local)', 'owner', true],
      [clientMeetings, 'Client meetings (local)', 'owner', false],
      [holidays, 'Holidays (local)', 'reader', false],
    ]);
    expect(data.items?.[0]?.timeZone).toBe('Europe/Berlin');
    const writable = await api.calendarList.list({ minAccessRole: 'writer' });
    expect(writable.data.items).toHaveLength(2);
  });

  it('answers the documented API path under /_google/ as well as the one the client resolves', async () => {
    const { tokens } = await connect();
    const response = await fetch(`${base}/_google/calendar/v3/users/me/calendarList/primary`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: localGoogleAccount, primary: true });
  });

  it('answers 401 in Google’s error shape without a valid access token', async () => {
    const response = await fetch(`${base}/calendar/v3/users/me/calendarList`, {
      headers: { authorization: 'Bearer ya29.nothing' },
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: {
        code: 401,
        message: 'Request had invalid authentication credentials.',
        errors: [
          {
            message: 'Invalid Credentials',
            domain: 'global',
            reason: 'authError',
            location: 'Authorization',
            locationType: 'header',
          },
        ],
        status: 'UNAUTHENTICATED',
      },
    });
  });

  it('refuses a call the granted scopes do not cover', async () => {
    const { api } = await connect({}, { scope: ['https://www.googleapis.com/auth/calendar.events'] });
    const error = await failure(api.calendarList.list());
    expect(error.status).toBe(403);
    expect(apiReason(error)).toBe('insufficientPermissions');
  });

  it('reports busy time clipped to the window, without cancelled or transparent events', async () => {
    const { api } = await connect();
    const add = (calendarId: string, summary: string, start: string, end: string, extra = {}) =>
      control('POST', '/events', { calendarId, summary, start, end, ...extra });
    await add(localGoogleAccount, 'Early', '2030-05-06T08:00:00Z', '2030-05-06T09:30:00Z');
    await add(localGoogleAccount, 'Client call', '2030-05-06T10:00:00Z', '2030-05-06T11:00:00Z');
    await add(localGoogleAccount, 'Overlapping', '2030-05-06T10:30:00Z', '2030-05-06T11:30:00Z');
    const cancelled = await add(
      localGoogleAccount,
      'Cancelled',
      '2030-05-06T12:00:00Z',
      '2030-05-06T13:00:00Z',
    );
    await control('DELETE', `/events/${localGoogleAccount}/${cancelled.body.id}`);
    await add(localGoogleAccount, 'Reminder', '2030-05-06T14:00:00Z', '2030-05-06T15:00:00Z', {
      transparency: 'transparent',
    });
    await add(clientMeetings, 'Workshop', '2030-05-06T15:00:00Z', '2030-05-06T18:00:00Z');

    const { data } = await api.freebusy.query({
      requestBody: {
        timeMin: '2030-05-06T09:00:00Z',
        timeMax: '2030-05-06T17:00:00Z',
        items: [{ id: 'primary' }, { id: clientMeetings }, { id: 'nobody@example.com' }],
      },
    });
    expect(data.kind).toBe('calendar#freeBusy');
    expect(data.calendars).toEqual({
      primary: {
        busy: [
          { start: '2030-05-06T09:00:00Z', end: '2030-05-06T09:30:00Z' },
          { start: '2030-05-06T10:00:00Z', end: '2030-05-06T11:30:00Z' },
        ],
      },
      [clientMeetings]: { busy: [{ start: '2030-05-06T15:00:00Z', end: '2030-05-06T17:00:00Z' }] },
      'nobody@example.com': { errors: [{ domain: 'global', reason: 'notFound' }], busy: [] },
    });
  });

  it('inserts, reads, patches, updates and deletes an event through the real client', async () => {
    const { api } = await connect();
    const inserted = await api.events.insert({
      calendarId: 'primary',
      sendUpdates: 'all',
      requestBody: {
        ...event('Site survey with Ada', '2030-01-15T09:00:00Z', '2030-01-15T10:00:00Z'),
        description: 'Booked through Portico',
        location: 'Main Street 1',
        attendees: [{ email: 'ada@example.com', displayName: 'Ada' }],
        extendedProperties: { private: { porticoBookingId: 'B1' } },
      },
    });
    const id = inserted.data.id!;
    expect(inserted.status).toBe(200);
    expect(inserted.data).toMatchObject({
      status: 'confirmed',
      summary: 'Site survey with Ada',
      // Times come back in the calendar's zone, as at Google.
      start: { dateTime: '2030-01-15T10:00:00+01:00', timeZone: 'Europe/Berlin' },
      attendees: [{ email: 'ada@example.com', displayName: 'Ada', responseStatus: 'needsAction' }],
      organizer: { email: localGoogleAccount, self: true },
      sequence: 0,
    });
    expect(inserted.data).toHaveProperty('etag');
    expect(inserted.data).toHaveProperty('htmlLink');
    expect(inserted.data).toHaveProperty('iCalUID');

    const patched = await api.events.patch({
      calendarId: 'primary',
      eventId: id,
      sendUpdates: 'all',
      requestBody: {
        start: { dateTime: '2030-01-15T11:00:00Z', timeZone: 'Europe/Berlin' },
        end: { dateTime: '2030-01-15T12:00:00Z', timeZone: 'Europe/Berlin' },
        extendedProperties: { private: { porticoRevision: '2' } },
      },
    });
    expect(patched.data).toMatchObject({
      summary: 'Site survey with Ada',
      description: 'Booked through Portico',
      start: { dateTime: '2030-01-15T12:00:00+01:00' },
      extendedProperties: { private: { porticoBookingId: 'B1', porticoRevision: '2' } },
      sequence: 1,
    });

    const found = await api.events.list({
      calendarId: 'primary',
      privateExtendedProperty: ['porticoBookingId=B1'],
    });
    expect(found.data.items?.map((e) => e.id)).toEqual([id]);

    const updated = await api.events.update({
      calendarId: 'primary',
      eventId: id,
      requestBody: event('Site survey', '2030-01-15T11:00:00Z', '2030-01-15T12:00:00Z'),
    });
    expect(updated.data.summary).toBe('Site survey');
    expect(updated.data.description).toBeUndefined();

    const deleted = await api.events.delete({ calendarId: 'primary', eventId: id, sendUpdates: 'all' });
    expect(deleted.status).toBe(204);
    expect((await api.events.get({ calendarId: 'primary', eventId: id })).data.status).toBe('cancelled');
    const again = await failure(api.events.delete({ calendarId: 'primary', eventId: id }));
    expect(again.status).toBe(410);
    expect(apiReason(again)).toBe('deleted');
    const unknown = await failure(api.events.get({ calendarId: 'primary', eventId: 'nosuchevent' }));
    expect(unknown.status).toBe(404);
  });

  it('keeps client-chosen event ids unique and refuses writes to a read-only calendar', async () => {
    const { api } = await connect();
    const requestBody = {
      ...event('Call', '2030-01-15T09:00:00Z', '2030-01-15T10:00:00Z'),
      id: 'portico0booking1',
    };
    await api.events.insert({ calendarId: 'primary', requestBody });
    const duplicate = await failure(api.events.insert({ calendarId: 'primary', requestBody }));
    expect(duplicate.status).toBe(409);
    expect(apiReason(duplicate)).toBe('duplicate');
    const invalid = await failure(
      api.events.insert({ calendarId: 'primary', requestBody: { ...requestBody, id: 'Not-Base32' } }),
    );
    expect(invalid.status).toBe(400);
    const readOnly = await failure(
      api.events.insert({
        calendarId: holidays,
        requestBody: event('x', '2030-01-15T09:00:00Z', '2030-01-15T10:00:00Z'),
      }),
    );
    expect(readOnly.status).toBe(403);
    expect(apiReason(readOnly)).toBe('requiredAccessLevel');
    const backwards = await failure(
      api.events.insert({
        calendarId: 'primary',
        requestBody: event('x', '2030-01-15T10:00:00Z', '2030-01-15T09:00:00Z'),
      }),
    );
    expect(apiReason(backwards)).toBe('timeRangeEmpty');
  });

  it('returns only events changed since a sync token, deleted ones as cancelled', async () => {
    const { api } = await connect();
    const a = await api.events.insert({
      calendarId: 'primary',
      requestBody: event('Moves', '2030-02-01T09:00:00Z', '2030-02-01T10:00:00Z'),
    });
    const b = await api.events.insert({
      calendarId: 'primary',
      requestBody: event('Goes away', '2030-02-02T09:00:00Z', '2030-02-02T10:00:00Z'),
    });
    await api.events.insert({
      calendarId: 'primary',
      requestBody: event('Stays', '2030-02-03T09:00:00Z', '2030-02-03T10:00:00Z'),
    });
    const full = await api.events.list({
      calendarId: 'primary',
      timeMin: '2030-01-01T00:00:00Z',
      showDeleted: true,
      singleEvents: true,
    });
    expect(full.data.items).toHaveLength(3);
    const syncToken = full.data.nextSyncToken!;
    expect(syncToken).toBeTruthy();

    // The operator moves one event and deletes another in Google's own UI.
    expect(
      (
        await control('PATCH', `/events/${localGoogleAccount}/${a.data.id}`, {
          start: '2030-02-01T13:00:00Z',
          end: '2030-02-01T14:00:00Z',
        })
      ).status,
    ).toBe(200);
    expect((await control('DELETE', `/events/${localGoogleAccount}/${b.data.id}`)).status).toBe(204);

    const changes = await api.events.list({ calendarId: 'primary', syncToken, singleEvents: true });
    expect(changes.data.items?.map((e) => [e.id, e.status])).toEqual([
      [a.data.id, 'confirmed'],
      [b.data.id, 'cancelled'],
    ]);
    expect(new Date(changes.data.items![0]!.start!.dateTime!).toISOString()).toBe('2030-02-01T13:00:00.000Z');
    const next = changes.data.nextSyncToken!;
    expect((await api.events.list({ calendarId: 'primary', syncToken: next })).data.items).toEqual([]);

    const bad = await failure(api.events.list({ calendarId: 'primary', syncToken: 'not-a-token' }));
    expect(bad.status).toBe(410);
    expect(apiReason(bad)).toBe('fullSyncRequired');
    const withWindow = await failure(
      api.events.list({ calendarId: 'primary', syncToken: next, timeMin: '2030-01-01T00:00:00Z' }),
    );
    expect(withWindow.status).toBe(400);
    await control('POST', '/invalidate-sync-tokens');
    expect((await failure(api.events.list({ calendarId: 'primary', syncToken: next }))).status).toBe(410);
  });

  it('pages a long list and gives the sync token on the last page only', async () => {
    const { api } = await connect();
    for (let day = 1; day <= 5; day++)
      await control('POST', '/events', {
        summary: `Day ${day}`,
        start: `2030-03-0${day}T09:00:00Z`,
        end: `2030-03-0${day}T10:00:00Z`,
      });
    const summaries: string[] = [];
    let pageToken: string | undefined;
    let pages = 0;
    let syncToken: string | null | undefined;
    do {
      const { data } = await api.events.list({ calendarId: 'primary', maxResults: 2, pageToken });
      pages++;
      summaries.push(...(data.items ?? []).map((e) => e.summary!));
      pageToken = data.nextPageToken ?? undefined;
      syncToken = data.nextSyncToken;
      expect(Boolean(pageToken) !== Boolean(syncToken)).toBe(true);
    } while (pageToken);
    expect(pages).toBe(3);
    expect(summaries).toEqual(['Day 1', 'Day 2', 'Day 3', 'Day 4', 'Day 5']);
  });
});

describe('LocalGoogle expired and revoked access', () => {
  it('lets a client with forceRefreshOnFailure recover from expired access tokens by refreshing', async () => {
    const { auth, api, tokens } = await connect({ forceRefreshOnFailure: true });
    await api.calendarList.list();
    expect((await control('POST', '/expire-access-tokens')).status).toBe(200);
    const { data } = await api.calendarList.list();
    expect(data.items).toHaveLength(3);
    expect(auth.credentials.access_token).not.toBe(tokens.access_token);
  });

  it('surfaces the 401 to a client that trusts its token’s expiry date and has no forceRefreshOnFailure', async () => {
    const { api } = await connect();
    await control('POST', '/expire-access-tokens');
    expect((await failure(api.calendarList.list())).status).toBe(401);
  });

  it('surfaces invalid_grant after the user removes the app’s access', async () => {
    const { api, tokens } = await connect({ forceRefreshOnFailure: true });
    await control('POST', '/revoke-all');
    const error = await failure(api.calendarList.list());
    expect(error.message).toBe('invalid_grant');
    expect(error.status).toBe(400);
    expect(error.response?.data).toEqual({
      error: 'invalid_grant',
      error_description: 'Token has been expired or revoked.',
    });

    // A client built from the stored refresh token alone fails the same way on its first call.
    const stored = oauthClient();
    stored.setCredentials({ refresh_token: tokens.refresh_token });
    const fresh = calendar({ version: 'v3', auth: stored, rootUrl: `${base}/_google/` });
    expect((await failure(fresh.calendarList.list())).message).toBe('invalid_grant');
  });
});

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
      google = new LocalGoogle(join(dir, 'google.json'));
      const { tokens } = await connect();
      await control('POST', '/events', {
        summary: 'Kept',
        start: '2030-04-01T08:00:00Z',
        end: '2030-04-01T09:00:00Z',
      });

      google = new LocalGoogle(join(dir, 'google.json'));
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

describe('LocalGoogle Gmail and Sheets, through the clients organizations use', () => {
  const workspaceRedirect = 'http://127.0.0.1:5173/google-workspace/callback';
  const config = (): GoogleConfig => ({
    clientId: localGoogleClientId,
    clientSecret: localGoogleClientSecret,
    apiRoot: `${base}/_google/`,
    endpoints: {
      oauth2AuthBaseUrl: `${base}/_google/o/oauth2/v2/auth`,
      oauth2TokenUrl: `${base}/_google/token`,
      oauth2RevokeUrl: `${base}/_google/revoke`,
    },
    standIn: true,
  });

  /** Consent as `account` through Portico's own OAuth calls; returns the exchanged tokens. */
  const consentAs = async (account: string, scopes: readonly string[] = workspaceScopes) => {
    const request = await authorizationRequest(config(), workspaceRedirect, 'state-w', { scopes });
    const page = await (await fetch(request.url)).text();
    expect(page).toContain('name="account"');
    const form = consentForm(page);
    form.set('account', account);
    const response = await decide(form, 'allow');
    const location = new URL(response.headers.get('location')!);
    return exchangeCode(
      config(),
      workspaceRedirect,
      location.searchParams.get('code')!,
      request.codeVerifier,
    );
  };

  const mime = (from: string, to: string) =>
    mimeEmail(
      [to],
      {
        subject: 'Your quote from Brightside — grüße',
        text: 'Hello Ada',
        html: '<p>Hello Ada</p>',
        unsubscribeUrl: 'https://portico.test/api/unsubscribe?token=abc.def',
      },
      { senderName: 'Brightside Plumbing', fromAddress: from, replyTo: 'dana@brightside.example' },
    );

  it('issues an ID token naming the account chosen on the consent page, and grants `email` by its full name', async () => {
    const page = await (
      await fetch(
        (
          await authorizationRequest(config(), workspaceRedirect, 's', { scopes: workspaceScopes })
        ).url,
      )
    ).text();
    expect(page).toContain('Send email on your behalf');
    expect(page).toContain('See, edit, create and delete all your Google Sheets spreadsheets');

    const tokens = await consentAs('Office@Brightside.example');
    expect(tokens.email).toBe('office@brightside.example');
    expect(tokens.refreshToken).toMatch(/^1\/\//);
    expect(tokens.scopes).toEqual([
      'openid',
      'https://www.googleapis.com/auth/userinfo.email',
      gmailSendScope,
      sheetsScope,
      calendarEventsScope,
    ]);
    const state = (await control('GET', '/state.json')).body as { refreshTokens: { account: string }[] };
    expect(state.refreshTokens.map((grant) => grant.account)).toEqual(['office@brightside.example']);
  });

  it('sends a MIME message as the signed-in account, keeps it with its headers, and shows it on the page', async () => {
    const { refreshToken } = await consentAs('office@brightside.example');
    const client = connectWorkspace(config(), refreshToken!);

    const id = await client.sendMail(mime('office@brightside.example', 'ada@example.com'));

    expect(id).toMatch(/^[0-9a-f]{16}$/);
    const { messages } = (await control('GET', '/state.json')).body as {
      messages: {
        id: string;
        from: string;
        to: string[];
        subject: string;
        headers: Record<string, string>;
      }[];
    };
    expect(messages).toEqual([
      expect.objectContaining({
        id,
        from: 'Brightside Plumbing <office@brightside.example>',
        to: ['ada@example.com'],
        subject: 'Your quote from Brightside — grüße',
      }),
    ]);
    expect(messages[0]!.headers['list-unsubscribe']).toBe(
      '<https://portico.test/api/unsubscribe?token=abc.def>',
    );
    expect(messages[0]!.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(messages[0]!.headers['reply-to']).toBe('dana@brightside.example');
    const page = await (await fetch(`${base}/_local/google`)).text();
    expect(page).toContain('Gmail: messages sent');
    expect(page).toContain('Your quote from Brightside — grüße');
    expect(page).toContain('ada@example.com');
  });

  it('sends from the signed-in account whatever the From header says', async () => {
    const { refreshToken } = await consentAs('office@brightside.example');
    await connectWorkspace(config(), refreshToken!).sendMail(mime('someone@else.example', 'ada@example.com'));
    const { messages } = (await control('GET', '/state.json')).body as { messages: { from: string }[] };
    expect(messages[0]!.from).toBe('Brightside Plumbing <office@brightside.example>');
  });

  it('refuses Gmail without the gmail.send scope, and a message without a recipient', async () => {
    const calendarOnly = await consentAs('office@brightside.example', ['openid', 'email', ...calendarScopes]);
    await expect(
      connectWorkspace(config(), calendarOnly.refreshToken!).sendMail(mime('x@y.example', 'ada@example.com')),
    ).rejects.toBeInstanceOf(GoogleForbiddenError);

    const { refreshToken } = await consentAs('office@brightside.example');
    const noRecipient = 'From: office@brightside.example\r\nSubject: Hi\r\n\r\nHello';
    const refused = await connectWorkspace(config(), refreshToken!)
      .sendMail(noRecipient)
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(GoogleRequestRefusedError);
    expect((refused as Error).message).toBe('Google refused the request: Recipient address required');
    expect((await control('GET', '/state.json')).body.messages).toEqual([]);
  });

  it('appends rows after the last one, as text, and says which range it wrote', async () => {
    const { refreshToken } = await consentAs('office@brightside.example');
    const client = connectWorkspace(config(), refreshToken!);
    await control('POST', '/spreadsheets/sheet-1/sheets', {
      title: 'Lead list',
      account: 'office@brightside.example',
    });

    const first = await client.appendRow('sheet-1', "'Lead list'", ['2026-05-01 10:00', 'Ada', '=1+1']);
    const second = await client.appendRow('sheet-1', "'Lead list'!A:H", ['2026-05-01 11:00', 'Bob']);
    const firstSheet = await client.appendRow('sheet-1', 'A1', ['on the first sheet']);

    expect(first.updatedRange).toBe("'Lead list'!A1:C1");
    expect(second.updatedRange).toBe("'Lead list'!A2:B2");
    expect(firstSheet.updatedRange).toBe('Sheet1!A1:A1');
    const { spreadsheets } = (await control('GET', '/state.json')).body as {
      spreadsheets: { id: string; account: string; sheets: { title: string; rows: string[][] }[] }[];
    };
    expect(spreadsheets).toEqual([
      {
        id: 'sheet-1',
        account: 'office@brightside.example',
        sheets: [
          { title: 'Sheet1', rows: [['on the first sheet']] },
          {
            title: 'Lead list',
            rows: [
              ['2026-05-01 10:00', 'Ada', '=1+1'],
              ['2026-05-01 11:00', 'Bob'],
            ],
          },
        ],
      },
    ]);
    const page = await (await fetch(`${base}/_local/google`)).text();
    expect(page).toContain('Google Sheets');
    expect(page).toContain('=1+1');
  });

  it("refuses a sheet the spreadsheet does not have, and another account's spreadsheet", async () => {
    const office = await consentAs('office@brightside.example');
    const other = await consentAs('someone@northwind.example');
    await connectWorkspace(config(), office.refreshToken!).appendRow('sheet-2', 'Sheet1', ['first']);

    const badRange = await connectWorkspace(config(), office.refreshToken!)
      .appendRow('sheet-2', 'Leads', ['x'])
      .catch((error: unknown) => error);
    expect(badRange).toBeInstanceOf(GoogleRequestRefusedError);
    expect((badRange as Error).message).toContain('Unable to parse range: Leads');
    await expect(
      connectWorkspace(config(), other.refreshToken!).appendRow('sheet-2', 'Sheet1', ['x']),
    ).rejects.toBeInstanceOf(GoogleForbiddenError);
  });

  it('answers injected faults and one account’s revocation as the clients classify them', async () => {
    const office = await consentAs('office@brightside.example');
    const operator = await consentAs(localGoogleAccount);
    const client = connectWorkspace(config(), office.refreshToken!);
    await control('POST', '/faults', { operation: 'gmail.send', status: 503 });
    await control('POST', '/faults', { operation: 'sheets.append', status: 500 });

    await expect(client.sendMail(mime('office@brightside.example', 'a@example.com'))).rejects.toBeInstanceOf(
      GoogleUnavailableError,
    );
    await expect(client.appendRow('sheet-3', 'A1', ['x'])).rejects.toBeInstanceOf(GoogleUnavailableError);

    // Its refresh token, the exchange's access token and the one the client refreshed for itself.
    expect((await control('POST', '/revoke-all', { account: 'office@brightside.example' })).body).toEqual({
      revoked: 3,
    });
    await expect(client.sendMail(mime('office@brightside.example', 'a@example.com'))).rejects.toBeInstanceOf(
      GoogleAccessRevokedError,
    );
    // The other account's grant is untouched.
    await connectWorkspace(config(), operator.refreshToken!).appendRow('sheet-4', 'A1', ['still works']);
  });
});
