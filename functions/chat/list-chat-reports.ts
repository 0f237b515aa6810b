import { listReports } from '../../shared/chat/moderation';
import type { moderationRoutes } from '../../shared/chat/moderation-contracts';
import type { RouteImplementation } from '../../shared/http/middleware';

export const listChatReportsRoute: RouteImplementation<typeof moderationRoutes.listReports> = async ({
  params,
  query,
}) => ({ body: await listReports(params.orgId, params.conferenceId, query) });
