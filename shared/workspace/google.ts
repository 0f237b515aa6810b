import { type GoogleConfig, googleConfig } from '../google/config';
import { GoogleAccessRevokedError } from '../google/errors';
import { grantClients } from '../google/grant';
import type { WorkspaceClient } from '../google/workspace';
import { logger } from '../observability/logger';
import { notifyWorkspaceRevoked } from './notifications';
import type { WorkspaceConnectionItem } from './repository';
import * as repository from './repository';

/**
 * Gmail and Sheets for one organization, while its grant holds. When Google refuses the grant
 * (`invalid_grant`, or a 401 after a refresh), the connection turns `revoked` — once, whoever notices
 * first — its owners get one email, and the caller gets a {@link WorkspaceRevokedError} to fall back on.
 */

/** Google refused the organization's grant; the connection is now `revoked`. */
export class WorkspaceRevokedError extends Error {
  constructor(readonly account: string) {
    super(`Google revoked the access to ${account}`);
    this.name = 'WorkspaceRevokedError';
  }
}

/** A connection that can be used: connected, in a deployment with a Google OAuth client. */
export interface Workspace {
  readonly config: GoogleConfig;
  readonly connection: WorkspaceConnectionItem;
}

// One client per grant and container: a warm function keeps the access token between invocations. The
// OAuth client's modules load with the first one: most automation invocations never need them.
const clients = grantClients(async (config, refreshToken) =>
  (await import('../google/workspace')).connectWorkspace(config, refreshToken),
);

/** The organization's usable connection, or undefined (never connected, disconnected, revoked). */
export const loadWorkspace = async (orgId: string): Promise<Workspace | undefined> => {
  const connection = await repository.getConnection(orgId);
  if (connection?.status !== 'connected') return undefined;
  const config = await googleConfig();
  return config ? { config, connection } : undefined;
};

/** Runs Gmail / Sheets work with the organization's grant; other Google errors pass through as they are. */
export const withWorkspace = async <T>(
  workspace: Workspace,
  work: (client: WorkspaceClient) => Promise<T>,
): Promise<T> => {
  const { config, connection } = workspace;
  const client = await clients.get(config, connection.sealedRefreshToken);
  try {
    return await work(client);
  } catch (error) {
    if (!(error instanceof GoogleAccessRevokedError)) throw error;
    await recordRevoked(connection);
    throw new WorkspaceRevokedError(connection.account);
  }
};

const recordRevoked = async (connection: WorkspaceConnectionItem) => {
  clients.forget(connection.sealedRefreshToken);
  const at = new Date().toISOString();
  if (!(await repository.markRevoked(connection.orgId, connection.sealedRefreshToken, at))) return;
  logger.warn('Google revoked an organization grant; its mail goes through SES', { orgId: connection.orgId });
  try {
    await notifyWorkspaceRevoked(connection);
  } catch (error) {
    // The flip is what matters: mail already falls back to SES, and the dashboard shows the state in red.
    logger.error('Telling the owners about a revoked Google grant failed', { error: error as Error });
  }
};

/** Drops the container's client of a grant that was replaced or disconnected. */
export const forgetWorkspaceClient = (sealedRefreshToken: string): void => clients.forget(sealedRefreshToken);
