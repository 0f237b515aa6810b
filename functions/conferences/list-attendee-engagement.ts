import { listEngagement } from '../../shared/conferences/analytics';
import type { analyticsRoutes } from '../../shared/conferences/analytics-contracts';
import type { RouteImplementation } from '../../shared/http/middleware';

export const listAttendeeEngagementRoute: RouteImplementation<
  typeof analyticsRoutes.listEngagement
> = async ({ params, query }) => ({
  body: await listEngagement(params.orgId, params.conferenceId, query.limit, query.cursor),
});
