import { getConnectionView } from '../../shared/booking/connection';
import type { bookingRoutes } from '../../shared/booking/contracts';
import type { RouteImplementation } from '../../shared/http/middleware';

export const getCalendarConnectionRoute: RouteImplementation<typeof bookingRoutes.connection> = async () => ({
  body: await getConnectionView(),
});
