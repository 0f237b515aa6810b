import type { chatRoutes } from '../../shared/chat/contracts';
import { addMember, callerOf } from '../../shared/chat/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const addRoomMemberRoute: RouteImplementation<typeof chatRoutes.addMember> = async ({
  principal,
  params,
  body,
}) => ({ body: await addMember(callerOf(principal), params.orgId, params.roomId, body.userId) });
