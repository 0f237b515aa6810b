import type { eventRoomRoutes } from '../../shared/chat/event-room-contracts';
import { createEventPrivateRoom } from '../../shared/chat/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const createEventPrivateRoomRoute: RouteImplementation<
  typeof eventRoomRoutes.createPrivateRoom
> = async ({ principal, params, body }) => ({
  body: await createEventPrivateRoom(principal, params.orgId, params.conferenceId, body),
});
