import type { chatRoutes } from '../../shared/chat/contracts';
import { callerOf, removeMember } from '../../shared/chat/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const removeRoomMemberRoute: RouteImplementation<typeof chatRoutes.removeMember> = async ({
  principal,
  params,
}) => {
  await removeMember(callerOf(principal), params.orgId, params.roomId, params.userId);
  return {};
};
