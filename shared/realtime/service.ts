import type { Principal } from '../auth/policy';
import { newOpaqueToken } from '../auth/tokens';
import { ttlIn } from '../db/ttl';
import { putTicket } from './repository';

export const ticketLifetimeSeconds = 60;

/**
 * A WebSocket URL ends up in logs and browser history, so it carries a single-use ticket that lives a
 * minute, never the access token (OWASP ASVS 14.2.1).
 */
export const createTicket = async (principal: Principal) => {
  const { token, hash } = newOpaqueToken();
  await putTicket(hash, {
    userId: principal.userId,
    orgId: principal.orgId,
    ttl: ttlIn(ticketLifetimeSeconds),
  });
  return { ticket: token, expiresIn: ticketLifetimeSeconds };
};
