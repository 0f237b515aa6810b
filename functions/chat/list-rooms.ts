import type { chatRoutes } from '../../shared/chat/contracts';
import { callerOf, listRooms } from '../../shared/chat/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const listRoomsRoute: RouteImplementation<typeof chatRoutes.listRooms> = async ({
  principal,
  params,
  query,
}) => ({ body: await listRooms(callerOf(principal), params.orgId, query) });
