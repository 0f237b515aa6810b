import type { eventRoomRoutes } from '../../shared/chat/event-room-contracts';
import { listEventRoomMembers } from '../../shared/chat/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const listEventRoomMembersRoute: RouteImplementation<typeof eventRoomRoutes.listMembers> = async ({
  principal,
  params,
  query,
}) => ({
  body: await listEventRoomMembers(principal, params.orgId, params.conferenceId, params.roomId, query),
});
