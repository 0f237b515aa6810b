import type { automationRoutes } from '../../shared/automations/contracts';
import { listRuns } from '../../shared/automations/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const listRunsRoute: RouteImplementation<typeof automationRoutes.listRuns> = async ({
  params,
  query,
}) => ({
  body: await listRuns(params.orgId, query),
});
