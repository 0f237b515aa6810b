import type { RouteImplementation } from '../../shared/http/middleware';
import { disconnect } from '../../shared/workspace/connection';
import type { workspaceRoutes } from '../../shared/workspace/contracts';

export const disconnectGoogleWorkspaceRoute: RouteImplementation<typeof workspaceRoutes.disconnect> = async ({
  params,
}) => {
  await disconnect(params.orgId);
  return {};
};
