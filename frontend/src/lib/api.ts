import { type ProblemDetails, problemDetails } from '../../../shared/http/contracts';
import {
  type BodyOf,
  buildPath,
  type QueryOf,
  type ResponseOf,
  type RouteDefinition,
} from '../../../shared/http/route';
import { identityRoutes, type SessionView } from '../../../shared/identity/contracts';
import type * as z from '../../../shared/schema/zod';
import { config } from '../config';

/** A failed API call, read from the RFC 9457 problem details the API answers with. */
export class ApiError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string | undefined;
  /** Field-level messages keyed by dotted path (`socialLinks.x`, `allowedOrigins.2`). */
  readonly fieldErrors: Readonly<Record<string, string>>;
  readonly currentVersion: number | undefined;
  /** On a refused duplicate: the id of the existing item the request would have duplicated. */
  readonly duplicateOf: string | undefined;

  constructor(problem: ProblemDetails) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.status = problem.status;
    this.type = problem.type;
    this.title = problem.title;
    this.detail = problem.detail;
    this.currentVersion = problem.currentVersion;
    this.duplicateOf = problem.duplicateOf;
    const fieldErrors: Record<string, string> = {};
    for (const error of problem.errors ?? []) fieldErrors[error.path] ??= error.message;
    this.fieldErrors = fieldErrors;
  }

  /** The last segment of the problem type URI, e.g. `version-conflict`. */
  get problemType(): string {
    return (
      this.type
        .split(/[#/]/)
        .pop()
        ?.replace(/^problem-/, '') ?? this.type
    );
  }

  get isVersionConflict(): boolean {
    return (
      this.status === 409 && (this.problemType === 'version-conflict' || this.currentVersion !== undefined)
    );
  }
}

/** A message fit for people, whatever was thrown. */
export const errorMessage = (error: unknown): string => {
  if (error instanceof ApiError) {
    if (error.status === 0) return error.detail ?? error.title;
    if (error.status >= 500) return 'Something went wrong on our side. Please try again in a moment.';
    return error.detail && error.detail !== error.title ? error.detail : error.title;
  }
  return 'Something unexpected happened. Please try again.';
};

type ParamNames<P extends string> = P extends `${string}{${infer Name}}${infer Rest}`
  ? Name | ParamNames<Rest>
  : never;

type ParamsOption<R extends RouteDefinition> = [ParamNames<R['path']>] extends [never]
  ? { params?: undefined }
  : { params: Record<ParamNames<R['path']>, string> };

type QueryOption<R extends RouteDefinition> = R['query'] extends z.ZodMiniType
  ? { query?: { [K in keyof QueryOf<R>]?: QueryOf<R>[K] | undefined } }
  : { query?: undefined };

type BodyOption<R extends RouteDefinition> = R['body'] extends z.ZodMiniType
  ? { body: BodyOf<R> }
  : { body?: undefined };

export type CallOptions<R extends RouteDefinition> = ParamsOption<R> &
  QueryOption<R> &
  BodyOption<R> & { signal?: AbortSignal };

type SessionListener = (session: SessionView | null) => void;

/** Access token in memory only: a reload gets a fresh one from the HttpOnly refresh cookie. */
let accessToken: string | null = null;
let accessTokenExpiresAt = 0;
let refreshInFlight: Promise<SessionView | null> | null = null;
const sessionListeners = new Set<SessionListener>();

/** Called with every new session (sign-in, refresh, invitation) and with null when it ends. */
export const onSessionChange = (listener: SessionListener): (() => void) => {
  sessionListeners.add(listener);
  return () => sessionListeners.delete(listener);
};

/** Stores the access token of a session the API just handed out and tells the listeners. */
export const adoptSession = (session: SessionView | null): void => {
  accessToken = session?.accessToken ?? null;
  accessTokenExpiresAt = session ? Date.now() + session.expiresIn * 1000 : 0;
  for (const listener of sessionListeners) listener(session);
};

const queryString = (query: Record<string, unknown> | undefined): string => {
  if (!query) return '';
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
};

const networkError = () =>
  new ApiError({
    type: 'network',
    title: 'No connection',
    status: 0,
    detail: 'Could not reach Portico. Check your connection and try again.',
  });

const problemFrom = async (response: Response): Promise<ApiError> => {
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    json = undefined;
  }
  const parsed = problemDetails.safeParse(json);
  if (parsed.success) return new ApiError(parsed.data);
  return new ApiError({
    type: 'about:blank',
    title: response.statusText || 'Request failed',
    status: response.status,
  });
};

const send = async (
  route: RouteDefinition,
  options: {
    params?: Record<string, string>;
    query?: Record<string, unknown>;
    body?: unknown;
    signal?: AbortSignal;
  },
  token: string | null,
  accept = 'application/json',
): Promise<Response> => {
  const headers: Record<string, string> = { accept };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  const url = `${config.apiBaseUrl}${buildPath(route.path, options.params)}${queryString(options.query)}`;
  try {
    return await fetch(url, {
      method: route.method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw networkError();
  }
};

const readResponse = async <R extends RouteDefinition>(
  route: R,
  response: Response,
): Promise<ResponseOf<R>> => {
  if (!response.ok) throw await problemFrom(response);
  if (!route.response || response.status === 204) return undefined as ResponseOf<R>;
  const parsed = route.response.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success)
    throw new ApiError({
      type: 'invalid-response',
      title: 'Unexpected answer',
      status: 502,
      detail: 'The server answered in a way this page does not understand. Reload the page.',
    });
  return parsed.data as ResponseOf<R>;
};

const refreshLockName = 'portico-session-refresh';

/**
 * Trades the refresh cookie for a new session. One refresh at a time, in this tab (a shared promise) and
 * across tabs (a Web Lock): the cookie rotates on use, and two refreshes racing with the same cookie look
 * like token theft to the API, which then revokes the whole sign-in.
 */
export const refreshSession = (): Promise<SessionView | null> => {
  refreshInFlight ??= runRefresh().finally(() => {
    refreshInFlight = null;
  });
  return refreshInFlight;
};

const runRefresh = async (): Promise<SessionView | null> => {
  const tokenBefore = accessToken;
  const exchange = async (): Promise<SessionView | null> => {
    // Another tab may have rotated the cookie while this one waited for the lock; the browser then
    // already holds the newest cookie, so this exchange is safe and gives this tab its own token.
    const response = await send(identityRoutes.refresh, {}, null);
    if (response.status === 401 || response.status === 403) {
      if (accessToken === tokenBefore) adoptSession(null);
      return null;
    }
    const session = await readResponse(identityRoutes.refresh, response);
    adoptSession(session);
    return session;
  };
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? locks.request(refreshLockName, exchange) : exchange();
};

const tokenIsFresh = () => accessToken !== null && Date.now() < accessTokenExpiresAt - 15_000;

/**
 * Calls one route of the shared contract. Signed-in calls carry the access token; an expired or
 * rejected token is refreshed once (single flight) and the call retried. Errors arrive as `ApiError`.
 */
export const call = async <R extends RouteDefinition>(
  route: R,
  ...[options]: Partial<CallOptions<R>> extends CallOptions<R>
    ? [options?: CallOptions<R>]
    : [options: CallOptions<R>]
): Promise<ResponseOf<R>> =>
  readResponse(route, await sendSignedIn(route, options ?? {}, 'application/json'));

/** A file the API answered with, such as a checklist download. */
export interface DownloadedFile {
  readonly blob: Blob;
  /** The name from `Content-Disposition`, or null when the API gave none. */
  readonly fileName: string | null;
  /** The response's headers, e.g. the cursor of a file sent in parts. */
  readonly headers: Headers;
}

const fileNameOf = (disposition: string | null): string | null => {
  if (!disposition) return null;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (encoded) {
    try {
      return decodeURIComponent(encoded[1]!.trim());
    } catch {
      // Fall back to the plain parameter.
    }
  }
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1]?.trim() ?? null;
};

/**
 * Fetches a route that answers with a file rather than JSON, signed in like {@link call}: a plain link
 * cannot carry the access token, which lives in memory only.
 */
export const fetchFile = async <R extends RouteDefinition>(
  route: R,
  ...[options]: Partial<CallOptions<R>> extends CallOptions<R>
    ? [options?: CallOptions<R>]
    : [options: CallOptions<R>]
): Promise<DownloadedFile> => {
  const response = await sendSignedIn(route, options ?? {}, '*/*');
  if (!response.ok) throw await problemFrom(response);
  return {
    blob: await response.blob(),
    fileName: fileNameOf(response.headers.get('content-disposition')),
    headers: response.headers,
  };
};

/** Sends with the access token where the route needs one, refreshing it once when it was rejected. */
const sendSignedIn = async (route: RouteDefinition, options: object, accept: string): Promise<Response> => {
  const request = options as {
    params?: Record<string, string>;
    query?: Record<string, unknown>;
    body?: unknown;
    signal?: AbortSignal;
  };
  const needsToken = route.access !== 'public';
  if (needsToken && !tokenIsFresh() && accessToken !== null) await refreshSession();
  let response = await send(route, request, needsToken ? accessToken : null, accept);
  if (response.status === 401 && needsToken) {
    const session = await refreshSession();
    if (!session) throw await problemFrom(response);
    response = await send(route, request, accessToken, accept);
  }
  return response;
};
