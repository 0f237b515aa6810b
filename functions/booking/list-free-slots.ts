import type { bookingRoutes } from '../../shared/booking/contracts';
import { freeSlots } from '../../shared/booking/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const listFreeSlotsRoute: RouteImplementation<typeof bookingRoutes.slots> = async ({
  params,
  query,
}) => ({
  body: await freeSlots(params.orgId, query),
});
