import { decideReport } from '../../shared/chat/moderation';
import type { moderationRoutes } from '../../shared/chat/moderation-contracts';
import type { RouteImplementation } from '../../shared/http/middleware';

export const decideChatReportRoute: RouteImplementation<typeof moderationRoutes.decideReport> = async ({
  principal,
  params,
  body,
}) => ({
  body: await decideReport(principal, params.orgId, params.conferenceId, params.reportId, body.decision),
});
