import { UnauthorizedError } from '../http/errors';
import { getUser, getUserWithConferenceRole, type UserItem } from '../identity';
import type { ConferenceRole, Principal } from './policy';
import { verifyAccessToken } from './tokens';

/** The conference a `conference-*` route names, so the caller's role in it is read with the user. */
export interface ConferenceScope {
  readonly orgId: string;
  readonly conferenceId: string;
}

/**
 * Turns an `Authorization: Bearer` header into a principal, or throws 401. The user is read on every
 * request, so a deactivation or "sign out everywhere" takes effect at once, not when tokens expire. On a
 * conference route the caller's roster entry comes in the same batch read: still one round trip.
 */
export const authenticate = async (
  authorization: string | undefined,
  conference?: ConferenceScope,
): Promise<Principal> => {
  // The scheme is case-insensitive (RFC 9110 §11.1); the token itself is not.
  const match = /^Bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*)$/i.exec(authorization ?? '');
  if (!match) throw new UnauthorizedError('Sign in to continue');
  const claims = await verifyAccessToken(match[1]!);
  if (!claims) throw new UnauthorizedError('Your session is not valid; sign in again');
  let user: UserItem | undefined;
  let conferenceRole: ConferenceRole | undefined;
  if (conference) {
    const found = await getUserWithConferenceRole(claims.userId, conference.orgId, conference.conferenceId);
    user = found.user;
    conferenceRole = found.conferenceRole as ConferenceRole | undefined;
  } else {
    user = await getUser(claims.userId);
  }
  if (user?.status !== 'active' || user.tokenVersion !== claims.tokenVersion)
    throw new UnauthorizedError('Your session has ended; sign in again');
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    orgId: user.orgId,
    ...(conferenceRole ? { conferenceRole } : {}),
  };
};
