import type { RouteImplementation } from '../../shared/http/middleware';
import { callerOf } from '../../shared/networking/access';
import type { networkingRoutes } from '../../shared/networking/contracts';
import { getPerson } from '../../shared/networking/service';

export const getNetworkingPersonRoute: RouteImplementation<typeof networkingRoutes.getPerson> = async ({
  principal,
  params,
}) => ({
  body: await getPerson(callerOf(principal), params.orgId, params.conferenceId, params.userId),
});
