import type { bookingRoutes } from '../../shared/booking/contracts';
import { listForOrganization } from '../../shared/booking/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const listBookingsRoute: RouteImplementation<typeof bookingRoutes.list> = async ({
  params,
  query,
}) => ({
  body: await listForOrganization(params.orgId, query),
});
