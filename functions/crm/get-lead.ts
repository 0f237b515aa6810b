import type { crmRoutes } from '../../shared/crm/contracts';
import { getLead } from '../../shared/crm/leads';
import type { RouteImplementation } from '../../shared/http/middleware';

export const getLeadRoute: RouteImplementation<typeof crmRoutes.getLead> = async ({ params }) => ({
  body: await getLead(params.orgId, params.leadId),
});
