import { getAnalytics } from '../../shared/conferences/analytics';
import type { analyticsRoutes } from '../../shared/conferences/analytics-contracts';
import type { RouteImplementation } from '../../shared/http/middleware';

export const getConferenceAnalyticsRoute: RouteImplementation<typeof analyticsRoutes.getAnalytics> = async ({
  params,
}) => ({
  body: await getAnalytics(params.orgId, params.conferenceId),
});
