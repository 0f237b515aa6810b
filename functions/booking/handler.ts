import { bookingRoutes } from '../../shared/booking/contracts';
import { bind, httpModule } from '../../shared/http/module';
import { authorizeCalendarRoute } from './authorize-calendar';
import { cancelBookingRoute } from './cancel-booking';
import { completeCalendarAuthorizationRoute } from './complete-calendar-authorization';
import { createBookingRoute } from './create-booking';
import { disconnectCalendarRoute } from './disconnect-calendar';
import { getBookingSettingsRoute } from './get-booking-settings';
import { getCalendarConnectionRoute } from './get-calendar-connection';
import { listAllBookingsRoute } from './list-all-bookings';
import { listBookingsRoute } from './list-bookings';
import { listCalendarsRoute } from './list-calendars';
import { listFreeSlotsRoute } from './list-free-slots';
import { rescheduleBookingRoute } from './reschedule-booking';
import { saveBookingSettingsRoute } from './save-booking-settings';

export const handler = httpModule([
  bind(bookingRoutes.connection, getCalendarConnectionRoute),
  bind(bookingRoutes.authorize, authorizeCalendarRoute),
  bind(bookingRoutes.completeAuthorization, completeCalendarAuthorizationRoute),
  bind(bookingRoutes.disconnect, disconnectCalendarRoute),
  bind(bookingRoutes.calendars, listCalendarsRoute),
  bind(bookingRoutes.settings, getBookingSettingsRoute),
  bind(bookingRoutes.saveSettings, saveBookingSettingsRoute),
  bind(bookingRoutes.allBookings, listAllBookingsRoute),
  bind(bookingRoutes.slots, listFreeSlotsRoute),
  bind(bookingRoutes.list, listBookingsRoute),
  bind(bookingRoutes.create, createBookingRoute),
  bind(bookingRoutes.reschedule, rescheduleBookingRoute),
  bind(bookingRoutes.cancel, cancelBookingRoute),
]);
