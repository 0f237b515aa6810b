import type { crmRoutes } from '../../shared/crm/contracts';
import { listLeadTimeline } from '../../shared/crm/leads';
import type { RouteImplementation } from '../../shared/http/middleware';

export const listLeadActivityRoute: RouteImplementation<typeof crmRoutes.leadTimeline> = async ({
  params,
  query,
}) => ({
  body: await listLeadTimeline(params.orgId, params.leadId, query.limit, query.cursor),
});
