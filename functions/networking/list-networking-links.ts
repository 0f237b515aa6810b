import type { RouteImplementation } from '../../shared/http/middleware';
import { callerOf } from '../../shared/networking/access';
import type { networkingRoutes } from '../../shared/networking/contracts';
import { listLinks } from '../../shared/networking/requests';

export const listNetworkingLinksRoute: RouteImplementation<typeof networkingRoutes.listLinks> = async ({
  principal,
  params,
  query,
}) => ({
  body: await listLinks(callerOf(principal), params.orgId, params.conferenceId, query),
});
