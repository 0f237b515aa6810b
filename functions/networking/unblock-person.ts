import type { RouteImplementation } from '../../shared/http/middleware';
import { callerOf } from '../../shared/networking/access';
import type { networkingRoutes } from '../../shared/networking/contracts';
import { unblock } from '../../shared/networking/requests';

export const unblockPersonRoute: RouteImplementation<typeof networkingRoutes.unblock> = async ({
  principal,
  params,
}) => {
  await unblock(callerOf(principal), params.orgId, params.conferenceId, params.userId);
  return {};
};
