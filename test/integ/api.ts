import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { expect, inject } from 'vitest';
import { httpRoutes } from '../../functions/manifest';
import type { RouteDefinition } from '../../shared/http/route';
import type { DemoSignIn } from './local-stack';

export const stack = () => inject('stack');

export interface ApiResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers freely; integration tests check them against their schemas.
  readonly json: any;
  readonly cookies: string[];
}

export interface RequestOptions {
  readonly token?: string;
  readonly body?: unknown;
  /** Sent as is, for malformed bodies. */
  readonly rawBody?: string;
  readonly headers?: Record<string, string>;
  readonly cookie?: string;
}

/** Literal segments win over `{param}` ones, as in API Gateway: `/leads/export` before `/leads/{leadId}`. */
const routeMatchers = httpRoutes
  .map(({ route }) => ({
    route,
    pattern: new RegExp(`^${route.path.replace(/\{\w+\}/g, '[^/]+')}$`),
    params: (route.path.match(/\{/g) ?? []).length,
  }))
  .sort((a, b) => a.params - b.params);

const routeOf = (method: string, path: string): RouteDefinition | undefined =>
  routeMatchers.find(
    (matcher) => matcher.route.method === method && matcher.pattern.test(path.split('?')[0]!),
  )?.route;

/**
 * Every successful JSON answer must match its route's response schema: the frontend and the OpenAPI
 * document trust those schemas, so a test that reads a field the schema does not promise fails here.
 */
const checkResponse = (method: string, path: string, status: number, headers: Headers, json: unknown) => {
  const route = routeOf(method, path);
  if (!route?.response || status !== (route.status ?? 200)) return;
  if (!headers.get('content-type')?.includes('application/json')) return;
  const parsed = route.response.safeParse(json);
  if (!parsed.success)
    throw new Error(
      `${method} ${path} answered ${status} with a body its response schema refuses: ${JSON.stringify(parsed.error.issues.slice(0, 5))}`,
    );
};

export const api = async (
  method: string,
  path: string,
  options: RequestOptions = {},
): Promise<ApiResponse> => {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.cookie) headers.cookie = options.cookie;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${stack().url}${path}`, { method, headers, body });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  checkResponse(method, path, response.status, response.headers, json);
  return {
    status: response.status,
    headers: response.headers,
    text,
    json,
    cookies: response.headers.getSetCookie(),
  };
};

/** `name=value` of the refresh cookie a response set. */
export const refreshCookieOf = (response: ApiResponse): string => {
  const cookie = response.cookies.find((c) => c.startsWith('portico_refresh='));
  if (!cookie) throw new Error(`No refresh cookie in ${response.status} ${response.text}`);
  return cookie.split(';')[0]!;
};

export const demoUser = (role: DemoSignIn['role'], orgSlug?: string): DemoSignIn => {
  const user = stack().signIns.find((s) => s.role === role && (!orgSlug || s.orgSlug === orgSlug));
  if (!user) throw new Error(`No demo ${role}`);
  return user;
};

export interface Session {
  readonly token: string;
  readonly cookie: string;
  readonly user: { id: string; orgId: string | null; role: string; email: string };
}

export const signIn = async (email: string, password: string): Promise<Session> => {
  const response = await api('POST', '/api/auth/sign-in', { body: { email, password } });
  if (response.status !== 200) throw new Error(`Sign-in failed: ${response.status} ${response.text}`);
  return { token: response.json.accessToken, cookie: refreshCookieOf(response), user: response.json.user };
};

export const signInAs = (role: DemoSignIn['role'], orgSlug?: string) => {
  const user = demoUser(role, orgSlug);
  return signIn(user.email, user.password);
};

export interface OutboxMessage {
  readonly id: string;
  readonly to: string[];
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export const outbox = async (): Promise<OutboxMessage[]> =>
  (await fetch(`${stack().url}/_local/outbox.json`)).json() as Promise<OutboxMessage[]>;

/** Waits for the newest email to `to` whose subject matches; mail from event consumers arrives async. */
export const waitForEmail = async (
  to: string,
  subject: RegExp,
  timeoutMs = 10_000,
): Promise<OutboxMessage> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const message = (await outbox()).find((m) => m.to.includes(to) && subject.test(m.subject));
    if (message) return message;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`No email to ${to} matching ${subject}`);
};

export const linkToken = (message: OutboxMessage, path: string): string => {
  const match = new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`).exec(message.text);
  if (!match) throw new Error(`No ${path} link in: ${message.text}`);
  return match[1]!;
};

/** Waits until every event delivery the local bus started has finished. */
export const eventsSettled = async () => {
  await fetch(`${stack().url}/_local/events/settled`, { method: 'POST' });
};

export interface BusEvent {
  readonly id: string;
  readonly 'detail-type': string;
  readonly detail: Record<string, unknown>;
}

/** Every event published on the local bus so far (it keeps the last few thousand), oldest first. */
export const publishedEvents = async (): Promise<BusEvent[]> =>
  (await fetch(`${stack().url}/_local/events.json`)).json() as Promise<BusEvent[]>;

let documentClient: DynamoDBDocumentClient | undefined;
const db = () => {
  documentClient ??= DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: stack().endpoints.dynamodb,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
  );
  return documentClient;
};

/**
 * Every item of the table, sorted: tests compare snapshots to prove a refused request wrote nothing. It
 * waits for the events of earlier writes to be handled first, so what their consumers write (an event's
 * rooms after it is created, say) is not taken for a write of the refused request.
 */
export const tableSnapshot = async (): Promise<string> => {
  await eventsSettled();
  const items: Record<string, unknown>[] = [];
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await db().send(new ScanCommand({ TableName: 'portico', ExclusiveStartKey: cursor }));
    items.push(...(page.Items ?? []));
    cursor = page.LastEvaluatedKey;
  } while (cursor);
  return JSON.stringify(items.map((item) => JSON.stringify(item, Object.keys(item).sort())).sort());
};

let counter = 0;
export const uniqueSuffix = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/** Creates an organization as the demo admin and returns it. */
export const createOrganization = async (adminToken: string, name = `Test Org ${uniqueSuffix()}`) => {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  const response = await api('POST', '/api/orgs', {
    token: adminToken,
    body: { name, slug, timeZone: 'Europe/Berlin' },
  });
  if (response.status !== 201)
    throw new Error(`Creating an organization failed: ${response.status} ${response.text}`);
  return response.json as { id: string; slug: string; name: string; version: number };
};

/** Invites a user as admin, accepts from the outbox link, and returns the new user's session. */
export const inviteAndAccept = async (
  adminToken: string,
  input: { email: string; name: string; role: 'owner' | 'member' | 'admin'; orgId?: string },
  password = 'correct horse battery staple',
): Promise<Session> => {
  const invited = await api('POST', '/api/users', { token: adminToken, body: input });
  if (invited.status !== 201) throw new Error(`Invite failed: ${invited.status} ${invited.text}`);
  const message = await waitForEmail(input.email, /invited you/);
  const token = linkToken(message, '/invitation');
  const accepted = await api('POST', '/api/auth/invitations/accept', {
    body: { token, name: input.name, password },
  });
  if (accepted.status !== 200) throw new Error(`Accept failed: ${accepted.status} ${accepted.text}`);
  return { token: accepted.json.accessToken, cookie: refreshCookieOf(accepted), user: accepted.json.user };
};

/** Walks a list through its cursors and returns every page; fails on an error or an endless walk. */
export const walkPages = async <T = { id: string; email: string }>(
  path: string,
  token: string,
): Promise<T[][]> => {
  const pages: T[][] = [];
  let cursor: string | null = null;
  do {
    const response = await api('GET', cursor ? `${path}&cursor=${cursor}` : path, { token });
    expect(response.status, response.text).toBe(200);
    pages.push(response.json.items);
    cursor = response.json.nextCursor;
  } while (cursor && pages.length < 500);
  expect(cursor).toBeNull();
  return pages;
};
