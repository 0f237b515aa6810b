import { exportNetworkingStats } from '../../shared/chat/stats';
import type { chatStatsRoutes } from '../../shared/chat/stats-contracts';
import { csvHeaders } from '../../shared/conferences';
import type { RouteImplementation } from '../../shared/http/middleware';

export const exportNetworkingAnalyticsRoute: RouteImplementation<
  typeof chatStatsRoutes.exportNetworking
> = async ({ params, query }) => {
  const { csv, fileName } = await exportNetworkingStats(params.orgId, params.conferenceId, query.table);
  return { body: csv, headers: csvHeaders(fileName, false, null) };
};
