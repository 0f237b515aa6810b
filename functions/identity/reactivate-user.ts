import type { RouteImplementation } from '../../shared/http/middleware';
import type { identityRoutes } from '../../shared/identity/contracts';
import { reactivateUser } from '../../shared/identity/service';

export const reactivateUserRoute: RouteImplementation<typeof identityRoutes.reactivateUser> = async ({
  principal,
  params,
}) => ({
  body: await reactivateUser(principal, params.userId),
});
