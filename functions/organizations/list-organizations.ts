import type { RouteImplementation } from '../../shared/http/middleware';
import type { organizationRoutes } from '../../shared/organizations/contracts';
import { listOrganizations } from '../../shared/organizations/service';

export const listOrganizationsRoute: RouteImplementation<typeof organizationRoutes.list> = async ({
  query,
}) => ({
  body: await listOrganizations(query),
});
