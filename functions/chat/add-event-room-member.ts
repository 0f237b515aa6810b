import type { eventRoomRoutes } from '../../shared/chat/event-room-contracts';
import { addEventRoomMember } from '../../shared/chat/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const addEventRoomMemberRoute: RouteImplementation<typeof eventRoomRoutes.addMember> = async ({
  principal,
  params,
  body,
}) => ({
  body: await addEventRoomMember(principal, params.orgId, params.conferenceId, params.roomId, body.userId),
});
