import type { RouteImplementation } from '../../shared/http/middleware';
import type { organizationRoutes } from '../../shared/organizations/contracts';
import { listActivity } from '../../shared/organizations/service';

export const listActivityRoute: RouteImplementation<typeof organizationRoutes.listActivity> = async ({
  params,
  query,
}) => ({
  body: await listActivity(params.orgId, query.limit, query.cursor),
});
