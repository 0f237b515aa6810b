import type { RouteImplementation } from '../../shared/http/middleware';
import { callerOf } from '../../shared/networking/access';
import type { networkingRoutes } from '../../shared/networking/contracts';
import { listConversations } from '../../shared/networking/messages';

export const listConversationsRoute: RouteImplementation<typeof networkingRoutes.listConversations> = async ({
  principal,
  params,
  query,
}) => ({
  body: await listConversations(callerOf(principal), params.orgId, params.conferenceId, query),
});
