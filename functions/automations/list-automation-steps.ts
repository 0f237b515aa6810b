import type { automationRoutes } from '../../shared/automations/contracts';
import { listSteps } from '../../shared/automations/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const listStepsRoute: RouteImplementation<typeof automationRoutes.listSteps> = async ({
  params,
  query,
}) => ({
  body: await listSteps(params.orgId, query),
});
