import type { crmRoutes } from '../../shared/crm/contracts';
import { listLeads } from '../../shared/crm/leads';
import type { RouteImplementation } from '../../shared/http/middleware';

export const listLeadsRoute: RouteImplementation<typeof crmRoutes.listLeads> = async ({ params, query }) => ({
  body: await listLeads(params.orgId, query),
});
