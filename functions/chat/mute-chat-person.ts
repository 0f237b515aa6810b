import { mute } from '../../shared/chat/moderation';
import type { moderationRoutes } from '../../shared/chat/moderation-contracts';
import type { RouteImplementation } from '../../shared/http/middleware';

export const muteChatPersonRoute: RouteImplementation<typeof moderationRoutes.mute> = async ({
  principal,
  params,
  body,
}) => ({ body: await mute(principal, params.orgId, params.conferenceId, body) });
