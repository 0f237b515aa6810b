import type { eventRoomRoutes } from '../../shared/chat/event-room-contracts';
import { removeEventRoomMember } from '../../shared/chat/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const removeEventRoomMemberRoute: RouteImplementation<typeof eventRoomRoutes.removeMember> = async ({
  principal,
  params,
}) => {
  await removeEventRoomMember(principal, params.orgId, params.conferenceId, params.roomId, params.userId);
  return {};
};
