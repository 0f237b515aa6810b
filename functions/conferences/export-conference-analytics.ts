import { exportAnalytics } from '../../shared/conferences/analytics';
import type { analyticsRoutes } from '../../shared/conferences/analytics-contracts';
import { csvHeaders } from '../../shared/conferences/csv-reply';
import type { RouteImplementation } from '../../shared/http/middleware';

export const exportConferenceAnalyticsRoute: RouteImplementation<
  typeof analyticsRoutes.exportAnalytics
> = async ({ params, query }) => {
  const { csv, fileName, nextCursor } = await exportAnalytics(params.orgId, params.conferenceId, query);
  return { body: csv, headers: csvHeaders(fileName, Boolean(query.cursor), nextCursor) };
};
