import { revokeCalendarFeed } from '../../shared/conferences/calendar';
import type { conferenceRoutes } from '../../shared/conferences/contracts';
import type { RouteImplementation } from '../../shared/http/middleware';

export const revokeCalendarFeedRoute: RouteImplementation<
  typeof conferenceRoutes.revokeCalendarFeed
> = async ({ principal, params }) => {
  await revokeCalendarFeed(principal, params.orgId, params.conferenceId);
  return {};
};
