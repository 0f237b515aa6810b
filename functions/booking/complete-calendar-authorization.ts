import { completeAuthorization } from '../../shared/booking/connection';
import type { bookingRoutes } from '../../shared/booking/contracts';
import { adoptCalendarDefaults } from '../../shared/booking/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const completeCalendarAuthorizationRoute: RouteImplementation<
  typeof bookingRoutes.completeAuthorization
> = async ({ principal, body }) => {
  const { view, primaryTimeZone } = await completeAuthorization(principal, body);
  await adoptCalendarDefaults(principal, primaryTimeZone ?? undefined, view.account);
  return { body: view };
};
