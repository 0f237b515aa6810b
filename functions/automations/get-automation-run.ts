import type { automationRoutes } from '../../shared/automations/contracts';
import { getRun } from '../../shared/automations/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const getRunRoute: RouteImplementation<typeof automationRoutes.getRun> = async ({ params }) => ({
  body: await getRun(params.orgId, params.runId),
});
