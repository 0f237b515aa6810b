import type { bookingRoutes } from '../../shared/booking/contracts';
import { reschedule } from '../../shared/booking/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const rescheduleBookingRoute: RouteImplementation<typeof bookingRoutes.reschedule> = async ({
  principal,
  params,
  body,
}) => ({ body: await reschedule(principal, params.orgId, params.bookingId, body) });
