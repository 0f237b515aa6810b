import { workspaceRoutes } from '../../../shared/workspace/contracts';
import { ApiError, call, errorMessage } from './api';

/**
 * An organization's Google Workspace connection in the browser. Google sends everyone back to one address
 * (`/google-workspace/callback`), so the organization a consent is for waits in this tab's session storage
 * meanwhile; the API only finishes a consent for the organization, and the person, that started it.
 */

const pendingKey = 'portico.google-workspace.org';

/** Sends the browser to Google's consent screen (locally: the stand-in's); resolves only on failure. */
export const startWorkspaceAuthorization = async (orgId: string): Promise<void> => {
  const { authorizationUrl } = await call(workspaceRoutes.authorize, { params: { orgId } });
  sessionStorage.setItem(pendingKey, orgId);
  window.location.assign(authorizationUrl);
};

/** The organization whose consent this tab started, read once. */
export const takePendingWorkspaceOrg = (): string | null => {
  const orgId = sessionStorage.getItem(pendingKey);
  sessionStorage.removeItem(pendingKey);
  return orgId;
};

/** Like `errorMessage`, but keeps the API's own words when Google is not set up or not answering. */
export const workspaceErrorMessage = (error: unknown): string =>
  error instanceof ApiError && error.problemType === 'google-workspace-unavailable' && error.detail
    ? error.detail
    : errorMessage(error);
