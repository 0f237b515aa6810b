import type { engagementRoutes } from '../../shared/engagements/contracts';
import { replaceContent } from '../../shared/engagements/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const replaceEngagementContentRoute: RouteImplementation<
  typeof engagementRoutes.replaceContent
> = async ({ principal, params, body }) => ({
  body: await replaceContent(principal, params.orgId, params.engagementId, body),
});
