import type { bookingRoutes } from '../../shared/booking/contracts';
import { listSchedule } from '../../shared/booking/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const listAllBookingsRoute: RouteImplementation<typeof bookingRoutes.allBookings> = async ({
  query,
}) => ({
  body: await listSchedule(query),
});
