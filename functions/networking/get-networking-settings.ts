import type { RouteImplementation } from '../../shared/http/middleware';
import { callerOf } from '../../shared/networking/access';
import type { networkingRoutes } from '../../shared/networking/contracts';
import { getSettings } from '../../shared/networking/service';

export const getNetworkingSettingsRoute: RouteImplementation<typeof networkingRoutes.getSettings> = async ({
  principal,
  params,
}) => ({
  body: await getSettings(callerOf(principal), params.orgId, params.conferenceId),
});
