import type { RouteImplementation } from '../../shared/http/middleware';
import type { identityRoutes } from '../../shared/identity/contracts';
import { signIn } from '../../shared/identity/service';

export const signInRoute: RouteImplementation<typeof identityRoutes.signIn> = async ({ body, request }) => {
  const { session, cookie } = await signIn(body.email, body.password, request.ip);
  return { body: session, cookies: [cookie] };
};
