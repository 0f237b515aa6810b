import type { RouteImplementation } from '../../shared/http/middleware';
import type { notificationRoutes } from '../../shared/notifications/contracts';
import { removeSuppression } from '../../shared/notifications/service';

export const removeSuppressionRoute: RouteImplementation<
  typeof notificationRoutes.removeSuppression
> = async ({ query }) => {
  await removeSuppression(query.address);
  return {};
};
