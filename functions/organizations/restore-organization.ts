import type { RouteImplementation } from '../../shared/http/middleware';
import type { organizationRoutes } from '../../shared/organizations/contracts';
import { setOrganizationStatus } from '../../shared/organizations/service';

export const restoreOrganizationRoute: RouteImplementation<typeof organizationRoutes.restore> = async ({
  principal,
  params,
}) => ({
  body: await setOrganizationStatus(principal, params.orgId, 'active'),
});
