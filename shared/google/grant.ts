import { logger } from '../observability/logger';
import type { GoogleConfig } from './config';
import { decryptToken, encryptToken } from './token-cipher';

/**
 * A stored Google grant is its refresh token, sealed (KMS in AWS, AES-GCM locally) before it reaches the
 * table. These helpers keep the plaintext inside the function that uses it.
 */

export const sealRefreshToken = (refreshToken: string): Promise<string> => encryptToken(refreshToken);

/**
 * Clients built for a grant (a Calendar client, an authorized OAuth client), one per sealed grant and
 * container: they keep their access token between invocations, so a warm function does not refresh it
 * on every call. A few grants at most (one organization per event, mostly), oldest dropped first.
 */
export const grantClients = <T>(build: (config: GoogleConfig, refreshToken: string) => T, size = 16) => {
  const clients = new Map<string, T>();
  return {
    get: async (config: GoogleConfig, sealed: string): Promise<T> => {
      const cached = clients.get(sealed);
      if (cached) return cached;
      const client = build(config, await decryptToken(sealed));
      clients.set(sealed, client);
      if (clients.size > size) clients.delete(clients.keys().next().value!);
      return client;
    },
    /** Drops one grant's client (revoked, replaced), or every client. */
    forget: (sealed?: string): void => {
      if (sealed === undefined) clients.clear();
      else clients.delete(sealed);
    },
  };
};

/** Revokes a grant at Google as far as Google answers; a failure is logged, not thrown. */
export const revokeGrantQuietly = async (config: GoogleConfig, sealed: string): Promise<void> => {
  try {
    // Loaded here: functions that only use grants through their cache need not load the OAuth client.
    const { revokeToken } = await import('./oauth');
    await revokeToken(config, await decryptToken(sealed));
  } catch (error) {
    logger.warn('Revoking a Google grant failed', { error: error as Error });
  }
};
