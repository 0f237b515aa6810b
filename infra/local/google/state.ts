import { randomBytes } from 'node:crypto';

/** The stand-in's accounts, calendars and what it keeps: grants, tokens, events, messages, sheets. */

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

// ---------------------------------------------------------------------------------------------------
// Calendars, events, tokens

export type AccessRole = 'freeBusyReader' | 'reader' | 'writer' | 'owner';

export interface CalendarDefinition {
  readonly id: string;
  readonly summary: string;
  readonly description: string;
  readonly accessRole: AccessRole;
  readonly primary: boolean;
  readonly colorId: string;
  readonly backgroundColor: string;
}

export const calendarZone = 'Europe/Berlin';

export const calendars: readonly CalendarDefinition[] = [
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

export const roleRank: Record<AccessRole, number> = { freeBusyReader: 0, reader: 1, writer: 2, owner: 3 };

export interface EventTime {
  readonly dateTime?: string;
  readonly date?: string;
  readonly timeZone?: string;
}

export interface StoredEvent {
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

export interface AuthCode {
  readonly code: string;
  readonly account: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scope: string;
  readonly challenge: string;
  readonly offline: boolean;
  readonly expiresAt: number;
}

export interface RefreshGrant {
  readonly token: string;
  /** The signed-in account; absent in files written before accounts could be chosen. */
  readonly account?: string;
  readonly clientId: string;
  readonly scope: string;
  readonly createdAt: number;
}

export interface AccessGrant {
  readonly token: string;
  readonly account?: string;
  readonly clientId: string;
  readonly scope: string;
  readonly refreshToken?: string;
  readonly expiresAt: number;
}

/** A message Gmail accepted: kept here instead of being delivered. */
export interface SentMessage {
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

export interface StoredSheet {
  readonly title: string;
  /** Row by row, as appended; every cell as a string. */
  readonly rows: string[][];
}

export interface StoredSpreadsheet {
  readonly id: string;
  /** The account that created it (by writing to it first). */
  readonly account: string;
  readonly sheets: StoredSheet[];
}

export interface State {
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

export const emptyState = (): State => ({
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
export const loadState = (text: string): State => ({
  ...emptyState(),
  ...(JSON.parse(text) as Partial<State>),
});

/** Gmail keeps what it sent; the stand-in keeps the latest of them. */
export const keptMessages = 500;

export const accessTokenSeconds = 3599;
export const codeLifetimeMs = 10 * 60 * 1000;

export const scopePrefix = 'https://www.googleapis.com/auth/';
export const scope = (name: string) => `${scopePrefix}${name}`;
export const writeEventScopes = [
  'calendar',
  'calendar.events',
  'calendar.events.owned',
  'calendar.app.created',
].map(scope);
export const readEventScopes = [
  ...writeEventScopes,
  ...['calendar.readonly', 'calendar.events.readonly', 'calendar.events.owned.readonly'].map(scope),
];
/** Which scopes let a token call each operation, as in the Calendar, Gmail and Sheets API references. */
export const operationScopes: Record<Exclude<GoogleOperation, 'token'>, readonly string[]> = {
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

export const scopeDescriptions: Record<string, string> = {
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
