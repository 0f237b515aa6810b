import type { RouteImplementation } from '../../shared/http/middleware';
import type { identityRoutes } from '../../shared/identity/contracts';
import { clearedRefreshCookie, refreshCookieName, signOut } from '../../shared/identity/service';

export const signOutRoute: RouteImplementation<typeof identityRoutes.signOut> = async ({ request }) => {
  await signOut(request.cookies[refreshCookieName]);
  return { cookies: [clearedRefreshCookie()] };
};
