import type { bookingRoutes } from '../../shared/booking/contracts';
import { getSettings } from '../../shared/booking/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const getBookingSettingsRoute: RouteImplementation<typeof bookingRoutes.settings> = async () => ({
  body: await getSettings(),
});
