import type { RouteImplementation } from '../../shared/http/middleware';
import type { organizationRoutes } from '../../shared/organizations/contracts';
import { createOrganization } from '../../shared/organizations/service';

export const createOrganizationRoute: RouteImplementation<typeof organizationRoutes.create> = async ({
  principal,
  body,
}) => ({
  body: await createOrganization(principal, body),
});
