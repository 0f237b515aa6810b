import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { calendar, type calendar_v3 } from '@googleapis/calendar';
import { CodeChallengeMethod, OAuth2Client, type OAuth2ClientOptions } from 'google-auth-library';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { LocalGoogle, localGoogleClientId, localGoogleClientSecret } from './index';

// One plain HTTP server per test file; each test gets a fresh stand-in behind it.
export let google: LocalGoogle;
let skewMs = 0;
export let base = '';

/** Moves the stand-in's clock on (tests of expiry). */
export const skewClock = (ms: number) => {
  skewMs = ms;
};

/** Puts another stand-in behind the server (tests of its state file). */
export const replaceStandIn = (next: LocalGoogle) => {
  google = next;
};
export const server = createServer((request, response) => {
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

/** Starts the server for the calling test file and a fresh stand-in before each of its tests. */
export const serveStandIn = () => {
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
};

export const redirectUri = 'http://127.0.0.1:5173/api/google/callback';
export const calendarScopes = [
  'https://www.googleapis.com/auth/calendar.readonly',
  'https://www.googleapis.com/auth/calendar.events',
];
export const clientMeetings = 'client-meetings@group.portico.localhost';
export const holidays = 'holidays@group.portico.localhost';

export const oauthClient = (options: Partial<OAuth2ClientOptions> = {}) =>
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

export const unescapeHtml = (value: string) =>
  value
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');

/** The hidden fields of the consent page's form, as a browser would post them. */
export const consentForm = (page: string) =>
  new URLSearchParams(
    [...page.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)].map(
      ([, name, value]) => [unescapeHtml(name!), unescapeHtml(value!)] as [string, string],
    ),
  );

export const decide = (form: URLSearchParams, decision: 'allow' | 'deny') =>
  fetch(`${base}/_google/o/oauth2/v2/auth/decision`, {
    method: 'POST',
    body: new URLSearchParams([...form, ['decision', decision]]),
    redirect: 'manual',
  });

/** Opens the consent page for a client, as the browser would, and answers it. */
export const authorize = async (
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
export const connect = async (
  options: Partial<OAuth2ClientOptions> = {},
  grant: { scope?: string[]; accessType?: 'offline' | 'online' } = {},
) => {
  const auth = oauthClient(options);
  const { code, codeVerifier } = await authorize(auth, grant);
  const { tokens } = await auth.getToken({ code, codeVerifier });
  auth.setCredentials(tokens);
  return { auth, tokens, api: calendar({ version: 'v3', auth, rootUrl: `${base}/_google/` }) };
};

export const control = async (method: string, path: string, body?: unknown) => {
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
export interface ClientError {
  readonly message: string;
  readonly cause?: Error;
  readonly status?: number;
  readonly code?: string | number;
  readonly response?: { readonly status: number; readonly data: unknown };
}

export const failure = async (promise: Promise<unknown>): Promise<ClientError> => {
  try {
    await promise;
  } catch (error) {
    return error as ClientError;
  }
  throw new Error('Expected the request to fail');
};

export const apiReason = (error: ClientError) =>
  (error.response?.data as { error?: { errors?: { reason: string }[] } } | undefined)?.error?.errors?.[0]
    ?.reason;

export const event = (summary: string, start: string, end: string): calendar_v3.Schema$Event => ({
  summary,
  start: { dateTime: start, timeZone: 'Europe/Berlin' },
  end: { dateTime: end, timeZone: 'Europe/Berlin' },
});
