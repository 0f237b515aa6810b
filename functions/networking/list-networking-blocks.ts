import type { RouteImplementation } from '../../shared/http/middleware';
import { callerOf } from '../../shared/networking/access';
import type { networkingRoutes } from '../../shared/networking/contracts';
import { listBlocks } from '../../shared/networking/requests';

export const listNetworkingBlocksRoute: RouteImplementation<typeof networkingRoutes.listBlocks> = async ({
  principal,
  params,
  query,
}) => ({
  body: await listBlocks(callerOf(principal), params.orgId, params.conferenceId, query),
});
