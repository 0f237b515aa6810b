import type { RouteImplementation } from '../../shared/http/middleware';
import { callerOf } from '../../shared/networking/access';
import type { networkingRoutes } from '../../shared/networking/contracts';
import { listDirectory } from '../../shared/networking/service';

export const listNetworkingDirectoryRoute: RouteImplementation<typeof networkingRoutes.directory> = async ({
  principal,
  params,
  query,
}) => ({
  body: await listDirectory(callerOf(principal), params.orgId, params.conferenceId, query),
});
