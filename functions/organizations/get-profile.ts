import type { RouteImplementation } from '../../shared/http/middleware';
import type { organizationRoutes } from '../../shared/organizations/contracts';
import { getProfile } from '../../shared/organizations/service';

export const getProfileRoute: RouteImplementation<typeof organizationRoutes.getProfile> = async ({
  params,
}) => ({
  body: await getProfile(params.orgId),
});
