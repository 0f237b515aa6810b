import type { engagementRoutes } from '../../shared/engagements/contracts';
import { createEngagement } from '../../shared/engagements/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const createEngagementRoute: RouteImplementation<typeof engagementRoutes.create> = async ({
  principal,
  params,
  body,
}) => ({
  body: await createEngagement(principal, params.orgId, body),
});
