import type { RouteImplementation } from '../../shared/http/middleware';
import { startAuthorization } from '../../shared/workspace/connection';
import type { workspaceRoutes } from '../../shared/workspace/contracts';

export const authorizeGoogleWorkspaceRoute: RouteImplementation<typeof workspaceRoutes.authorize> = async ({
  principal,
  params,
}) => ({ body: await startAuthorization(principal, params.orgId) });
