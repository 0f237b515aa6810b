import type { RouteImplementation } from '../../shared/http/middleware';
import type { organizationRoutes } from '../../shared/organizations/contracts';
import { updateOrganization } from '../../shared/organizations/service';

export const updateOrganizationRoute: RouteImplementation<typeof organizationRoutes.update> = async ({
  principal,
  params,
  body,
}) => ({
  body: await updateOrganization(principal, params.orgId, body),
});
