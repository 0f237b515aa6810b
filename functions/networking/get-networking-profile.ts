import type { RouteImplementation } from '../../shared/http/middleware';
import { callerOf } from '../../shared/networking/access';
import type { networkingRoutes } from '../../shared/networking/contracts';
import { getProfile } from '../../shared/networking/service';

export const getNetworkingProfileRoute: RouteImplementation<typeof networkingRoutes.getProfile> = async ({
  principal,
  params,
}) => ({
  body: await getProfile(callerOf(principal), params.orgId, params.conferenceId),
});
