import { recordAttendance } from '../../shared/conferences/analytics';
import type { analyticsRoutes } from '../../shared/conferences/analytics-contracts';
import type { RouteImplementation } from '../../shared/http/middleware';

export const recordAttendanceRoute: RouteImplementation<typeof analyticsRoutes.recordAttendance> = async ({
  principal,
  params,
  body,
}) => ({
  body: await recordAttendance(principal, params.orgId, params.conferenceId, params.itemId, body.kind),
});
