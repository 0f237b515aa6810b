import type { RouteImplementation } from '../../shared/http/middleware';
import type { organizationRoutes } from '../../shared/organizations/contracts';
import { getOrganization } from '../../shared/organizations/service';

export const getOrganizationRoute: RouteImplementation<typeof organizationRoutes.get> = async ({
  params,
}) => ({
  body: await getOrganization(params.orgId),
});
