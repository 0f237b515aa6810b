import type { RouteImplementation } from '../../shared/http/middleware';
import type { identityRoutes } from '../../shared/identity/contracts';
import { getInvitation } from '../../shared/identity/service';

export const getInvitationRoute: RouteImplementation<typeof identityRoutes.getInvitation> = async ({
  params,
}) => ({
  body: await getInvitation(params.token),
});
