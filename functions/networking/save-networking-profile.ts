import type { RouteImplementation } from '../../shared/http/middleware';
import { callerOf } from '../../shared/networking/access';
import type { networkingRoutes } from '../../shared/networking/contracts';
import { saveProfile } from '../../shared/networking/service';

export const saveNetworkingProfileRoute: RouteImplementation<typeof networkingRoutes.saveProfile> = async ({
  principal,
  params,
  body,
}) => ({
  body: await saveProfile(callerOf(principal), params.orgId, params.conferenceId, body),
});
