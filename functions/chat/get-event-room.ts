import type { eventRoomRoutes } from '../../shared/chat/event-room-contracts';
import { getEventRoom } from '../../shared/chat/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const getEventRoomRoute: RouteImplementation<typeof eventRoomRoutes.getRoom> = async ({
  principal,
  params,
}) => ({ body: await getEventRoom(principal, params.orgId, params.conferenceId, params.roomId) });
