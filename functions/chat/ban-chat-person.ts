import { ban } from '../../shared/chat/moderation';
import type { moderationRoutes } from '../../shared/chat/moderation-contracts';
import type { RouteImplementation } from '../../shared/http/middleware';

export const banChatPersonRoute: RouteImplementation<typeof moderationRoutes.ban> = async ({
  principal,
  params,
  body,
}) => ({ body: await ban(principal, params.orgId, params.conferenceId, params.userId, body.reason) });
