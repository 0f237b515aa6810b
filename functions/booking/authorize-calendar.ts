import { startAuthorization } from '../../shared/booking/connection';
import type { bookingRoutes } from '../../shared/booking/contracts';
import type { RouteImplementation } from '../../shared/http/middleware';

export const authorizeCalendarRoute: RouteImplementation<typeof bookingRoutes.authorize> = async ({
  principal,
}) => ({ body: await startAuthorization(principal) });
