import type { RouteImplementation } from '../../shared/http/middleware';
import { callerOf } from '../../shared/networking/access';
import type { networkingRoutes } from '../../shared/networking/contracts';
import { block } from '../../shared/networking/requests';

export const blockPersonRoute: RouteImplementation<typeof networkingRoutes.block> = async ({
  principal,
  params,
  body,
}) => {
  await block(callerOf(principal), params.orgId, params.conferenceId, body.userId);
  return {};
};
