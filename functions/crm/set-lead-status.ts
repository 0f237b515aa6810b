import { actorOf } from '../../shared/crm/changes';
import type { crmRoutes } from '../../shared/crm/contracts';
import { setLeadStatus } from '../../shared/crm/leads';
import type { RouteImplementation } from '../../shared/http/middleware';

export const setLeadStatusRoute: RouteImplementation<typeof crmRoutes.setLeadStatus> = async ({
  principal,
  params,
  body,
}) => ({
  body: await setLeadStatus(actorOf(principal), params.orgId, params.leadId, body),
});
