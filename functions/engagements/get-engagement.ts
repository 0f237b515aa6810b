import type { engagementRoutes } from '../../shared/engagements/contracts';
import { getEngagement } from '../../shared/engagements/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const getEngagementRoute: RouteImplementation<typeof engagementRoutes.get> = async ({
  params,
  query,
}) => ({
  body: await getEngagement(params.orgId, params.engagementId, query.stalledAfterDays),
});
