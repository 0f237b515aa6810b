import type { RouteImplementation } from '../../shared/http/middleware';
import { callerOf } from '../../shared/networking/access';
import type { networkingRoutes } from '../../shared/networking/contracts';
import { declineRequest } from '../../shared/networking/requests';

export const declineConnectionRequestRoute: RouteImplementation<
  typeof networkingRoutes.declineRequest
> = async ({ principal, params }) => {
  await declineRequest(callerOf(principal), params.orgId, params.conferenceId, params.userId);
  return {};
};
