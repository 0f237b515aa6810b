import type { RouteImplementation } from '../../shared/http/middleware';
import type { identityRoutes } from '../../shared/identity/contracts';
import { resendInvitation } from '../../shared/identity/service';

export const resendInvitationRoute: RouteImplementation<typeof identityRoutes.resendInvitation> = async ({
  principal,
  params,
}) => ({
  body: await resendInvitation(principal, params.userId),
});
