import type { RouteImplementation } from '../../shared/http/middleware';
import { callerOf } from '../../shared/networking/access';
import type { networkingRoutes } from '../../shared/networking/contracts';
import { acceptRequest } from '../../shared/networking/requests';

export const acceptConnectionRequestRoute: RouteImplementation<
  typeof networkingRoutes.acceptRequest
> = async ({ principal, params }) => ({
  body: await acceptRequest(callerOf(principal), params.orgId, params.conferenceId, params.userId),
});
