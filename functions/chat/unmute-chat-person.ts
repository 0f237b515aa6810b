import { unmute } from '../../shared/chat/moderation';
import type { moderationRoutes } from '../../shared/chat/moderation-contracts';
import type { RouteImplementation } from '../../shared/http/middleware';

export const unmuteChatPersonRoute: RouteImplementation<typeof moderationRoutes.unmute> = async ({
  params,
  query,
}) => {
  await unmute(params.orgId, params.conferenceId, params.userId, query.roomId);
  return {};
};
