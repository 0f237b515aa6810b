import { createHash, randomBytes } from 'node:crypto';
import { offsetAt } from '../../../shared/time/zones';
import { badRequest, GoogleApiError } from './http';
import { accessTokenSeconds, scopePrefix } from './state';

/** Small helpers of the stand-in: JSON, ids, tokens, times and time zones. */

// ---------------------------------------------------------------------------------------------------
// Small helpers: JSON, ids, time zones

export type Json = Record<string, unknown>;

export const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function parseJson(text: string): Json | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

export const readJsonBody = (body: Buffer): Json => {
  const text = body.toString('utf8').trim();
  if (text === '') return {};
  const value = parseJson(text);
  if (!value) throw new GoogleApiError(400, 'Parse Error', 'parseError');
  return value;
};

export const base32hex = '0123456789abcdefghijklmnopqrstuv';
/** Event ids as Google makes them: base32hex, 26 characters. */
export const newEventId = () => [...randomBytes(26)].map((byte) => base32hex[byte & 31]).join('');
export const validEventId = /^[a-v0-9]{5,1024}$/;

export const secret = (prefix: string) => `${prefix}${randomBytes(24).toString('base64url')}`;
export const mask = (token: string) => `${token.slice(0, 11)}…${token.slice(-4)}`;

export const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');

export const isAddress = (value: string) => /^[^\s@<>"]+@[^\s@<>"]+\.[^\s@<>"]+$/.test(value);

/**
 * An OpenID Connect ID token for `openid` grants: Google's claims, unsigned (`alg: none`). Clients that
 * take it straight from the token endpoint read it without checking a signature, as Portico does.
 */
export const idToken = (account: string, clientId: string, scope: string, now: number) => {
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

export const encodeToken = (value: Json) => Buffer.from(JSON.stringify(value)).toString('base64url');
export const decodeToken = (token: string): Json | undefined =>
  parseJson(Buffer.from(token, 'base64url').toString('utf8'));

export const iso = (ms: number) => new Date(ms).toISOString();
/** Free/busy blocks come without milliseconds, as Google writes them. */
export const isoSeconds = (ms: number) => iso(ms).replace(/\.\d{3}Z$/, 'Z');

export const isTimeZone = (timeZone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
};

/** How far the zone's wall clock is ahead of UTC at an instant. */
export const zoneOffsetMs = offsetAt;

/** The instant of a wall-clock time (`YYYY-MM-DDTHH:mm[:ss[.sss]]`) in a zone. */
export const zonedInstant = (wall: string, timeZone: string): number => {
  const asUtc = Date.parse(`${wall}Z`);
  const first = asUtc - zoneOffsetMs(asUtc, timeZone);
  return asUtc - zoneOffsetMs(first, timeZone);
};

/** RFC 3339 in a zone's offset, as Google renders event times (`2025-03-04T10:00:00+01:00`). */
export const formatInZone = (instant: number, timeZone: string): string => {
  const offset = zoneOffsetMs(instant, timeZone);
  const wall = new Date(instant + offset).toISOString().slice(0, 19);
  if (offset === 0 && timeZone === 'UTC') return `${wall}Z`;
  const minutes = Math.abs(offset) / 60_000;
  const pad = (n: number) => String(Math.floor(n)).padStart(2, '0');
  return `${wall}${offset < 0 ? '-' : '+'}${pad(minutes / 60)}:${pad(minutes % 60)}`;
};

export const rfc3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:\d{2})?$/i;

/** An RFC 3339 timestamp; one without an offset is read in `timeZone`, or refused without one. */
export const parseDateTime = (value: string, timeZone?: string): number | undefined => {
  const match = rfc3339.exec(value);
  if (!match) return undefined;
  const instant = match[2] ? Date.parse(value) : timeZone ? zonedInstant(match[1]!, timeZone) : Number.NaN;
  return Number.isFinite(instant) ? instant : undefined;
};

/** `timeMin` / `timeMax` style parameters: an offset is required. */
export const parseInstantParam = (name: string, value: string | null): number | undefined => {
  if (value === null) return undefined;
  const match = rfc3339.exec(value);
  const instant = match?.[2] ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(instant)) throw badRequest(`Invalid value for ${name}: ${value}`);
  return instant;
};
