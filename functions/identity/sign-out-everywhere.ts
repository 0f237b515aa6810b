import type { RouteImplementation } from '../../shared/http/middleware';
import type { identityRoutes } from '../../shared/identity/contracts';
import { clearedRefreshCookie, signOutEverywhere } from '../../shared/identity/service';

export const signOutEverywhereRoute: RouteImplementation<typeof identityRoutes.signOutEverywhere> = async ({
  principal,
}) => {
  await signOutEverywhere(principal);
  return { cookies: [clearedRefreshCookie()] };
};
