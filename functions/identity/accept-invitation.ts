import type { RouteImplementation } from '../../shared/http/middleware';
import type { identityRoutes } from '../../shared/identity/contracts';
import { acceptInvitation } from '../../shared/identity/service';

export const acceptInvitationRoute: RouteImplementation<typeof identityRoutes.acceptInvitation> = async ({
  body,
}) => {
  const { session, cookie } = await acceptInvitation(body.token, body.name, body.password);
  return { body: session, cookies: [cookie] };
};
