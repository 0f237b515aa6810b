import type { chatRoutes } from '../../shared/chat/contracts';
import { callerOf, listMembers } from '../../shared/chat/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const listRoomMembersRoute: RouteImplementation<typeof chatRoutes.listMembers> = async ({
  principal,
  params,
  query,
}) => ({ body: await listMembers(callerOf(principal), params.orgId, params.roomId, query) });
