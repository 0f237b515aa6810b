import type { engagementRoutes } from '../../shared/engagements/contracts';
import { listVersions } from '../../shared/engagements/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const listEngagementVersionsRoute: RouteImplementation<typeof engagementRoutes.versions> = async ({
  params,
  query,
}) => ({
  body: await listVersions(params.orgId, params.engagementId, query.limit, query.cursor),
});
