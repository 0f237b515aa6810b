import type { RouteImplementation } from '../../shared/http/middleware';
import type { organizationRoutes } from '../../shared/organizations/contracts';
import { updateProfile } from '../../shared/organizations/service';

export const updateProfileRoute: RouteImplementation<typeof organizationRoutes.updateProfile> = async ({
  principal,
  params,
  body,
}) => ({
  body: await updateProfile(principal, params.orgId, body),
});
