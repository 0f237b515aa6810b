import type { RouteImplementation } from '../../shared/http/middleware';
import { callerOf } from '../../shared/networking/access';
import type { networkingRoutes } from '../../shared/networking/contracts';
import { withdrawRequest } from '../../shared/networking/requests';

export const withdrawConnectionRequestRoute: RouteImplementation<
  typeof networkingRoutes.withdrawRequest
> = async ({ principal, params }) => {
  await withdrawRequest(callerOf(principal), params.orgId, params.conferenceId, params.userId);
  return {};
};
