import type { RouteImplementation } from '../../shared/http/middleware';
import type { identityRoutes } from '../../shared/identity/contracts';
import { refresh, refreshCookieName } from '../../shared/identity/service';

export const refreshRoute: RouteImplementation<typeof identityRoutes.refresh> = async ({ request }) => {
  const { session, cookie } = await refresh(request.cookies[refreshCookieName]);
  return { body: session, cookies: [cookie] };
};
