import type { RouteImplementation } from '../../shared/http/middleware';
import { callerOf } from '../../shared/networking/access';
import type { networkingRoutes } from '../../shared/networking/contracts';
import { sendRequest } from '../../shared/networking/requests';

export const sendConnectionRequestRoute: RouteImplementation<typeof networkingRoutes.sendRequest> = async ({
  principal,
  params,
  body,
}) => ({
  body: await sendRequest(callerOf(principal), params.orgId, params.conferenceId, body),
});
