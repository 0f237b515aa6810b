import type { automationRoutes } from '../../shared/automations/contracts';
import { getLeadAutomations } from '../../shared/automations/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const getLeadAutomationsRoute: RouteImplementation<typeof automationRoutes.leadAutomations> = async ({
  params,
  query,
}) => ({
  body: await getLeadAutomations(params.orgId, params.leadId, query.limit, query.cursor),
});
