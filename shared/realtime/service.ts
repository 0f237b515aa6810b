import type { Principal } from '../auth/policy';
import { hashOpaqueToken, newOpaqueToken } from '../auth/tokens';
import { ttlIn } from '../db/ttl';
import type { PresenceStatus } from './contracts';
import {
  type ConnectionItem,
  consumeTicket,
  putConnection,
  putTicket,
  recordHeartbeat,
  removeConnection,
} from './repository';

export const ticketLifetimeSeconds = 60;

/** API Gateway closes every connection after two hours; its item lives as long, then reads ignore it. */
export const connectionLifetimeSeconds = 2 * 60 * 60;

/**
 * A WebSocket URL ends up in logs and browser history, so it carries a single-use ticket that lives a
 * minute, never the access token (OWASP ASVS 14.2.1).
 */
export const createTicket = async (principal: Principal) => {
  const { token, hash } = newOpaqueToken();
  await putTicket(hash, {
    userId: principal.userId,
    orgId: principal.orgId,
    name: principal.name,
    ttl: ttlIn(ticketLifetimeSeconds),
  });
  return { ticket: token, expiresIn: ticketLifetimeSeconds };
};

/** Redeems a ticket for a connection item; false for a missing, used or expired ticket. */
export const openConnection = async (connectionId: string, ticket: string | undefined): Promise<boolean> => {
  const claims = ticket && ticket.length < 200 ? await consumeTicket(hashOpaqueToken(ticket)) : undefined;
  if (!claims) return false;
  await putConnection({
    connectionId,
    userId: claims.userId,
    orgId: claims.orgId,
    name: claims.name ?? '',
    connectedAt: new Date().toISOString(),
    ttl: ttlIn(connectionLifetimeSeconds),
  });
  return true;
};

/** Best-effort: a connection that vanishes without `$disconnect` is removed on its first 410. */
export const closeConnectionItems = (connectionId: string) => removeConnection(connectionId);

export const heartbeat = (connection: ConnectionItem, status: PresenceStatus) =>
  recordHeartbeat(connection, status);
