import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { escapeHtml } from '../../shared/email/render';
import { offsetAt } from '../../shared/time/zones';
import { parseMimeMessage } from './mime-parse';
import type { EmulatorResponse } from './ses';

/**
 * A local stand-in for Google OAuth 2.0 and the parts of Calendar v3, Gmail v1 and Sheets v4 that Portico
 * uses, speaking the wire format of `google-auth-library` and `@googleapis/calendar`, so booking and the
 * organizations' Google Workspace work end to end without a Google account. Developers and tests steer it
 * through `/_local/google` (see `handle`).
 *
 * | path                                              | what                                        |
 * | ------------------------------------------------- | ------------------------------------------- |
 * | GET  /_google/o/oauth2/v2/auth                     | consent page (authorization code + PKCE)    |
 * | POST /_google/o/oauth2/v2/auth/decision            | Allow / Deny → 302 to the redirect URI      |
 * | POST /_google/token                                | authorization_code and refresh_token grants |
 * | POST /_google/revoke                               | revokes a refresh or access token           |
 * | /calendar/v3/… and /_google/calendar/v3/…          | calendarList, freeBusy, events              |
 * | POST /gmail/v1/users/me/messages/send (and /_google/…) | Gmail send: the message is kept, not delivered |
 * | POST /v4/spreadsheets/<id>/values/<range>:append (and /_google/…) | Sheets append: rows are kept |
 *
 * The Calendar client resolves its API paths against the root URL's origin, so with
 * `rootUrl: <gateway>/_google/` it calls `<gateway>/calendar/v3/…`; both spellings are served, for Gmail
 * and Sheets too.
 *
 * The consent page signs in as any address typed there (default: `login_hint`, else
 * {@link localGoogleAccount}); a grant, its tokens and what it sends belong to that account. The calendars
 * are the same whichever account asks.
 */

export const localGoogleClientId = 'portico-local';
export const localGoogleClientSecret = 'portico-local-secret';
/** The one Google account the stand-in knows; also the id of its primary calendar. */
export const localGoogleAccount = 'operator@portico.localhost';

export const googleOperations = [
  'token',
  'calendarList',
  'freeBusy',
  'events.insert',
  'events.patch',
  'events.update',
  'events.delete',
  'events.list',
  'events.get',
  'gmail.send',
  'sheets.append',
] as const;
export type GoogleOperation = (typeof googleOperations)[number];

/** A fault injected through `POST /_local/google/faults`. */
export interface GoogleFault {
  readonly operation: GoogleOperation;
  /** Answer this status with Google's error body; undefined answers normally (after the delay). */
  readonly status?: number;
  readonly delayMs: number;
  /** Requests still to be affected. */
  remaining: number;
}

export interface LocalGoogleOptions {
  /** The clock, for tests of expiry. @default Date.now */
  readonly now?: () => number;
}

/** True for every path `LocalGoogle.handle` answers, so the gateway can route them there. */
export const isLocalGooglePath = (path: string): boolean =>
  path.startsWith('/_google/') ||
  path.startsWith('/calendar/v3/') ||
  path.startsWith('/gmail/v1/') ||
  path.startsWith('/v4/spreadsheets/') ||
  path === '/_local/google' ||
  path.startsWith('/_local/google/');

/**
 * The variables that point the handlers at the stand-in, unless real Google credentials are configured
 * (`GOOGLE_OAUTH_CLIENT` holding another client), which then pass through alone.
 */
export const googleEnvironment = (
  gatewayUrl: string,
  configured: string | undefined = process.env.GOOGLE_OAUTH_CLIENT,
): Record<string, string> => {
  // A previous local cloud in this process leaves the stand-in's own client behind: not real credentials.
  if (configured && parseJson(configured)?.clientId !== localGoogleClientId)
    return { GOOGLE_OAUTH_CLIENT: configured };
  return {
    GOOGLE_OAUTH_CLIENT: JSON.stringify({
      clientId: localGoogleClientId,
      clientSecret: localGoogleClientSecret,
    }),
    GOOGLE_API_ROOT: `${gatewayUrl}/_google/`,
    GOOGLE_OAUTH_AUTH_URL: `${gatewayUrl}/_google/o/oauth2/v2/auth`,
    GOOGLE_OAUTH_TOKEN_URL: `${gatewayUrl}/_google/token`,
    GOOGLE_OAUTH_REVOKE_URL: `${gatewayUrl}/_google/revoke`,
    GOOGLE_STAND_IN: '1',
  };
};

// ---------------------------------------------------------------------------------------------------
// Calendars, events, tokens

type AccessRole = 'freeBusyReader' | 'reader' | 'writer' | 'owner';

interface CalendarDefinition {
  readonly id: string;
  readonly summary: string;
  readonly description: string;
  readonly accessRole: AccessRole;
  readonly primary: boolean;
  readonly colorId: string;
  readonly backgroundColor: string;
}

const calendarZone = 'Europe/Berlin';

const calendars: readonly CalendarDefinition[] = [
  {
    id: localGoogleAccount,
    summary: 'Operator (local)',
    description: 'Primary calendar of the local Google stand-in',
    accessRole: 'owner',
    primary: true,
    colorId: '14',
    backgroundColor: '#9fe1e7',
  },
  {
    id: 'client-meetings@group.portico.localhost',
    summary: 'Client meetings (local)',
    description: 'A second calendar the operator owns',
    accessRole: 'owner',
    primary: false,
    colorId: '9',
    backgroundColor: '#7bd148',
  },
  {
    id: 'holidays@group.portico.localhost',
    summary: 'Holidays (local)',
    description: 'A subscribed calendar the operator may only read',
    accessRole: 'reader',
    primary: false,
    colorId: '7',
    backgroundColor: '#42d692',
  },
];

const roleRank: Record<AccessRole, number> = { freeBusyReader: 0, reader: 1, writer: 2, owner: 3 };

interface EventTime {
  readonly dateTime?: string;
  readonly date?: string;
  readonly timeZone?: string;
}

interface StoredEvent {
  readonly calendarId: string;
  readonly id: string;
  status: 'confirmed' | 'tentative' | 'cancelled';
  /** The writable fields as last written (summary, start, end, attendees, extendedProperties, …). */
  fields: Record<string, unknown>;
  startMs: number;
  endMs: number;
  readonly created: number;
  updated: number;
  sequence: number;
  /** Position in the change log: incremental sync returns events changed after a token's position. */
  changeSeq: number;
}

interface AuthCode {
  readonly code: string;
  readonly account: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scope: string;
  readonly challenge: string;
  readonly offline: boolean;
  readonly expiresAt: number;
}

interface RefreshGrant {
  readonly token: string;
  /** The signed-in account; absent in files written before accounts could be chosen. */
  readonly account?: string;
  readonly clientId: string;
  readonly scope: string;
  readonly createdAt: number;
}

interface AccessGrant {
  readonly token: string;
  readonly account?: string;
  readonly clientId: string;
  readonly scope: string;
  readonly refreshToken?: string;
  readonly expiresAt: number;
}

/** A message Gmail accepted: kept here instead of being delivered. */
interface SentMessage {
  readonly id: string;
  readonly threadId: string;
  /** The account whose grant sent it. */
  readonly account: string;
  /** The From header as Gmail sends it: the account's address, with the display name given. */
  readonly from: string;
  readonly to: string[];
  readonly subject: string;
  readonly headers: Record<string, string>;
  readonly text: string;
  readonly html: string;
  readonly sentAt: number;
}

interface StoredSheet {
  readonly title: string;
  /** Row by row, as appended; every cell as a string. */
  readonly rows: string[][];
}

interface StoredSpreadsheet {
  readonly id: string;
  /** The account that created it (by writing to it first). */
  readonly account: string;
  readonly sheets: StoredSheet[];
}

interface State {
  seq: number;
  /** Changes on reset and on invalidate-sync-tokens, so every earlier sync token turns too old. */
  syncEpoch: string;
  events: StoredEvent[];
  codes: AuthCode[];
  refreshTokens: RefreshGrant[];
  accessTokens: AccessGrant[];
  messages: SentMessage[];
  spreadsheets: StoredSpreadsheet[];
}

const emptyState = (): State => ({
  seq: 0,
  syncEpoch: randomBytes(6).toString('base64url'),
  events: [],
  codes: [],
  refreshTokens: [],
  accessTokens: [],
  messages: [],
  spreadsheets: [],
});

/** A state file written by an earlier version lacks the newer lists. */
const loadState = (text: string): State => ({ ...emptyState(), ...(JSON.parse(text) as Partial<State>) });

/** Gmail keeps what it sent; the stand-in keeps the latest of them. */
const keptMessages = 500;

const accessTokenSeconds = 3599;
const codeLifetimeMs = 10 * 60 * 1000;

const scopePrefix = 'https://www.googleapis.com/auth/';
const scope = (name: string) => `${scopePrefix}${name}`;
const writeEventScopes = ['calendar', 'calendar.events', 'calendar.events.owned', 'calendar.app.created'].map(
  scope,
);
const readEventScopes = [
  ...writeEventScopes,
  ...['calendar.readonly', 'calendar.events.readonly', 'calendar.events.owned.readonly'].map(scope),
];
/** Which scopes let a token call each operation, as in the Calendar, Gmail and Sheets API references. */
const operationScopes: Record<Exclude<GoogleOperation, 'token'>, readonly string[]> = {
  'gmail.send': [...['gmail.send', 'gmail.compose', 'gmail.modify'].map(scope), 'https://mail.google.com/'],
  'sheets.append': ['spreadsheets', 'drive', 'drive.file'].map(scope),
  calendarList: [
    'calendar',
    'calendar.readonly',
    'calendar.calendarlist',
    'calendar.calendarlist.readonly',
  ].map(scope),
  freeBusy: [
    'calendar',
    'calendar.readonly',
    'calendar.events',
    'calendar.events.readonly',
    'calendar.freebusy',
    'calendar.events.freebusy',
  ].map(scope),
  'events.list': readEventScopes,
  'events.get': readEventScopes,
  'events.insert': writeEventScopes,
  'events.patch': writeEventScopes,
  'events.update': writeEventScopes,
  'events.delete': writeEventScopes,
};

const scopeDescriptions: Record<string, string> = {
  [scope('calendar')]: 'See, edit, share and permanently delete all the calendars you can access',
  [scope('calendar.readonly')]: 'See and download any calendar you can access',
  [scope('calendar.events')]: 'View and edit events on all your calendars',
  [scope('calendar.events.readonly')]: 'View events on all your calendars',
  [scope('calendar.freebusy')]: 'See your availability (free/busy) in your calendars',
  [scope('calendar.events.freebusy')]: 'See the availability on calendars you can access',
  [scope('calendar.calendarlist.readonly')]: 'See the list of calendars you are subscribed to',
  [scope('gmail.send')]: 'Send email on your behalf',
  [scope('spreadsheets')]: 'See, edit, create and delete all your Google Sheets spreadsheets',
  openid: 'Associate you with your personal info on Google',
  email: 'See your primary Google Account email address',
  profile: 'See your personal info, including any personal info you have made publicly available',
};

// ---------------------------------------------------------------------------------------------------
// Errors and responses

const statusNames: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ALREADY_EXISTS',
  412: 'FAILED_PRECONDITION',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

/** A Calendar API error, answered as `{"error":{code,message,errors:[…],status}}`. */
class GoogleApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly reason: string,
    readonly detail: {
      readonly domain?: string;
      readonly itemMessage?: string;
      readonly location?: string;
      readonly locationType?: string;
    } = {},
  ) {
    super(message);
  }
}

const invalidCredentials = () =>
  new GoogleApiError(401, 'Request had invalid authentication credentials.', 'authError', {
    itemMessage: 'Invalid Credentials',
    location: 'Authorization',
    locationType: 'header',
  });

/** What an injected fault answers, per status. */
const faultErrors: Record<number, () => GoogleApiError> = {
  400: () => new GoogleApiError(400, 'Bad Request', 'badRequest'),
  401: invalidCredentials,
  403: () => new GoogleApiError(403, 'Forbidden', 'forbidden'),
  404: () => new GoogleApiError(404, 'Not Found', 'notFound'),
  429: () => new GoogleApiError(429, 'Rate Limit Exceeded', 'rateLimitExceeded', { domain: 'usageLimits' }),
  500: () => new GoogleApiError(500, 'Backend Error', 'backendError'),
  503: () => new GoogleApiError(503, 'The service is currently unavailable.', 'backendError'),
};

/** The token endpoint answers in OAuth's own shape, `{"error":"…","error_description":"…"}`. */
const tokenFaults: Record<number, [string, string]> = {
  400: ['invalid_grant', 'Token has been expired or revoked.'],
  401: ['invalid_client', 'The OAuth client was not found.'],
  403: ['access_denied', 'Forbidden'],
  404: ['not_found', 'Not Found'],
  429: ['rate_limit_exceeded', 'Rate Limit Exceeded'],
  500: ['internal_failure', 'Backend Error'],
  503: ['temporarily_unavailable', 'The service is currently unavailable.'],
};

const jsonHeaders = { 'content-type': 'application/json; charset=UTF-8' };

const json = (status: number, value: unknown, headers: Record<string, string> = {}): EmulatorResponse => ({
  status,
  headers: { ...jsonHeaders, ...headers },
  body: JSON.stringify(value),
});

const apiErrorResponse = (error: GoogleApiError): EmulatorResponse => {
  const { domain = 'global', itemMessage, location, locationType } = error.detail;
  const item = {
    message: itemMessage ?? error.message,
    domain,
    reason: error.reason,
    ...(location ? { location, locationType } : {}),
  };
  const status = statusNames[error.status];
  return json(
    error.status,
    { error: { code: error.status, message: error.message, errors: [item], ...(status ? { status } : {}) } },
    error.status === 401
      ? { 'www-authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' }
      : {},
  );
};

const oauthError = (status: number, error: string, description: string): EmulatorResponse =>
  json(status, { error, error_description: description }, { 'cache-control': 'no-store' });

const html = (status: number, body: string): EmulatorResponse => ({
  status,
  headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  body,
});

const noContent = (): EmulatorResponse => ({ status: 204, headers: {}, body: '' });

const notFound = () => new GoogleApiError(404, 'Not Found', 'notFound');
const badRequest = (message: string, reason = 'invalid') => new GoogleApiError(400, message, reason);

// ---------------------------------------------------------------------------------------------------
// Small helpers: JSON, ids, time zones

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseJson(text: string): Json | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

const readJsonBody = (body: Buffer): Json => {
  const text = body.toString('utf8').trim();
  if (text === '') return {};
  const value = parseJson(text);
  if (!value) throw new GoogleApiError(400, 'Parse Error', 'parseError');
  return value;
};

const base32hex = '0123456789abcdefghijklmnopqrstuv';
/** Event ids as Google makes them: base32hex, 26 characters. */
const newEventId = () => [...randomBytes(26)].map((byte) => base32hex[byte & 31]).join('');
const validEventId = /^[a-v0-9]{5,1024}$/;

const secret = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`;
const mask = (token: string) => `${token.slice(0, 11)}…${token.slice(-4)}`;

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

const isAddress = (value: string) => /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(value);

/**
 * An OpenID Connect ID token for `openid` grants: Google's claims, unsigned (`alg: none`). Clients that
 * take it straight from the token endpoint read it without checking a signature, as Portico does.
 */
const idToken = (account: string, clientId: string, scope: string, now: number) => {
  const part = (value: Json) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const withEmail = scope.split(' ').includes(`${scopePrefix}userinfo.email`);
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({
    iss: 'https://accounts.google.com',
    aud: clientId,
    azp: clientId,
    sub: createHash('sha256').update(account).digest('hex').slice(0, 21),
    ...(withEmail ? { email: account, email_verified: true } : {}),
    iat: Math.floor(now / 1000),
    exp: Math.floor(now / 1000) + accessTokenSeconds,
  })}.`;
};

const encodeToken = (value: Json) => Buffer.from(JSON.stringify(value)).toString('base64url');
const decodeToken = (token: string): Json | undefined =>
  parseJson(Buffer.from(token, 'base64url').toString('utf8'));

const iso = (ms: number) => new Date(ms).toISOString();
/** Free/busy blocks come without milliseconds, as Google writes them. */
const isoSeconds = (ms: number) => iso(ms).replace(/\.\d{3}Z$/, 'Z');

const isTimeZone = (timeZone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
};

/** How far the zone's wall clock is ahead of UTC at an instant. */
const zoneOffsetMs = offsetAt;

/** The instant of a wall-clock time (`YYYY-MM-DDTHH:mm[:ss[.sss]]`) in a zone. */
const zonedInstant = (wall: string, timeZone: string): number => {
  const asUtc = Date.parse(`${wall}Z`);
  const first = asUtc - zoneOffsetMs(asUtc, timeZone);
  return asUtc - zoneOffsetMs(first, timeZone);
};

/** RFC 3339 in a zone's offset, as Google renders event times (`2025-03-04T10:00:00+01:00`). */
const formatInZone = (instant: number, timeZone: string): string => {
  const offset = zoneOffsetMs(instant, timeZone);
  const wall = new Date(instant + offset).toISOString().slice(0, 19);
  if (offset === 0 && timeZone === 'UTC') return `${wall}Z`;
  const minutes = Math.abs(offset) / 60_000;
  const pad = (n: number) => String(Math.floor(n)).padStart(2, '0');
  return `${wall}${offset < 0 ? '-' : '+'}${pad(minutes / 60)}:${pad(minutes % 60)}`;
};

const rfc3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:\d{2})?$/i;

/** An RFC 3339 timestamp; one without an offset is read in `timeZone`, or refused without one. */
const parseDateTime = (value: string, timeZone?: string): number | undefined => {
  const match = rfc3339.exec(value);
  if (!match) return undefined;
  const instant = match[2] ? Date.parse(value) : timeZone ? zonedInstant(match[1]!, timeZone) : Number.NaN;
  return Number.isFinite(instant) ? instant : undefined;
};

/** `timeMin` / `timeMax` style parameters: an offset is required. */
const parseInstantParam = (name: string, value: string | null): number | undefined => {
  if (value === null) return undefined;
  const match = rfc3339.exec(value);
  const instant = match?.[2] ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(instant)) throw badRequest(`Invalid value for ${name}: ${value}`);
  return instant;
};

// ---------------------------------------------------------------------------------------------------
// Event fields

/** Fields Google sets itself; a client's values for them are ignored. */
const readOnlyFields = new Set([
  'kind',
  'etag',
  'id',
  'status',
  'htmlLink',
  'created',
  'updated',
  'iCalUID',
  'sequence',
  'organizer',
  'creator',
  'hangoutLink',
  'recurringEventId',
  'originalStartTime',
  'privateCopy',
  'locked',
]);

const writableFields = (body: Json): Json =>
  Object.fromEntries(Object.entries(body).filter(([key]) => !readOnlyFields.has(key)));

/** Google's patch: objects merge field by field, arrays and scalars replace, null clears. */
const mergePatch = (target: Json, patch: Json): Json => {
  const merged: Json = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    // A new start or end replaces the old one whole: merging would mix `date` with `dateTime`.
    else if (isObject(value) && isObject(merged[key]) && key !== 'start' && key !== 'end')
      merged[key] = mergePatch(merged[key] as Json, value);
    else merged[key] = value;
  }
  return merged;
};

interface ResolvedTime {
  readonly time: EventTime;
  readonly ms: number;
  readonly allDay: boolean;
}

const resolveTime = (raw: unknown, which: 'start' | 'end'): ResolvedTime => {
  if (!isObject(raw)) throw badRequest(`Missing ${which} time.`, 'required');
  const { date, dateTime, timeZone } = raw;
  if (timeZone !== undefined && (typeof timeZone !== 'string' || !isTimeZone(timeZone)))
    throw badRequest(`Invalid time zone definition for ${which} time.`);
  const zone = timeZone as string | undefined;
  if (dateTime !== undefined && date !== undefined) throw badRequest(`Invalid ${which} time.`);
  if (typeof dateTime === 'string') {
    const match = rfc3339.exec(dateTime);
    if (match && !match[2] && !zone)
      throw badRequest(`Missing time zone definition for ${which} time.`, 'required');
    const ms = parseDateTime(dateTime, zone);
    if (ms === undefined) throw badRequest(`Invalid ${which} time.`);
    return { time: { dateTime, ...(zone ? { timeZone: zone } : {}) }, ms, allDay: false };
  }
  if (typeof date === 'string') {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date)))
      throw badRequest(`Invalid ${which} time.`);
    // All-day events are days of the calendar's own zone.
    const ms = zonedInstant(`${date}T00:00:00`, calendarZone);
    return { time: { date, ...(zone ? { timeZone: zone } : {}) }, ms, allDay: true };
  }
  throw badRequest(`Missing ${which} time.`, 'required');
};

/** Checks a complete set of writable fields and returns them normalised, with the event's instants. */
const validateFields = (
  fields: Json,
): { fields: Json; startMs: number; endMs: number; status?: StoredEvent['status'] } => {
  const start = resolveTime(fields.start, 'start');
  const end = resolveTime(fields.end, 'end');
  if (start.allDay !== end.allDay)
    throw badRequest('Start and end times must either both be date or both be dateTime.');
  if (end.ms < start.ms) throw badRequest('The specified time range is empty.', 'timeRangeEmpty');
  for (const key of ['summary', 'description', 'location'] as const)
    if (fields[key] !== undefined && typeof fields[key] !== 'string')
      throw badRequest(`Invalid value for ${key}`);
  if (
    fields.transparency !== undefined &&
    fields.transparency !== 'opaque' &&
    fields.transparency !== 'transparent'
  )
    throw badRequest('Invalid transparency value.');
  let attendees: Json[] | undefined;
  if (fields.attendees !== undefined) {
    if (!Array.isArray(fields.attendees)) throw badRequest('Invalid attendees value.');
    attendees = fields.attendees.map((attendee: unknown) => {
      if (!isObject(attendee) || typeof attendee.email !== 'string' || !attendee.email.includes('@'))
        throw badRequest('Missing attendee email.', 'required');
      return { responseStatus: 'needsAction', ...attendee };
    });
  }
  if (fields.extendedProperties !== undefined) {
    const properties = fields.extendedProperties;
    const valid =
      isObject(properties) &&
      Object.entries(properties).every(
        ([kind, values]) =>
          (kind === 'private' || kind === 'shared') &&
          isObject(values) &&
          Object.values(values).every((value) => typeof value === 'string'),
      );
    if (!valid) throw badRequest('Invalid extendedProperties value.');
  }
  let status: StoredEvent['status'] | undefined;
  if (fields.status !== undefined) {
    if (fields.status !== 'confirmed' && fields.status !== 'tentative' && fields.status !== 'cancelled')
      throw badRequest('Invalid status value.');
    status = fields.status;
  }
  const { status: _status, ...rest } = fields;
  return {
    fields: { ...rest, start: start.time, end: end.time, ...(attendees ? { attendees } : {}) },
    startMs: start.ms,
    endMs: end.ms,
    ...(status ? { status } : {}),
  };
};

const privateProperties = (event: StoredEvent): Json => {
  const properties = event.fields.extendedProperties;
  return isObject(properties) && isObject(properties.private) ? properties.private : {};
};

const sharedProperties = (event: StoredEvent): Json => {
  const properties = event.fields.extendedProperties;
  return isObject(properties) && isObject(properties.shared) ? properties.shared : {};
};

const etagOf = (event: StoredEvent) => `"${event.updated}${String(event.changeSeq).padStart(6, '0')}"`;

/** Control-endpoint times: an RFC 3339 string, or an event time object as the API takes it. */
const controlTime = (value: unknown): unknown =>
  typeof value === 'string' ? { dateTime: value, timeZone: calendarZone } : value;

// ---------------------------------------------------------------------------------------------------
// The stand-in

interface ListQuery {
  readonly showDeleted: boolean;
  readonly maxResults: number;
  readonly syncSeq?: number;
  readonly timeMin?: number;
  readonly timeMax?: number;
  readonly updatedMin?: number;
  readonly orderBy?: 'startTime' | 'updated';
  readonly privateProperties: readonly [string, string][];
  readonly sharedProperties: readonly [string, string][];
  readonly text?: string;
  readonly iCalUID?: string;
}

/** Query parameters Google refuses next to a sync token. */
const notWithSyncToken = [
  'timeMin',
  'timeMax',
  'updatedMin',
  'orderBy',
  'q',
  'iCalUID',
  'privateExtendedProperty',
  'sharedExtendedProperty',
];

export class LocalGoogle {
  private state: State;
  private faults: GoogleFault[] = [];
  /** Settles each delayed response early: `close()` and `reset()` must not wait for them. */
  private readonly pending = new Set<() => void>();
  private readonly now: () => number;

  constructor(
    private readonly file?: string,
    options: LocalGoogleOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.state = file && existsSync(file) ? loadState(readFileSync(file, 'utf8')) : emptyState();
  }

  /**
   * Answers every path `isLocalGooglePath` accepts: the OAuth endpoints, Calendar v3, and the
   * developer controls under `/_local/google`:
   *
   * - `GET /_local/google` (HTML), `GET /_local/google/state.json`
   * - `POST /_local/google/events` `{calendarId?, summary, start, end}`; `PATCH` / `DELETE`
   *   `/_local/google/events/<calendarId>/<eventId>`: changes as if made in Google's own UI
   * - `POST /_local/google/revoke-all` (`{account?}`), `POST /_local/google/expire-access-tokens`
   * - `POST /_local/google/spreadsheets/<id>/sheets` `{title, account?}`: adds a sheet (tab)
   * - `POST /_local/google/faults` `{operation, status?, delayMs?, count?}`, `DELETE /_local/google/faults`
   * - `POST /_local/google/invalidate-sync-tokens`, `POST /_local/google/seed`, `POST /_local/google/reset`
   */
  async handle(
    method: string,
    url: URL,
    headers: IncomingHttpHeaders,
    body: Buffer,
  ): Promise<{ status: number; headers: Record<string, string>; body: string }> {
    const path = url.pathname;
    try {
      if (path === '/_local/google' || path.startsWith('/_local/google/'))
        return this.control(method, path.slice('/_local/google'.length), headers, body);
      const apiPath = /^(?:\/_google)?\/calendar\/v3(\/.*)$/.exec(path)?.[1];
      if (apiPath !== undefined) return await this.calendarApi(method, apiPath, url, headers, body);
      const gmailPath = /^(?:\/_google)?\/gmail\/v1(\/.*)$/.exec(path)?.[1];
      if (gmailPath !== undefined) return await this.gmailApi(method, gmailPath, headers, body);
      const sheetsPath = /^(?:\/_google)?\/v4\/spreadsheets(\/.*)$/.exec(path)?.[1];
      if (sheetsPath !== undefined) return await this.sheetsApi(method, sheetsPath, url, headers, body);
      if (path === '/_google/o/oauth2/v2/auth')
        return method === 'GET' ? this.consentPage(url.searchParams) : this.authErrorPage(405, 'Use GET.');
      if (path === '/_google/o/oauth2/v2/auth/decision')
        return method === 'POST'
          ? this.decide(new URLSearchParams(body.toString('utf8')))
          : this.authErrorPage(405, 'Use POST.');
      if (path === '/_google/token') {
        if (method !== 'POST') return oauthError(405, 'invalid_request', 'Use POST.');
        return (await this.fault('token')) ?? this.token(headers, body);
      }
      if (path === '/_google/revoke') return this.revoke(url, body);
      throw notFound();
    } catch (error) {
      if (error instanceof GoogleApiError) return apiErrorResponse(error);
      throw error;
    }
  }

  /**
   * Adds plausible busy time to the primary calendar over the next three weeks: a weekday stand-up,
   * lunches, a one-off site visit and a focus block shown as free. Ids are derived from the day, so
   * seeding twice adds nothing twice. Returns how many events were added.
   */
  seedDemo(now: Date): number {
    const calendarId = localGoogleAccount;
    const today = formatInZone(now.getTime(), calendarZone).slice(0, 10);
    const todayUtc = Date.parse(`${today}T12:00:00Z`);
    const before = this.state.events.length;
    let weekdays = 0;
    for (let offset = 0; offset < 21; offset++) {
      const day = new Date(todayUtc + offset * 86_400_000);
      const date = day.toISOString().slice(0, 10);
      const weekday = day.getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      weekdays++;
      const compact = date.replaceAll('-', '');
      const add = (id: string, summary: string, from: string, to: string, extra: Json = {}) => {
        if (this.state.events.some((e) => e.calendarId === calendarId && e.id === `demo${compact}${id}`))
          return;
        this.createEvent(calendarId, `demo${compact}${id}`, {
          summary,
          start: { dateTime: `${date}T${from}:00`, timeZone: calendarZone },
          end: { dateTime: `${date}T${to}:00`, timeZone: calendarZone },
          ...extra,
        });
      };
      add('standup', 'Team stand-up', '09:30', '09:45', { location: 'Video call' });
      if (weekday === 2 || weekday === 4) add('lunch', 'Lunch', '12:30', '13:30');
      if (weekday === 5)
        add('focus', 'Focus time (shown as free)', '15:00', '17:00', { transparency: 'transparent' });
      if (weekdays === 3)
        add('sitevisit', 'Site visit', '14:00', '16:30', {
          location: 'Harbour Street 12',
          description: 'Walk-through with the contractor',
        });
    }
    this.save();
    return this.state.events.length - before;
  }

  /** Forgets every event, token and fault, and answers delayed requests at once. */
  reset(): void {
    this.settlePending();
    this.faults = [];
    this.state = emptyState();
    this.save();
  }

  /** Answers delayed requests at once, so the server holding them can close. */
  close(): void {
    this.settlePending();
  }

  // ---- OAuth -----------------------------------------------------------------------------------

  private readAuthRequest(params: URLSearchParams):
    | {
        readonly clientId: string;
        readonly redirectUri: string;
        readonly scopes: string[];
        readonly challenge: string;
        readonly offline: boolean;
        readonly loginHint: string | null;
      }
    | { readonly error: string; readonly description: string } {
    const clientId = params.get('client_id');
    if (!clientId) return { error: 'invalid_request', description: 'Missing required parameter: client_id' };
    if (clientId !== localGoogleClientId)
      return { error: 'invalid_client', description: 'The OAuth client was not found.' };
    const redirectUri = params.get('redirect_uri');
    if (!redirectUri)
      return { error: 'invalid_request', description: 'Missing required parameter: redirect_uri' };
    let redirect: URL;
    try {
      redirect = new URL(redirectUri);
    } catch {
      return { error: 'invalid_request', description: 'Invalid parameter value for redirect_uri' };
    }
    if (!/^https?:$/.test(redirect.protocol) || redirect.hash)
      return { error: 'invalid_request', description: 'Invalid parameter value for redirect_uri' };
    const responseType = params.get('response_type');
    if (responseType !== 'code')
      return {
        error: 'unsupported_response_type',
        description: `Invalid response_type: ${responseType ?? '(missing)'}; the stand-in issues authorization codes only`,
      };
    const scopes = (params.get('scope') ?? '').split(/\s+/).filter(Boolean);
    if (scopes.length === 0)
      return { error: 'invalid_request', description: 'Missing required parameter: scope' };
    const unknown = scopes.filter(
      (s) => !s.startsWith(scopePrefix) && !['openid', 'email', 'profile'].includes(s),
    );
    if (unknown.length > 0)
      return {
        error: 'invalid_scope',
        description: `Some requested scopes were invalid: ${unknown.join(' ')}`,
      };
    const method = params.get('code_challenge_method');
    const challenge = params.get('code_challenge');
    if (method !== 'S256')
      return {
        error: 'invalid_request',
        description: `code_challenge_method must be S256 (got ${method ?? 'none'}); the stand-in requires PKCE`,
      };
    if (!challenge || !/^[A-Za-z0-9_-]{43,128}$/.test(challenge))
      return {
        error: 'invalid_request',
        description: 'Invalid code_challenge: expected base64url of a SHA-256',
      };
    const hint = params.get('login_hint');
    return {
      clientId,
      redirectUri,
      scopes,
      challenge,
      offline: params.get('access_type') === 'offline',
      loginHint: hint && isAddress(hint) ? hint : null,
    };
  }

  private consentPage(params: URLSearchParams): EmulatorResponse {
    const request = this.readAuthRequest(params);
    if ('error' in request) return this.authErrorPage(400, `${request.error}: ${request.description}`);
    const hidden = [...params.entries()]
      .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
      .join('\n');
    const scopes = request.scopes
      .map(
        (s) =>
          `<li>${escapeHtml(scopeDescriptions[s] ?? 'Access to a Google API')}<br><code>${escapeHtml(s)}</code></li>`,
      )
      .join('\n');
    const redirectHost = new URL(request.redirectUri).host;
    return html(
      200,
      page(
        'Sign in with Google · Local Google stand-in',
        `<p class="badge">Local Google stand-in · nothing on this page talks to Google</p>
<h1>Portico (local) wants to access your Google Account</h1>
<form method="post" action="/_google/o/oauth2/v2/auth/decision">
<p class="account"><label>Signed in as <input type="email" name="account" required value="${escapeHtml(request.loginHint ?? localGoogleAccount)}"></label>
<span class="meta">(any address: the stand-in has no passwords)</span></p>
<p>This will allow Portico to:</p>
<ul class="scopes">${scopes}</ul>
<p class="meta">${request.offline ? 'Offline access: Portico keeps access when you are not using it (a refresh token is issued).' : 'Online access only: no refresh token is issued.'}
After your choice you return to <strong>${escapeHtml(redirectHost)}</strong>.</p>
${hidden}
<div class="buttons"><button type="submit" name="decision" value="deny" class="secondary">Deny</button>
<button type="submit" name="decision" value="allow">Allow</button></div>
</form>`,
      ),
    );
  }

  private decide(form: URLSearchParams): EmulatorResponse {
    const request = this.readAuthRequest(form);
    if ('error' in request) return this.authErrorPage(400, `${request.error}: ${request.description}`);
    const decision = form.get('decision');
    if (decision !== 'allow' && decision !== 'deny')
      return this.authErrorPage(400, 'invalid_request: decision must be allow or deny');
    const account = (form.get('account') ?? '').trim().toLowerCase() || localGoogleAccount;
    if (!isAddress(account))
      return this.authErrorPage(400, 'invalid_request: the account must be an email address');
    const location = new URL(request.redirectUri);
    const state = form.get('state');
    if (decision === 'deny') {
      location.searchParams.set('error', 'access_denied');
    } else {
      const now = this.now();
      const code = secret('4/local-');
      // As Google does, `email` and `profile` are granted under their full names.
      const granted = request.scopes.map((s) =>
        s === 'email' || s === 'profile' ? scope(`userinfo.${s}`) : s,
      );
      this.state.codes = this.state.codes.filter((c) => c.expiresAt > now);
      this.state.codes.push({
        code,
        account,
        clientId: request.clientId,
        redirectUri: request.redirectUri,
        scope: granted.join(' '),
        challenge: request.challenge,
        offline: request.offline,
        expiresAt: now + codeLifetimeMs,
      });
      this.save();
      location.searchParams.set('code', code);
      location.searchParams.set('scope', granted.join(' '));
    }
    if (state !== null) location.searchParams.set('state', state);
    return { status: 302, headers: { location: location.toString(), 'cache-control': 'no-store' }, body: '' };
  }

  private authErrorPage(status: number, detail: string): EmulatorResponse {
    return html(
      status,
      page(
        'Error · Local Google stand-in',
        `<p class="badge">Local Google stand-in</p>
<h1>Access blocked: this request is invalid</h1>
<p>Error ${status}: ${escapeHtml(detail)}</p>`,
      ),
    );
  }

  private token(headers: IncomingHttpHeaders, body: Buffer): EmulatorResponse {
    const contentType = String(headers['content-type'] ?? '');
    const form = contentType.startsWith('application/json')
      ? new URLSearchParams(
          Object.entries(parseJson(body.toString('utf8')) ?? {}).map(
            ([k, v]) => [k, String(v)] as [string, string],
          ),
        )
      : new URLSearchParams(body.toString('utf8'));
    let clientId = form.get('client_id');
    let clientSecret = form.get('client_secret');
    const basic = /^Basic\s+(\S+)$/i.exec(String(headers.authorization ?? ''))?.[1];
    if (basic) {
      const [id, ...rest] = Buffer.from(basic, 'base64').toString('utf8').split(':');
      clientId = decodeURIComponent(id ?? '');
      clientSecret = decodeURIComponent(rest.join(':'));
    }
    if (clientId !== localGoogleClientId || clientSecret !== localGoogleClientSecret)
      return oauthError(401, 'invalid_client', 'The OAuth client was not found.');

    const grantType = form.get('grant_type');
    if (grantType === 'authorization_code') return this.exchangeCode(clientId, form);
    if (grantType === 'refresh_token') return this.refresh(clientId, form);
    return oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType ?? ''}`);
  }

  private exchangeCode(clientId: string, form: URLSearchParams): EmulatorResponse {
    const value = form.get('code');
    if (!value) return oauthError(400, 'invalid_request', 'Missing required parameter: code');
    const now = this.now();
    const code = this.state.codes.find((c) => c.code === value);
    // Single use: whatever happens next, this code is spent.
    this.state.codes = this.state.codes.filter((c) => c.code !== value && c.expiresAt > now);
    this.save();
    if (!code || code.expiresAt <= now || code.clientId !== clientId)
      return oauthError(400, 'invalid_grant', 'Bad Request');
    if (form.get('redirect_uri') !== code.redirectUri)
      return oauthError(400, 'redirect_uri_mismatch', 'Bad Request');
    const verifier = form.get('code_verifier');
    if (!verifier) return oauthError(400, 'invalid_grant', 'Missing code verifier.');
    if (s256(verifier) !== code.challenge) return oauthError(400, 'invalid_grant', 'Invalid code verifier.');

    const refreshToken = code.offline ? secret('1//local-') : undefined;
    if (refreshToken)
      this.state.refreshTokens.push({
        token: refreshToken,
        account: code.account,
        clientId: code.clientId,
        scope: code.scope,
        createdAt: now,
      });
    const accessToken = this.issueAccessToken(code.account, code.clientId, code.scope, refreshToken);
    return json(
      200,
      {
        access_token: accessToken,
        expires_in: accessTokenSeconds,
        ...(refreshToken ? { refresh_token: refreshToken } : {}),
        scope: code.scope,
        token_type: 'Bearer',
        ...(code.scope.split(' ').includes('openid')
          ? { id_token: idToken(code.account, code.clientId, code.scope, now) }
          : {}),
      },
      { 'cache-control': 'no-store' },
    );
  }

  private refresh(clientId: string, form: URLSearchParams): EmulatorResponse {
    const value = form.get('refresh_token');
    if (!value) return oauthError(400, 'invalid_request', 'Missing required parameter: refresh_token');
    const grant = this.state.refreshTokens.find((g) => g.token === value);
    if (!grant || grant.clientId !== clientId)
      return oauthError(400, 'invalid_grant', 'Token has been expired or revoked.');
    const accessToken = this.issueAccessToken(
      grant.account ?? localGoogleAccount,
      grant.clientId,
      grant.scope,
      grant.token,
    );
    return json(
      200,
      { access_token: accessToken, expires_in: accessTokenSeconds, scope: grant.scope, token_type: 'Bearer' },
      { 'cache-control': 'no-store' },
    );
  }

  private issueAccessToken(
    account: string,
    clientId: string,
    scope: string,
    refreshToken: string | undefined,
  ): string {
    const now = this.now();
    const token = secret('ya29.local-');
    this.state.accessTokens = this.state.accessTokens.filter((t) => t.expiresAt > now);
    this.state.accessTokens.push({
      token,
      account,
      clientId,
      scope,
      expiresAt: now + accessTokenSeconds * 1000,
      ...(refreshToken ? { refreshToken } : {}),
    });
    this.save();
    return token;
  }

  /** As at Google, revoking an access token revokes the grant it came from, refresh token included. */
  private revoke(url: URL, body: Buffer): EmulatorResponse {
    const value = url.searchParams.get('token') ?? new URLSearchParams(body.toString('utf8')).get('token');
    if (!value) return oauthError(400, 'invalid_request', 'Missing required parameter: token');
    const access = this.state.accessTokens.find((t) => t.token === value && t.expiresAt > this.now());
    const refreshToken =
      this.state.refreshTokens.find((g) => g.token === value)?.token ?? access?.refreshToken;
    if (!access && !refreshToken) return oauthError(400, 'invalid_token', 'Token expired or revoked');
    this.state.refreshTokens = this.state.refreshTokens.filter((g) => g.token !== refreshToken);
    this.state.accessTokens = this.state.accessTokens.filter(
      (t) => t.token !== value && (refreshToken === undefined || t.refreshToken !== refreshToken),
    );
    this.save();
    return json(200, {});
  }

  // ---- Calendar v3 -----------------------------------------------------------------------------

  private async calendarApi(
    method: string,
    apiPath: string,
    url: URL,
    headers: IncomingHttpHeaders,
    body: Buffer,
  ): Promise<EmulatorResponse> {
    const segments = apiPath.split('/').slice(1).map(decodeURIComponent);
    const route = routeApi(method, segments);
    if (!route) throw notFound();
    const faulted = await this.fault(route.operation);
    if (faulted) return faulted;
    this.authenticate(headers, route.operation);
    const origin = `http://${headers.host ?? '127.0.0.1'}`;
    const q = url.searchParams;
    switch (route.operation) {
      case 'calendarList':
        return route.calendarId === undefined
          ? this.calendarList(q)
          : json(200, calendarListEntry(this.calendar(route.calendarId)));
      case 'freeBusy':
        return this.freeBusy(readJsonBody(body));
      case 'events.list':
        return this.listEvents(this.calendar(route.calendarId!), q, origin);
      case 'events.get': {
        const event = this.event(route.calendarId!, route.eventId!);
        return this.eventResponse(event, origin, q.get('timeZone'));
      }
      case 'events.insert': {
        const calendar = this.writableCalendar(route.calendarId!);
        const input = readJsonBody(body);
        let id = newEventId();
        if (input.id !== undefined) {
          if (typeof input.id !== 'string' || !validEventId.test(input.id))
            throw badRequest('Invalid resource id value.');
          if (this.state.events.some((e) => e.calendarId === calendar.id && e.id === input.id))
            throw new GoogleApiError(409, 'The requested identifier already exists.', 'duplicate');
          id = input.id;
        }
        return this.eventResponse(this.createEvent(calendar.id, id, writableFields(input)), origin, null);
      }
      case 'events.patch':
      case 'events.update': {
        this.writableCalendar(route.calendarId!);
        const event = this.liveEvent(route.calendarId!, route.eventId!, headers);
        const input = writableFields(readJsonBody(body));
        const next = route.operation === 'events.patch' ? mergePatch(event.fields, input) : input;
        this.changeEvent(event, next);
        return this.eventResponse(event, origin, null);
      }
      case 'events.delete': {
        this.writableCalendar(route.calendarId!);
        const event = this.liveEvent(route.calendarId!, route.eventId!, headers);
        this.cancelEvent(event);
        return noContent();
      }
      default:
        throw notFound();
    }
  }

  private authenticate(
    headers: IncomingHttpHeaders,
    operation: Exclude<GoogleOperation, 'token'>,
  ): AccessGrant {
    const header = headers.authorization;
    if (!header)
      throw new GoogleApiError(
        401,
        'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential.',
        'required',
        { itemMessage: 'Login Required.', location: 'Authorization', locationType: 'header' },
      );
    const value = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const grant = this.state.accessTokens.find((t) => t.token === value);
    if (!grant || grant.expiresAt <= this.now()) throw invalidCredentials();
    const granted = grant.scope.split(' ');
    if (!operationScopes[operation].some((s) => granted.includes(s)))
      throw new GoogleApiError(
        403,
        'Request had insufficient authentication scopes.',
        'insufficientPermissions',
        {
          itemMessage: 'Insufficient Permission',
        },
      );
    return grant;
  }

  private calendar(id: string): CalendarDefinition {
    const calendar = calendars.find((c) => c.id === (id === 'primary' ? localGoogleAccount : id));
    if (!calendar) throw notFound();
    return calendar;
  }

  private writableCalendar(id: string): CalendarDefinition {
    const calendar = this.calendar(id);
    if (roleRank[calendar.accessRole] < roleRank.writer)
      throw new GoogleApiError(
        403,
        'You need to have writer access to this calendar.',
        'requiredAccessLevel',
      );
    return calendar;
  }

  private event(calendarId: string, eventId: string): StoredEvent {
    const calendar = this.calendar(calendarId);
    const event = this.state.events.find((e) => e.calendarId === calendar.id && e.id === eventId);
    if (!event) throw notFound();
    return event;
  }

  /** An event that may still change: not deleted, and matching `If-Match` when one is sent. */
  private liveEvent(calendarId: string, eventId: string, headers: IncomingHttpHeaders): StoredEvent {
    const event = this.event(calendarId, eventId);
    if (event.status === 'cancelled') throw new GoogleApiError(410, 'Resource has been deleted', 'deleted');
    const ifMatch = headers['if-match'];
    if (ifMatch && ifMatch !== '*' && ifMatch !== etagOf(event))
      throw new GoogleApiError(412, 'Precondition Failed', 'conditionNotMet', {
        location: 'If-Match',
        locationType: 'header',
      });
    return event;
  }

  private calendarList(q: URLSearchParams): EmulatorResponse {
    const minRole = q.get('minAccessRole') as AccessRole | null;
    if (minRole !== null && roleRank[minRole] === undefined)
      throw badRequest(`Invalid minAccessRole: ${minRole}`);
    const items = calendars
      .filter((c) => minRole === null || roleRank[c.accessRole] >= roleRank[minRole])
      .map(calendarListEntry);
    return json(200, { kind: 'calendar#calendarList', etag: '"local-calendar-list"', items });
  }

  private freeBusy(input: Json): EmulatorResponse {
    if (typeof input.timeMin !== 'string') throw badRequest('Missing timeMin parameter.', 'required');
    if (typeof input.timeMax !== 'string') throw badRequest('Missing timeMax parameter.', 'required');
    const timeMin = parseInstantParam('timeMin', input.timeMin)!;
    const timeMax = parseInstantParam('timeMax', input.timeMax)!;
    if (timeMax <= timeMin) throw badRequest('The specified time range is empty.', 'timeRangeEmpty');
    const items = Array.isArray(input.items) ? input.items : [];
    if (items.length > 50) throw badRequest('Too many calendars requested.', 'tooManyCalendarsRequested');
    const result: Record<string, unknown> = {};
    for (const item of items) {
      const id = isObject(item) && typeof item.id === 'string' ? item.id : '';
      const calendar = calendars.find((c) => c.id === (id === 'primary' ? localGoogleAccount : id));
      if (!calendar) {
        result[id] = { errors: [{ domain: 'global', reason: 'notFound' }], busy: [] };
        continue;
      }
      const blocks = this.state.events
        .filter(
          (e) =>
            e.calendarId === calendar.id &&
            e.status !== 'cancelled' &&
            e.fields.transparency !== 'transparent' &&
            e.startMs < timeMax &&
            e.endMs > timeMin &&
            e.endMs > e.startMs,
        )
        .map((e) => ({ start: Math.max(e.startMs, timeMin), end: Math.min(e.endMs, timeMax) }))
        .sort((a, b) => a.start - b.start);
      const merged: { start: number; end: number }[] = [];
      for (const block of blocks) {
        const last = merged.at(-1);
        if (last && block.start <= last.end) last.end = Math.max(last.end, block.end);
        else merged.push({ ...block });
      }
      result[id] = { busy: merged.map((b) => ({ start: isoSeconds(b.start), end: isoSeconds(b.end) })) };
    }
    return json(200, {
      kind: 'calendar#freeBusy',
      timeMin: iso(timeMin),
      timeMax: iso(timeMax),
      calendars: result,
    });
  }

  private readListQuery(q: URLSearchParams): ListQuery {
    const syncToken = q.get('syncToken');
    const pairs = (name: string): [string, string][] =>
      q.getAll(name).map((pair) => {
        const at = pair.indexOf('=');
        if (at < 1) throw badRequest(`Invalid value for ${name}: ${pair}`);
        return [pair.slice(0, at), pair.slice(at + 1)];
      });
    const maxResults = q.has('maxResults') ? Number(q.get('maxResults')) : 250;
    if (!Number.isInteger(maxResults) || maxResults < 1) throw badRequest('Invalid value for maxResults');
    const orderBy = q.get('orderBy');
    if (orderBy !== null && orderBy !== 'startTime' && orderBy !== 'updated')
      throw badRequest(`Invalid value for orderBy: ${orderBy}`);
    if (orderBy === 'startTime' && q.get('singleEvents') !== 'true')
      throw badRequest('The requested ordering is not available for the particular query.');
    const base = {
      showDeleted: q.get('showDeleted') === 'true',
      maxResults: Math.min(maxResults, 2500),
      privateProperties: pairs('privateExtendedProperty'),
      sharedProperties: pairs('sharedExtendedProperty'),
    };
    if (syncToken !== null) {
      const refused = notWithSyncToken.find((name) => q.has(name));
      if (refused) throw badRequest(`The parameter ${refused} cannot be used together with syncToken.`);
      const decoded = decodeToken(syncToken);
      if (
        decoded?.e !== this.state.syncEpoch ||
        typeof decoded.s !== 'number' ||
        decoded.s > this.state.seq ||
        typeof decoded.c !== 'string'
      )
        throw new GoogleApiError(
          410,
          'Sync token is no longer valid, a full sync is required.',
          'fullSyncRequired',
        );
      return { ...base, syncSeq: decoded.s };
    }
    const timeMin = parseInstantParam('timeMin', q.get('timeMin'));
    const timeMax = parseInstantParam('timeMax', q.get('timeMax'));
    if (timeMin !== undefined && timeMax !== undefined && timeMax <= timeMin)
      throw badRequest('The specified time range is empty.', 'timeRangeEmpty');
    return {
      ...base,
      timeMin,
      timeMax,
      updatedMin: parseInstantParam('updatedMin', q.get('updatedMin')),
      orderBy: orderBy ?? undefined,
      text: q.get('q')?.toLowerCase() ?? undefined,
      iCalUID: q.get('iCalUID') ?? undefined,
    };
  }

  private listEvents(calendar: CalendarDefinition, q: URLSearchParams, origin: string): EmulatorResponse {
    const query = this.readListQuery(q);
    if (query.syncSeq !== undefined) {
      const token = decodeToken(q.get('syncToken')!);
      if (token?.c !== calendar.id)
        throw new GoogleApiError(
          410,
          'Sync token is no longer valid, a full sync is required.',
          'fullSyncRequired',
        );
    }
    const pageToken = q.get('pageToken');
    let offset = 0;
    let snapshot = this.state.seq;
    if (pageToken !== null) {
      const decoded = decodeToken(pageToken);
      if (
        decoded?.e !== this.state.syncEpoch ||
        typeof decoded.o !== 'number' ||
        typeof decoded.s !== 'number'
      )
        throw badRequest('Invalid page token value.');
      offset = decoded.o;
      snapshot = decoded.s;
    }
    const matches = this.state.events
      .filter((e) => e.calendarId === calendar.id && matchesQuery(e, query))
      .sort((a, b) =>
        query.syncSeq !== undefined
          ? a.changeSeq - b.changeSeq
          : query.orderBy === 'updated'
            ? a.updated - b.updated || a.changeSeq - b.changeSeq
            : a.startMs - b.startMs || a.id.localeCompare(b.id),
      );
    const page = matches.slice(offset, offset + query.maxResults);
    const more = offset + query.maxResults < matches.length;
    const zone = q.get('timeZone') ?? calendarZone;
    if (!isTimeZone(zone)) throw badRequest(`Invalid time zone: ${zone}`);
    const updated = Math.max(
      0,
      ...this.state.events.filter((e) => e.calendarId === calendar.id).map((e) => e.updated),
    );
    return json(200, {
      kind: 'calendar#events',
      etag: `"${this.state.seq}"`,
      summary: calendar.summary,
      description: calendar.description,
      updated: iso(updated || this.now()),
      timeZone: calendarZone,
      accessRole: calendar.accessRole,
      defaultReminders: calendar.primary ? [{ method: 'popup', minutes: 10 }] : [],
      ...(more
        ? {
            nextPageToken: encodeToken({
              o: offset + query.maxResults,
              s: snapshot,
              e: this.state.syncEpoch,
            }),
          }
        : { nextSyncToken: encodeToken({ c: calendar.id, s: snapshot, e: this.state.syncEpoch }) }),
      items: page.map((e) => this.eventResource(e, origin, zone, true)),
    });
  }

  private eventResponse(event: StoredEvent, origin: string, timeZone: string | null): EmulatorResponse {
    const zone = timeZone ?? calendarZone;
    if (!isTimeZone(zone)) throw badRequest(`Invalid time zone: ${zone}`);
    return json(200, this.eventResource(event, origin, zone, false), { etag: etagOf(event) });
  }

  /**
   * The event as Google sends it, times in the requested zone's offset. In lists a deleted event
   * carries only what Google guarantees for one: its id and status.
   */
  private eventResource(event: StoredEvent, origin: string, zone: string, inList: boolean): Json {
    const head = { kind: 'calendar#event', etag: etagOf(event), id: event.id, status: event.status };
    if (inList && event.status === 'cancelled') return head;
    const calendar = this.calendar(event.calendarId);
    const { start, end, ...rest } = event.fields as { start: EventTime; end: EventTime } & Json;
    const render = (time: EventTime, ms: number): EventTime =>
      time.date !== undefined ? time : { ...time, dateTime: formatInZone(ms, zone) };
    return {
      ...head,
      htmlLink: `${origin}/_local/google#event-${encodeURIComponent(event.id)}`,
      created: iso(event.created),
      updated: iso(event.updated),
      ...rest,
      creator: { email: localGoogleAccount, self: true },
      organizer: calendar.primary
        ? { email: calendar.id, self: true }
        : { email: calendar.id, displayName: calendar.summary, self: true },
      start: render(start, event.startMs),
      end: render(end, event.endMs),
      iCalUID: `${event.id}@portico.localhost`,
      sequence: event.sequence,
      reminders: rest.reminders ?? { useDefault: true },
      eventType: 'default',
    };
  }

  // ---- Gmail v1 --------------------------------------------------------------------------------

  /** `users.messages.send`: the message is kept (and shown on the page), never delivered. */
  private async gmailApi(
    method: string,
    apiPath: string,
    headers: IncomingHttpHeaders,
    body: Buffer,
  ): Promise<EmulatorResponse> {
    const match = /^\/users\/([^/]+)\/messages\/send$/.exec(apiPath);
    if (!match || method !== 'POST') throw notFound();
    const faulted = await this.fault('gmail.send');
    if (faulted) return faulted;
    const grant = this.authenticate(headers, 'gmail.send');
    const account = grant.account ?? localGoogleAccount;
    const userId = decodeURIComponent(match[1]!);
    if (userId !== 'me' && userId.toLowerCase() !== account)
      throw new GoogleApiError(403, `Delegation denied for ${account}`, 'forbidden');
    const input = readJsonBody(body);
    if (typeof input.raw !== 'string' || input.raw === '')
      throw badRequest(
        "'raw' RFC822 payload message string or uploading message via /upload/* URL required",
        'invalidArgument',
      );
    // Google takes the URL-safe alphabet (and, leniently, the standard one); Node decodes both.
    const parsed = parseMimeMessage(Buffer.from(input.raw, 'base64').toString('utf8'));
    const to = ['to', 'cc', 'bcc'].flatMap((name) => mailboxes(parsed.headers[name] ?? ''));
    if (to.length === 0) throw badRequest('Recipient address required', 'invalidArgument');
    if (to.some((address) => !isAddress(address)))
      throw badRequest(`Invalid To header: ${parsed.headers.to ?? ''}`, 'invalidArgument');
    // Gmail sends from the signed-in account whatever the From header says (no send-as aliases here).
    const name = displayName(parsed.headers.from ?? '');
    const id = randomBytes(8).toString('hex');
    this.state.messages.push({
      id,
      threadId: id,
      account,
      from: name ? `${name} <${account}>` : account,
      to,
      subject: parsed.headers.subject ?? '',
      headers: parsed.headers,
      text: parsed.text,
      html: parsed.html,
      sentAt: this.now(),
    });
    this.state.messages = this.state.messages.slice(-keptMessages);
    this.save();
    return json(200, { id, threadId: id, labelIds: ['SENT'] });
  }

  // ---- Sheets v4 -------------------------------------------------------------------------------

  /**
   * `spreadsheets.values.append`. A spreadsheet id seen for the first time is a new spreadsheet of the
   * account writing to it, with one sheet, `Sheet1`; other accounts may not write to it.
   */
  private async sheetsApi(
    method: string,
    apiPath: string,
    url: URL,
    headers: IncomingHttpHeaders,
    body: Buffer,
  ): Promise<EmulatorResponse> {
    const match = /^\/([^/]+)\/values\/([^/]+):append$/.exec(apiPath);
    if (!match || method !== 'POST') throw notFound();
    const faulted = await this.fault('sheets.append');
    if (faulted) return faulted;
    const grant = this.authenticate(headers, 'sheets.append');
    const account = grant.account ?? localGoogleAccount;
    const spreadsheetId = decodeURIComponent(match[1]!);
    const range = decodeURIComponent(match[2]!);
    const q = url.searchParams;
    const inputOption = q.get('valueInputOption');
    if (inputOption === null) throw badRequest("'valueInputOption' is required but not specified");
    if (inputOption !== 'RAW' && inputOption !== 'USER_ENTERED')
      throw badRequest(`Invalid value at 'value_input_option' (${inputOption})`);
    const insertOption = q.get('insertDataOption') ?? 'OVERWRITE';
    if (insertOption !== 'OVERWRITE' && insertOption !== 'INSERT_ROWS')
      throw badRequest(`Invalid value at 'insert_data_option' (${insertOption})`);
    const input = readJsonBody(body);
    const rows = cellRows(input);
    const spreadsheet = this.spreadsheet(spreadsheetId, account);
    if (spreadsheet.account !== account)
      throw new GoogleApiError(403, 'The caller does not have permission', 'forbidden');
    const target = parseRange(range, spreadsheet);
    if (!target) throw badRequest(`Unable to parse range: ${range}`);
    const { sheet, column } = target;
    const before = sheet.rows.length;
    for (const row of rows) sheet.rows.push([...Array<string>(column).fill(''), ...row]);
    this.save();
    const width = Math.max(1, ...rows.map((row) => row.length));
    const name = sheetReference(sheet.title);
    const updatedRange = `${name}!${columnName(column)}${before + 1}:${columnName(column + width - 1)}${before + rows.length}`;
    return json(200, {
      spreadsheetId,
      ...(before > 0
        ? {
            tableRange: `${name}!A1:${columnName(Math.max(0, ...sheet.rows.slice(0, before).map((r) => r.length - 1)))}${before}`,
          }
        : {}),
      updates: {
        spreadsheetId,
        updatedRange,
        updatedRows: rows.length,
        updatedColumns: width,
        updatedCells: rows.reduce((sum, row) => sum + row.length, 0),
      },
    });
  }

  private spreadsheet(id: string, account: string): StoredSpreadsheet {
    let spreadsheet = this.state.spreadsheets.find((candidate) => candidate.id === id);
    if (!spreadsheet) {
      spreadsheet = { id, account, sheets: [{ title: 'Sheet1', rows: [] }] };
      this.state.spreadsheets.push(spreadsheet);
    }
    return spreadsheet;
  }

  // ---- Event changes (API and controls alike) --------------------------------------------------

  private createEvent(calendarId: string, id: string, input: Json): StoredEvent {
    const checked = validateFields(input);
    const now = this.now();
    const event: StoredEvent = {
      calendarId,
      id,
      status: checked.status === 'tentative' ? 'tentative' : 'confirmed',
      fields: checked.fields,
      startMs: checked.startMs,
      endMs: checked.endMs,
      created: now,
      updated: now,
      sequence: 0,
      changeSeq: 0,
    };
    this.state.events.push(event);
    this.touch(event);
    return event;
  }

  private changeEvent(event: StoredEvent, fields: Json): void {
    const checked = validateFields(fields);
    if (checked.status === 'cancelled') {
      this.cancelEvent(event);
      return;
    }
    if (checked.startMs !== event.startMs || checked.endMs !== event.endMs) event.sequence++;
    event.fields = checked.fields;
    event.startMs = checked.startMs;
    event.endMs = checked.endMs;
    if (checked.status) event.status = checked.status;
    this.touch(event);
  }

  private cancelEvent(event: StoredEvent): void {
    event.status = 'cancelled';
    event.sequence++;
    this.touch(event);
  }

  private touch(event: StoredEvent): void {
    this.state.seq++;
    event.changeSeq = this.state.seq;
    event.updated = Math.max(this.now(), event.created);
    this.save();
  }

  // ---- Faults ----------------------------------------------------------------------------------

  /** Applies the next fault queued for an operation: waits, then answers its error, if it has one. */
  private async fault(operation: GoogleOperation): Promise<EmulatorResponse | undefined> {
    const index = this.faults.findIndex((f) => f.operation === operation);
    if (index < 0) return undefined;
    const fault = this.faults[index]!;
    fault.remaining--;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    if (fault.delayMs > 0) await this.wait(fault.delayMs);
    if (fault.status === undefined) return undefined;
    if (operation === 'token') {
      const [error, description] = tokenFaults[fault.status]!;
      return oauthError(fault.status, error, description);
    }
    return apiErrorResponse(faultErrors[fault.status]!());
  }

  private wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const settle = () => {
        clearTimeout(timer);
        this.pending.delete(settle);
        resolve();
      };
      const timer = setTimeout(settle, ms);
      timer.unref();
      this.pending.add(settle);
    });
  }

  private save(): void {
    if (this.file) writeFileSync(this.file, JSON.stringify(this.state, null, 1));
  }

  private settlePending(): void {
    for (const settle of [...this.pending]) settle();
  }

  // ---- Developer controls ----------------------------------------------------------------------

  private control(
    method: string,
    path: string,
    headers: IncomingHttpHeaders,
    body: Buffer,
  ): EmulatorResponse {
    const origin = `http://${headers.host ?? '127.0.0.1'}`;
    const route = `${method} ${path}`;
    const input = (): Json => {
      const text = body.toString('utf8').trim();
      const value = text === '' ? {} : parseJson(text);
      if (!value) throw new ControlError(400, 'The body must be a JSON object');
      return value;
    };
    try {
      if (route === 'GET ' || route === 'GET /') return html(200, this.renderPage());
      if (route === 'GET /state.json') return json(200, this.snapshot());
      if (route === 'POST /events') {
        const { calendarId = localGoogleAccount, start, end, ...fields } = input();
        const calendar = this.controlCalendar(calendarId);
        const event = this.createEvent(calendar.id, newEventId(), {
          ...writableFields(fields),
          start: controlTime(start),
          end: controlTime(end),
        });
        return json(201, this.eventResource(event, origin, calendarZone, false));
      }
      const eventPath = /^\/events\/([^/]+)\/([^/]+)$/.exec(path);
      if (eventPath && (method === 'PATCH' || method === 'DELETE')) {
        const calendar = this.controlCalendar(decodeURIComponent(eventPath[1]!));
        const id = decodeURIComponent(eventPath[2]!);
        const event = this.state.events.find((e) => e.calendarId === calendar.id && e.id === id);
        if (!event) throw new ControlError(404, `No event ${id} in ${calendar.id}`);
        if (event.status === 'cancelled') throw new ControlError(410, `Event ${id} is already cancelled`);
        if (method === 'DELETE') {
          this.cancelEvent(event);
          return noContent();
        }
        const { start, end, ...fields } = input();
        this.changeEvent(
          event,
          mergePatch(event.fields, {
            ...writableFields(fields),
            ...(start !== undefined ? { start: controlTime(start) } : {}),
            ...(end !== undefined ? { end: controlTime(end) } : {}),
          }),
        );
        return json(200, this.eventResource(event, origin, calendarZone, false));
      }
      if (route === 'POST /revoke-all') {
        // `{"account": "…"}` revokes one account's grants (as that user would); nothing: every grant.
        const { account } = input();
        if (account !== undefined && typeof account !== 'string')
          throw new ControlError(400, 'account must be an email address');
        const of = (grant: { account?: string }) =>
          account === undefined || (grant.account ?? localGoogleAccount) === account.toLowerCase();
        const revoked =
          this.state.refreshTokens.filter(of).length + this.state.accessTokens.filter(of).length;
        this.state.refreshTokens = this.state.refreshTokens.filter((grant) => !of(grant));
        this.state.accessTokens = this.state.accessTokens.filter((grant) => !of(grant));
        this.save();
        return json(200, { revoked });
      }
      const sheetPath = /^\/spreadsheets\/([^/]+)\/sheets$/.exec(path);
      if (sheetPath && method === 'POST') {
        const { title, account = localGoogleAccount } = input();
        if (typeof title !== 'string' || title.trim() === '' || title.length > 100)
          throw new ControlError(400, 'title must be a sheet name');
        if (typeof account !== 'string' || !isAddress(account))
          throw new ControlError(400, 'account must be an email address');
        const spreadsheet = this.spreadsheet(decodeURIComponent(sheetPath[1]!), account.toLowerCase());
        if (spreadsheet.sheets.some((sheet) => sheet.title === title))
          throw new ControlError(409, `The spreadsheet has a sheet ${title} already`);
        spreadsheet.sheets.push({ title, rows: [] });
        this.save();
        return json(201, { id: spreadsheet.id, account: spreadsheet.account, sheets: spreadsheet.sheets });
      }
      if (route === 'POST /expire-access-tokens') {
        const expired = this.state.accessTokens.length;
        this.state.accessTokens = [];
        this.save();
        return json(200, { expired });
      }
      if (route === 'POST /faults') return json(201, this.addFault(input()));
      if (route === 'DELETE /faults') {
        this.faults = [];
        return noContent();
      }
      if (route === 'POST /invalidate-sync-tokens') {
        this.state.syncEpoch = randomBytes(6).toString('base64url');
        this.save();
        return noContent();
      }
      if (route === 'POST /seed') return json(200, { added: this.seedDemo(new Date(this.now())) });
      if (route === 'POST /reset') {
        this.reset();
        return noContent();
      }
      throw new ControlError(404, `No control ${route}`);
    } catch (error) {
      if (error instanceof ControlError) return json(error.status, { error: error.message });
      if (error instanceof GoogleApiError) return json(error.status, { error: error.message });
      throw error;
    }
  }

  private controlCalendar(id: unknown): CalendarDefinition {
    const calendar =
      typeof id === 'string'
        ? calendars.find((c) => c.id === (id === 'primary' ? localGoogleAccount : id))
        : undefined;
    if (!calendar) throw new ControlError(404, `No calendar ${String(id)}`);
    return calendar;
  }

  private addFault(input: Json): GoogleFault {
    const { operation, status, delayMs = 0, count = 1 } = input;
    if (!googleOperations.includes(operation as GoogleOperation))
      throw new ControlError(400, `operation must be one of ${googleOperations.join(', ')}`);
    const statuses = operation === 'token' ? tokenFaults : faultErrors;
    if (status !== undefined && (typeof status !== 'number' || !(status in statuses)))
      throw new ControlError(400, `status must be one of ${Object.keys(statuses).join(', ')}`);
    if (typeof delayMs !== 'number' || delayMs < 0)
      throw new ControlError(400, 'delayMs must be a number ≥ 0');
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1)
      throw new ControlError(400, 'count must be a whole number ≥ 1');
    if (status === undefined && delayMs === 0)
      throw new ControlError(400, 'Give a status, a delayMs or both');
    const fault: GoogleFault = {
      operation: operation as GoogleOperation,
      ...(status !== undefined ? { status: status as number } : {}),
      delayMs,
      remaining: count,
    };
    this.faults.push(fault);
    return fault;
  }

  /** Everything the page shows, token values masked. */
  private snapshot() {
    const now = this.now();
    return {
      account: localGoogleAccount,
      calendars: calendars.map((c) => ({
        id: c.id,
        summary: c.summary,
        accessRole: c.accessRole,
        primary: c.primary,
        timeZone: calendarZone,
      })),
      events: [...this.state.events]
        .sort((a, b) => a.startMs - b.startMs)
        .map((e) => ({
          calendarId: e.calendarId,
          id: e.id,
          status: e.status,
          summary: e.fields.summary ?? null,
          description: e.fields.description ?? null,
          location: e.fields.location ?? null,
          attendees: e.fields.attendees ?? [],
          start: iso(e.startMs),
          end: iso(e.endMs),
          transparency: e.fields.transparency ?? 'opaque',
          privateProperties: privateProperties(e),
          updated: iso(e.updated),
        })),
      refreshTokens: this.state.refreshTokens.map((g) => ({
        account: g.account ?? localGoogleAccount,
        token: mask(g.token),
        scope: g.scope,
        createdAt: iso(g.createdAt),
        liveAccessTokens: this.state.accessTokens.filter(
          (t) => t.refreshToken === g.token && t.expiresAt > now,
        ).length,
      })),
      accessTokens: this.state.accessTokens
        .filter((t) => t.expiresAt > now)
        .map((t) => ({
          account: t.account ?? localGoogleAccount,
          token: mask(t.token),
          scope: t.scope,
          expiresAt: iso(t.expiresAt),
          refreshToken: t.refreshToken ? mask(t.refreshToken) : null,
        })),
      messages: this.state.messages.map((m) => ({
        id: m.id,
        account: m.account,
        from: m.from,
        to: m.to,
        subject: m.subject,
        sentAt: iso(m.sentAt),
        headers: m.headers,
        text: m.text,
        html: m.html,
      })),
      spreadsheets: this.state.spreadsheets,
      faults: this.faults.map((f) => ({ ...f })),
    };
  }

  private renderPage(): string {
    const state = this.snapshot();
    const rows = (cells: string[][]) =>
      cells.map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`).join('\n');
    const zoned = (value: string) =>
      escapeHtml(formatInZone(Date.parse(value), calendarZone).replace('T', ' '));
    const calendarSections = state.calendars
      .map((c) => {
        const events = state.events.filter((e) => e.calendarId === c.id);
        const table = events.length
          ? `<table><tr><th>Start (${escapeHtml(calendarZone)})</th><th>End</th><th>Summary</th><th>Status</th><th>Id</th></tr>
${events
  .map(
    (e) =>
      `<tr id="event-${escapeHtml(e.id)}" class="${e.status === 'cancelled' ? 'cancelled' : ''}"><td>${zoned(e.start)}</td><td>${zoned(e.end)}</td><td>${escapeHtml(String(e.summary ?? '(no title)'))}${e.transparency === 'transparent' ? ' <span class="tag">free</span>' : ''}${Object.keys(e.privateProperties).length ? ' <span class="tag">app</span>' : ''}</td><td>${escapeHtml(e.status)}</td><td><code>${escapeHtml(e.id)}</code></td></tr>`,
  )
  .join('\n')}</table>`
          : '<p class="meta">No events.</p>';
        return `<h3>${escapeHtml(c.summary)} <span class="meta">${escapeHtml(c.id)} · ${escapeHtml(c.accessRole)}${c.primary ? ' · primary' : ''}</span></h3>\n${table}`;
      })
      .join('\n');
    const tokens = state.refreshTokens.length
      ? `<table><tr><th>Account</th><th>Refresh token</th><th>Scopes</th><th>Since</th><th>Live access tokens</th></tr>${rows(
          state.refreshTokens.map((t) => [
            escapeHtml(t.account),
            `<code>${escapeHtml(t.token)}</code>`,
            escapeHtml(t.scope),
            escapeHtml(t.createdAt),
            String(t.liveAccessTokens),
          ]),
        )}</table>`
      : '<p class="meta">No app is connected.</p>';
    const messages = state.messages.length
      ? `<table><tr><th>Sent</th><th>From</th><th>To</th><th>Subject</th><th>Unsubscribe header</th></tr>${rows(
          [...state.messages]
            .reverse()
            .map((m) => [
              escapeHtml(m.sentAt.replace('T', ' ').slice(0, 19)),
              escapeHtml(m.from),
              escapeHtml(m.to.join(', ')),
              `<details><summary>${escapeHtml(m.subject || '(no subject)')}</summary><pre>${escapeHtml(m.text)}</pre></details>`,
              m.headers['list-unsubscribe'] ? 'yes (one-click)' : '—',
            ]),
        )}</table>`
      : '<p class="meta">No messages sent.</p>';
    const sheets = state.spreadsheets.length
      ? state.spreadsheets
          .map(
            (spreadsheet) =>
              `<h3>Spreadsheet <code>${escapeHtml(spreadsheet.id)}</code> <span class="meta">${escapeHtml(spreadsheet.account)}</span></h3>\n${spreadsheet.sheets
                .map(
                  (sheet) =>
                    `<p class="meta">${escapeHtml(sheet.title)} · ${sheet.rows.length} row${sheet.rows.length === 1 ? '' : 's'}</p>${
                      sheet.rows.length
                        ? `<table>${rows(sheet.rows.map((row) => row.map((cell) => escapeHtml(cell))))}</table>`
                        : ''
                    }`,
                )
                .join('\n')}`,
          )
          .join('\n')
      : '<p class="meta">No rows written.</p>';
    const faults = state.faults.length
      ? `<table><tr><th>Operation</th><th>Status</th><th>Delay</th><th>Remaining</th></tr>${rows(
          state.faults.map((f) => [
            escapeHtml(f.operation),
            f.status === undefined ? 'answers normally' : String(f.status),
            `${f.delayMs} ms`,
            String(f.remaining),
          ]),
        )}</table>`
      : '<p class="meta">None.</p>';
    return page(
      'Local Google stand-in · Portico',
      `<p class="badge">Local Google stand-in · nothing here talks to Google</p>
<h1>Google Calendar of ${escapeHtml(state.account)}</h1>
<p>The OAuth, Calendar v3, Gmail v1 and Sheets v4 endpoints Portico uses, on this machine. <a href="/_local/google/state.json">JSON</a></p>
<h2>Calendars and events</h2>
${calendarSections}
<h2>Gmail: messages sent</h2>
<p class="meta">Kept here, never delivered.</p>
${messages}
<h2>Google Sheets</h2>
${sheets}
<h2>Connected apps</h2>
${tokens}
<h2>Active faults</h2>
${faults}
<h2>Controls</h2>
<pre>POST   /_local/google/events                      {"calendarId","summary","start","end"}
PATCH  /_local/google/events/&lt;calendarId&gt;/&lt;eventId&gt;  {"start","end"}
DELETE /_local/google/events/&lt;calendarId&gt;/&lt;eventId&gt;
POST   /_local/google/revoke-all                  {"account"?}  (every grant without one)
POST   /_local/google/expire-access-tokens | invalidate-sync-tokens | seed | reset
POST   /_local/google/spreadsheets/&lt;id&gt;/sheets      {"title","account"?}
POST   /_local/google/faults                      {"operation","status","delayMs","count"}
DELETE /_local/google/faults</pre>`,
    );
  }
}

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

interface ApiRoute {
  readonly operation: Exclude<GoogleOperation, 'token'>;
  readonly calendarId?: string;
  readonly eventId?: string;
}

/** Calendar v3 paths (after `/calendar/v3`) to operations. */
const routeApi = (method: string, segments: string[]): ApiRoute | undefined => {
  const [first, second, third, fourth, ...more] = segments;
  if (more.length > 0) return undefined;
  if (first === 'users' && second === 'me' && third === 'calendarList' && method === 'GET')
    return fourth === undefined
      ? { operation: 'calendarList' }
      : { operation: 'calendarList', calendarId: fourth };
  if (first === 'freeBusy' && second === undefined && method === 'POST') return { operation: 'freeBusy' };
  if (first !== 'calendars' || second === undefined || third !== 'events') return undefined;
  if (fourth === undefined) {
    if (method === 'GET') return { operation: 'events.list', calendarId: second };
    if (method === 'POST') return { operation: 'events.insert', calendarId: second };
    return undefined;
  }
  const operations: Record<string, ApiRoute['operation']> = {
    GET: 'events.get',
    PATCH: 'events.patch',
    PUT: 'events.update',
    DELETE: 'events.delete',
  };
  const operation = operations[method];
  return operation ? { operation, calendarId: second, eventId: fourth } : undefined;
};

/** The addresses of an address-list header (`a@x, "B" <b@y>`). */
const mailboxes = (header: string): string[] =>
  header
    .split(',')
    .map((part) => (/<([^<>]+)>/.exec(part)?.[1] ?? part).trim().toLowerCase())
    .filter(Boolean);

/** The display name of a `"Name" <address>` mailbox, or empty. */
const displayName = (mailbox: string): string => (/^\s*"?([^"<]*?)"?\s*</.exec(mailbox)?.[1] ?? '').trim();

/** An append's `values`: a list of rows of scalars, each cell kept as the string Sheets would show. */
const cellRows = (input: Json): string[][] => {
  const { values, majorDimension = 'ROWS' } = input;
  if (majorDimension !== 'ROWS' && majorDimension !== 'COLUMNS')
    throw badRequest(`Invalid value at 'data.major_dimension' (${String(majorDimension)})`);
  if (!Array.isArray(values) || values.length === 0) throw badRequest('Invalid values[]: no rows given');
  const grid = values.map((row: unknown) => {
    if (!Array.isArray(row)) throw badRequest('Invalid values[]: each row must be a list');
    return row.map((cell: unknown) => {
      if (cell === null) return '';
      if (typeof cell === 'string' || typeof cell === 'number' || typeof cell === 'boolean')
        return String(cell);
      throw badRequest('Invalid values[]: cells must be strings, numbers or booleans');
    });
  });
  if (majorDimension === 'ROWS') return grid;
  const height = Math.max(...grid.map((column) => column.length));
  return Array.from({ length: height }, (_, r) => grid.map((column) => column[r] ?? ''));
};

const columnName = (index: number): string => {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
};

const columnIndex = (letters: string): number =>
  [...letters.toUpperCase()].reduce((index, letter) => index * 26 + letter.charCodeAt(0) - 64, 0) - 1;

/** A sheet title as a range names it: quoted when it is not a plain word. */
const sheetReference = (title: string) =>
  /^[A-Za-z0-9_]+$/.test(title) ? title : `'${title.replaceAll("'", "''")}'`;

/**
 * Which sheet and first column an append's range means: `Sheet`, `'My sheet'!B2:D`, or just cells
 * (`A1`, `C:F`) on the first sheet. Undefined for a sheet the spreadsheet does not have.
 */
const parseRange = (
  range: string,
  spreadsheet: StoredSpreadsheet,
): { sheet: StoredSheet; column: number } | undefined => {
  const cells = /^([A-Za-z]{1,3})\d*(?::[A-Za-z]{0,3}\d*)?$/;
  const qualified = /^(?:'((?:[^']|'')+)'|([^!']+))(?:!(.+))?$/.exec(range.trim());
  const firstSheet = spreadsheet.sheets[0]!;
  if (cells.test(range.trim()) && !spreadsheet.sheets.some((sheet) => sheet.title === range.trim()))
    return { sheet: firstSheet, column: columnIndex(cells.exec(range.trim())![1]!) };
  if (!qualified) return undefined;
  const title = qualified[1]?.replaceAll("''", "'") ?? qualified[2]!;
  const sheet = spreadsheet.sheets.find((candidate) => candidate.title === title);
  if (!sheet) return undefined;
  if (qualified[3] === undefined) return { sheet, column: 0 };
  const part = cells.exec(qualified[3]);
  return part ? { sheet, column: columnIndex(part[1]!) } : undefined;
};

const calendarListEntry = (calendar: CalendarDefinition): Json => ({
  kind: 'calendar#calendarListEntry',
  etag: `"local-${calendar.colorId}"`,
  id: calendar.id,
  summary: calendar.summary,
  description: calendar.description,
  timeZone: calendarZone,
  colorId: calendar.colorId,
  backgroundColor: calendar.backgroundColor,
  foregroundColor: '#000000',
  selected: true,
  accessRole: calendar.accessRole,
  defaultReminders: calendar.primary ? [{ method: 'popup', minutes: 10 }] : [],
  ...(calendar.primary ? { primary: true } : {}),
  conferenceProperties: { allowedConferenceSolutionTypes: ['hangoutsMeet'] },
});

const matchesQuery = (event: StoredEvent, query: ListQuery): boolean => {
  if (query.syncSeq !== undefined) return event.changeSeq > query.syncSeq;
  // Since updatedMin, deleted events are listed whatever showDeleted says, as at Google.
  const changedSince = query.updatedMin !== undefined;
  if (changedSince && event.updated < query.updatedMin!) return false;
  if (event.status === 'cancelled' && !query.showDeleted && !changedSince) return false;
  if (query.timeMin !== undefined && event.endMs <= query.timeMin) return false;
  if (query.timeMax !== undefined && event.startMs >= query.timeMax) return false;
  if (query.iCalUID !== undefined && `${event.id}@portico.localhost` !== query.iCalUID) return false;
  const own = privateProperties(event);
  if (!query.privateProperties.every(([key, value]) => own[key] === value)) return false;
  const shared = sharedProperties(event);
  if (!query.sharedProperties.every(([key, value]) => shared[key] === value)) return false;
  if (query.text !== undefined) {
    const { summary, description, location } = event.fields;
    const haystack = [summary, description, location].filter((v) => typeof v === 'string').join('\n');
    if (!haystack.toLowerCase().includes(query.text)) return false;
  }
  return true;
};

const page = (title: string, body: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><style>
body{font-family:system-ui,sans-serif;max-width:960px;margin:0 auto;padding:24px;color:#1f2328}
.badge{display:inline-block;background:#fff8c5;border:1px solid #d4a72c;border-radius:999px;padding:4px 12px;font-size:13px}
.meta{color:#57606a;font-weight:normal;font-size:14px}table{border-collapse:collapse;width:100%;margin:8px 0 20px}
td,th{border-bottom:1px solid #d0d7de;padding:6px 8px;text-align:left;font-size:14px;vertical-align:top}
tr.cancelled td{color:#8c959f;text-decoration:line-through}.tag{background:#ddf4ff;border-radius:4px;padding:0 6px;font-size:12px}
.scopes li{margin:8px 0}.buttons{display:flex;gap:12px;justify-content:flex-end;margin-top:24px}
button{font-size:15px;padding:8px 20px;border-radius:6px;border:1px solid #1f6feb;background:#1f6feb;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#1f6feb}pre{background:#f6f8fa;padding:12px;overflow:auto}</style></head>
<body>${body}</body></html>`;
