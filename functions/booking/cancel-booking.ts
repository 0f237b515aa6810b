import type { bookingRoutes } from '../../shared/booking/contracts';
import { cancel } from '../../shared/booking/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const cancelBookingRoute: RouteImplementation<typeof bookingRoutes.cancel> = async ({
  principal,
  params,
  body,
}) => ({ body: await cancel(principal, params.orgId, params.bookingId, body) });
