import { listCalendars } from '../../shared/booking/connection';
import type { bookingRoutes } from '../../shared/booking/contracts';
import type { RouteImplementation } from '../../shared/http/middleware';

export const listCalendarsRoute: RouteImplementation<typeof bookingRoutes.calendars> = async () => ({
  body: { items: await listCalendars() },
});
