import type { RouteImplementation } from '../../shared/http/middleware';
import type { organizationRoutes } from '../../shared/organizations/contracts';
import { listMembers } from '../../shared/organizations/service';

export const listMembersRoute: RouteImplementation<typeof organizationRoutes.listMembers> = async ({
  params,
  query,
}) => ({
  body: await listMembers(params.orgId, query.limit, query.cursor),
});
