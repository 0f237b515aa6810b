import { getNetworkingStats } from '../../shared/chat/stats';
import type { chatStatsRoutes } from '../../shared/chat/stats-contracts';
import type { RouteImplementation } from '../../shared/http/middleware';

export const getNetworkingAnalyticsRoute: RouteImplementation<typeof chatStatsRoutes.getNetworking> = async ({
  params,
}) => ({ body: await getNetworkingStats(params.orgId, params.conferenceId) });
