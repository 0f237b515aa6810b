import type { RouteImplementation } from '../../shared/http/middleware';
import { callerOf } from '../../shared/networking/access';
import type { networkingRoutes } from '../../shared/networking/contracts';
import { listDirectMessages } from '../../shared/networking/messages';

export const listDirectMessagesRoute: RouteImplementation<
  typeof networkingRoutes.listDirectMessages
> = async ({ principal, params, query }) => ({
  body: await listDirectMessages(
    callerOf(principal),
    params.orgId,
    params.conferenceId,
    params.userId,
    query,
  ),
});
