import type { engagementRoutes } from '../../shared/engagements/contracts';
import { listForOrganization } from '../../shared/engagements/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const listEngagementsRoute: RouteImplementation<typeof engagementRoutes.listForOrganization> = async ({
  params,
  query,
}) => ({
  body: await listForOrganization(params.orgId, query.limit, query.cursor),
});
