import type { automationRoutes } from '../../shared/automations/contracts';
import { getAutomations } from '../../shared/automations/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const getAutomationsRoute: RouteImplementation<typeof automationRoutes.get> = async ({ params }) => ({
  body: await getAutomations(params.orgId),
});
