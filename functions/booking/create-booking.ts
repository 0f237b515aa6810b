import type { bookingRoutes } from '../../shared/booking/contracts';
import { book } from '../../shared/booking/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const createBookingRoute: RouteImplementation<typeof bookingRoutes.create> = async ({
  principal,
  params,
  body,
}) => ({ body: await book(principal, params.orgId, body) });
