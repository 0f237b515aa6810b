import type { RouteImplementation } from '../../shared/http/middleware';
import { completeAuthorization } from '../../shared/workspace/connection';
import type { workspaceRoutes } from '../../shared/workspace/contracts';

export const completeGoogleWorkspaceAuthorizationRoute: RouteImplementation<
  typeof workspaceRoutes.completeAuthorization
> = async ({ principal, params, body }) => ({
  body: await completeAuthorization(principal, params.orgId, body),
});
