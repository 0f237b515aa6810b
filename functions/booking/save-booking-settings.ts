import type { bookingRoutes } from '../../shared/booking/contracts';
import { saveSettings } from '../../shared/booking/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const saveBookingSettingsRoute: RouteImplementation<typeof bookingRoutes.saveSettings> = async ({
  principal,
  body,
}) => ({ body: await saveSettings(principal, body) });
