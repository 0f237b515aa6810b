import { setSlowMode } from '../../shared/chat/moderation';
import type { moderationRoutes } from '../../shared/chat/moderation-contracts';
import type { RouteImplementation } from '../../shared/http/middleware';

export const setChatSlowModeRoute: RouteImplementation<typeof moderationRoutes.setSlowMode> = async ({
  principal,
  params,
  body,
}) => ({
  body: await setSlowMode(principal, params.orgId, params.conferenceId, params.roomId, body.seconds),
});
