import type { crmRoutes } from '../../shared/crm/contracts';
import { actorOf, setLeadStatus } from '../../shared/crm/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const setLeadStatusRoute: RouteImplementation<typeof crmRoutes.setLeadStatus> = async ({
  principal,
  params,
  body,
}) => ({
  body: await setLeadStatus(actorOf(principal), params.orgId, params.leadId, body),
});
