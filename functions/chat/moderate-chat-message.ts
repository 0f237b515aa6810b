import { deleteMessage } from '../../shared/chat/moderation';
import type { moderationRoutes } from '../../shared/chat/moderation-contracts';
import type { RouteImplementation } from '../../shared/http/middleware';

export const moderateChatMessageRoute: RouteImplementation<typeof moderationRoutes.deleteMessage> = async ({
  principal,
  params,
}) => {
  await deleteMessage(principal, params.orgId, params.conferenceId, params.roomId, params.messageId);
  return {};
};
