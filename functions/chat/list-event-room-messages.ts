import type { eventRoomRoutes } from '../../shared/chat/event-room-contracts';
import { listEventRoomMessages } from '../../shared/chat/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const listEventRoomMessagesRoute: RouteImplementation<typeof eventRoomRoutes.listMessages> = async ({
  principal,
  params,
  query,
}) => ({
  body: await listEventRoomMessages(principal, params.orgId, params.conferenceId, params.roomId, query),
});
