import type { RouteImplementation } from '../../shared/http/middleware';
import type { identityRoutes } from '../../shared/identity/contracts';
import { inviteUser } from '../../shared/identity/service';

export const inviteUserRoute: RouteImplementation<typeof identityRoutes.inviteUser> = async ({
  principal,
  body,
}) => ({
  body: await inviteUser(principal, body),
});
