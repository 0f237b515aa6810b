import type { automationRoutes } from '../../shared/automations/contracts';
import { listAllRuns } from '../../shared/automations/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const listAllRunsRoute: RouteImplementation<typeof automationRoutes.listAllRuns> = async ({
  query,
}) => ({
  body: await listAllRuns(query),
});
