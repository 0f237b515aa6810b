import type { RouteImplementation } from '../../shared/http/middleware';
import { getWorkspaceView } from '../../shared/workspace/connection';
import type { workspaceRoutes } from '../../shared/workspace/contracts';

export const getGoogleWorkspaceRoute: RouteImplementation<typeof workspaceRoutes.get> = async ({
  params,
}) => ({
  body: await getWorkspaceView(params.orgId),
});
