import type { eventRoomRoutes } from '../../shared/chat/event-room-contracts';
import { listEventRooms } from '../../shared/chat/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const listEventRoomsRoute: RouteImplementation<typeof eventRoomRoutes.listRooms> = async ({
  principal,
  params,
  query,
}) => ({ body: await listEventRooms(principal, params.orgId, params.conferenceId, query) });
