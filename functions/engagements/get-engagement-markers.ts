import type { engagementRoutes } from '../../shared/engagements/contracts';
import { getMarkerSettings } from '../../shared/engagements/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const getEngagementMarkersRoute: RouteImplementation<typeof engagementRoutes.markerSettings> = async ({
  params,
}) => ({
  body: await getMarkerSettings(params.orgId),
});
