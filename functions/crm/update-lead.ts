import { actorOf } from '../../shared/crm/changes';
import type { crmRoutes } from '../../shared/crm/contracts';
import { updateLead } from '../../shared/crm/leads';
import type { RouteImplementation } from '../../shared/http/middleware';

export const updateLeadRoute: RouteImplementation<typeof crmRoutes.updateLead> = async ({
  principal,
  params,
  body,
}) => ({
  body: await updateLead(actorOf(principal), params.orgId, params.leadId, body),
});
