import type { chatRoutes } from '../../shared/chat/contracts';
import { callerOf, getRoom } from '../../shared/chat/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const getRoomRoute: RouteImplementation<typeof chatRoutes.getRoom> = async ({
  principal,
  params,
}) => ({
  body: await getRoom(callerOf(principal), params.orgId, params.roomId),
});
