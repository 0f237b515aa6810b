import type { engagementRoutes } from '../../shared/engagements/contracts';
import { updateMarkerSettings } from '../../shared/engagements/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const updateEngagementMarkersRoute: RouteImplementation<
  typeof engagementRoutes.updateMarkerSettings
> = async ({ principal, params, body }) => ({
  body: await updateMarkerSettings(principal, params.orgId, body),
});
