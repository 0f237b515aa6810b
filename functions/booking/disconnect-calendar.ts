import { disconnect } from '../../shared/booking/connection';
import type { bookingRoutes } from '../../shared/booking/contracts';
import type { RouteImplementation } from '../../shared/http/middleware';

export const disconnectCalendarRoute: RouteImplementation<typeof bookingRoutes.disconnect> = async () => {
  await disconnect();
  return {};
};
