import type { RouteImplementation } from '../../shared/http/middleware';
import type { identityRoutes } from '../../shared/identity/contracts';
import { getLayout } from '../../shared/identity/service';

export const getDashboardLayoutRoute: RouteImplementation<typeof identityRoutes.getLayout> = async ({
  principal,
}) => ({
  body: await getLayout(principal),
});
