import type { Principal } from '../auth/policy';
import * as booking from '../booking';
import { appLink } from '../email/links';
import { type GoogleConfig, googleConfig } from '../google/config';
import { GoogleAccessRevokedError, GoogleUnavailableError } from '../google/errors';
import { revokeGrantQuietly, sealRefreshToken } from '../google/grant';
import { exchangeCode } from '../google/oauth';
import { redeemConsent, startConsent } from '../google/oauth-state';
import { requiredWorkspaceScopes, workspaceScopes } from '../google/workspace';
import { BadRequestError, GoogleWorkspaceUnavailableError, NotFoundError } from '../http/errors';
import { logger } from '../observability/logger';
import { getOrganization } from '../organizations';
import type { WorkspaceConnectionView } from './contracts';
import { forgetWorkspaceClient } from './google';
import type { WorkspaceConnectionItem } from './repository';
import * as repository from './repository';

/**
 * Connecting an organization's Google Workspace: consent (authorization code + PKCE; the state bound to
 * the person who started it and to the organization, single use), the sealed refresh token under the
 * organization's keys, and disconnecting.
 */

/**
 * Google sends the user back to the dashboard, which hands code and state on to the API. One fixed
 * address for every organization (Google wants each redirect URI registered); the organization is in the
 * API path the page calls, and the state only works for that organization.
 */
export const redirectUri = appLink('googleWorkspaceCallback');

export const toWorkspaceView = (
  orgId: string,
  config: GoogleConfig | null,
  connection: WorkspaceConnectionItem | undefined,
): WorkspaceConnectionView => ({
  orgId,
  status: !config ? 'not-configured' : (connection?.status ?? 'not-connected'),
  account: connection?.account ?? null,
  connectedAt: connection?.connectedAt ?? null,
  connectedBy: connection?.connectedByName ?? null,
  revokedAt: connection?.revokedAt ?? null,
  standIn: config?.standIn ?? false,
});

export const getWorkspaceView = async (orgId: string): Promise<WorkspaceConnectionView> => {
  const [config, connection] = await Promise.all([googleConfig(), repository.getConnection(orgId)]);
  return toWorkspaceView(orgId, config, connection);
};

const requireConfig = async () => {
  const config = await googleConfig();
  if (!config)
    throw new GoogleWorkspaceUnavailableError(
      'Google is not set up for this deployment: the agency must put its OAuth client into the deployment’s secret first.',
    );
  return config;
};

export const startAuthorization = async (principal: Principal, orgId: string) => {
  const [config, organization] = await Promise.all([requireConfig(), getOrganization(orgId)]);
  // Operator admins reach any organization id: one that does not exist is not found, as for everyone.
  if (!organization) throw new NotFoundError();
  return startConsent(config, {
    redirectUri,
    scopes: workspaceScopes,
    binding: { userId: principal.userId, orgId },
    stateKey: repository.consentStateKey(orgId),
  });
};

/** For the consent flow: a refused code means "start again"; Google not answering means "try later". */
const explain = async <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    if (error instanceof GoogleAccessRevokedError)
      throw new BadRequestError('Google did not accept the authorization. Please start again.');
    if (error instanceof GoogleUnavailableError) {
      logger.warn('Google did not answer the code exchange', { error });
      throw new GoogleWorkspaceUnavailableError(
        'Google did not answer in time. Nothing was changed; please connect again in a minute.',
      );
    }
    throw error;
  }
};

export const completeAuthorization = async (
  principal: Principal,
  orgId: string,
  input: { code: string; state: string },
): Promise<WorkspaceConnectionView> => {
  const config = await requireConfig();
  const state = await redeemConsent(repository.consentStateKey(orgId), input.state, {
    userId: principal.userId,
    orgId,
  });
  // Expired, replayed, started by someone else or for another organization: nothing is connected.
  if (!state)
    throw new BadRequestError(
      'This authorization has expired, was used already, or was started by someone else or for another organization. Please start again.',
    );
  const tokens = await explain(() => exchangeCode(config, state.redirectUri, input.code, state.codeVerifier));
  if (!tokens.refreshToken)
    throw new BadRequestError(
      'Google sent no refresh token. Remove Portico under your Google account access and try again.',
    );
  if (!requiredWorkspaceScopes.every((scope) => tokens.scopes.includes(scope)))
    throw new BadRequestError(
      'Portico needs both permissions: sending email with Gmail and editing Google Sheets. Please allow both on the consent screen.',
    );
  if (!tokens.email)
    throw new BadRequestError('Google did not tell which account was connected. Please start again.');
  const previous = await repository.getConnection(orgId);
  const connection: WorkspaceConnectionItem = {
    orgId,
    status: 'connected',
    account: tokens.email,
    sealedRefreshToken: await sealRefreshToken(tokens.refreshToken),
    scopes: tokens.scopes,
    connectedAt: new Date().toISOString(),
    connectedBy: principal.userId,
    connectedByName: principal.name,
    revokedAt: null,
  };
  await repository.putConnection(connection);
  if (previous) {
    forgetWorkspaceClient(previous.sealedRefreshToken);
    // Google revokes a whole grant (account and client), not one token: the same account's new grant
    // would go with the old one.
    if (previous.status === 'connected' && previous.account !== connection.account)
      await revokeAtGoogle(config, previous);
  }
  return toWorkspaceView(orgId, config, connection);
};

/**
 * Revokes the grant at Google unless the same Google account also backs the operator's booking calendar
 * (one account, one OAuth client, one grant at Google: revoking it would pause booking too).
 */
const revokeAtGoogle = async (config: GoogleConfig, connection: WorkspaceConnectionItem) => {
  const calendar = await booking.getConnection();
  if (
    calendar?.status === 'connected' &&
    calendar.account?.toLowerCase() === connection.account.toLowerCase()
  )
    return;
  await revokeGrantQuietly(config, connection.sealedRefreshToken);
};

/** Forgets the grant here and, as far as Google answers, there too. */
export const disconnect = async (orgId: string): Promise<void> => {
  const connection = await repository.getConnection(orgId);
  if (!connection) return;
  const config = await googleConfig();
  if (config && connection.status === 'connected') await revokeAtGoogle(config, connection);
  await repository.deleteConnection(orgId);
  forgetWorkspaceClient(connection.sealedRefreshToken);
};
