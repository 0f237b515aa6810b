import type { RouteImplementation } from '../../shared/http/middleware';
import type { identityRoutes } from '../../shared/identity/contracts';
import { deactivateUser } from '../../shared/identity/service';

export const deactivateUserRoute: RouteImplementation<typeof identityRoutes.deactivateUser> = async ({
  principal,
  params,
}) => ({
  body: await deactivateUser(principal, params.userId),
});
