import type { RouteImplementation } from '../../shared/http/middleware';
import type { notificationRoutes } from '../../shared/notifications/contracts';
import { listSuppressions } from '../../shared/notifications/service';

export const listSuppressionsRoute: RouteImplementation<typeof notificationRoutes.listSuppressions> = async ({
  query,
}) => ({ body: await listSuppressions(query.limit, query.cursor) });
