import { actorOf } from '../../shared/crm/changes';
import type { crmRoutes } from '../../shared/crm/contracts';
import { createLead } from '../../shared/crm/leads';
import type { RouteImplementation } from '../../shared/http/middleware';

export const createLeadRoute: RouteImplementation<typeof crmRoutes.createLead> = async ({
  principal,
  params,
  body,
}) => ({
  body: await createLead(actorOf(principal), params.orgId, body),
});
