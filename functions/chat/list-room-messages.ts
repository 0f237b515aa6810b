import type { chatRoutes } from '../../shared/chat/contracts';
import { callerOf, listMessages } from '../../shared/chat/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const listRoomMessagesRoute: RouteImplementation<typeof chatRoutes.listMessages> = async ({
  principal,
  params,
  query,
}) => ({ body: await listMessages(callerOf(principal), params.orgId, params.roomId, query) });
