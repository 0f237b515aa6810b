import type { RouteImplementation } from '../../shared/http/middleware';
import { callerOf } from '../../shared/networking/access';
import type { networkingRoutes } from '../../shared/networking/contracts';
import { saveSettings } from '../../shared/networking/service';

export const saveNetworkingSettingsRoute: RouteImplementation<typeof networkingRoutes.saveSettings> = async ({
  principal,
  params,
  body,
}) => ({
  body: await saveSettings(callerOf(principal), params.orgId, params.conferenceId, body),
});
