import type { engagementRoutes } from '../../shared/engagements/contracts';
import { diffVersions } from '../../shared/engagements/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const diffEngagementVersionsRoute: RouteImplementation<typeof engagementRoutes.diff> = async ({
  params,
  query,
}) => ({
  body: await diffVersions(params.orgId, params.engagementId, query.from, query.to),
});
