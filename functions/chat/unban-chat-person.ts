import { unban } from '../../shared/chat/moderation';
import type { moderationRoutes } from '../../shared/chat/moderation-contracts';
import type { RouteImplementation } from '../../shared/http/middleware';

export const unbanChatPersonRoute: RouteImplementation<typeof moderationRoutes.unban> = async ({
  params,
}) => {
  await unban(params.orgId, params.conferenceId, params.userId);
  return {};
};
