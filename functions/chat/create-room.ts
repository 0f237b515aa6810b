import type { chatRoutes } from '../../shared/chat/contracts';
import { callerOf, createRoom } from '../../shared/chat/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const createRoomRoute: RouteImplementation<typeof chatRoutes.createRoom> = async ({
  principal,
  params,
  body,
}) => ({ body: await createRoom(callerOf(principal), params.orgId, body) });
