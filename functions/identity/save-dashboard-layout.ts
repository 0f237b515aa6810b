import type { RouteImplementation } from '../../shared/http/middleware';
import type { identityRoutes } from '../../shared/identity/contracts';
import { saveLayout } from '../../shared/identity/service';

export const saveDashboardLayoutRoute: RouteImplementation<typeof identityRoutes.saveLayout> = async ({
  principal,
  body,
}) => ({
  body: await saveLayout(principal, body),
});
