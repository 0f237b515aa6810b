import type { RouteImplementation } from '../../shared/http/middleware';
import type { identityRoutes } from '../../shared/identity/contracts';
import { updateUser } from '../../shared/identity/service';

export const updateUserRoute: RouteImplementation<typeof identityRoutes.updateUser> = async ({
  principal,
  params,
  body,
}) => ({
  body: await updateUser(principal, params.userId, body),
});
