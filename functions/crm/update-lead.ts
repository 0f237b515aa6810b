import type { crmRoutes } from '../../shared/crm/contracts';
import { actorOf, updateLead } from '../../shared/crm/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const updateLeadRoute: RouteImplementation<typeof crmRoutes.updateLead> = async ({
  principal,
  params,
  body,
}) => ({
  body: await updateLead(actorOf(principal), params.orgId, params.leadId, body),
});
