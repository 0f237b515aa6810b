import { listRestrictions } from '../../shared/chat/moderation';
import type { moderationRoutes } from '../../shared/chat/moderation-contracts';
import type { RouteImplementation } from '../../shared/http/middleware';

export const listChatRestrictionsRoute: RouteImplementation<
  typeof moderationRoutes.listRestrictions
> = async ({ params }) => ({ body: await listRestrictions(params.orgId, params.conferenceId) });
