import { createCalendarFeed } from '../../shared/conferences/calendar';
import type { conferenceRoutes } from '../../shared/conferences/contracts';
import type { RouteImplementation } from '../../shared/http/middleware';

export const createCalendarFeedRoute: RouteImplementation<
  typeof conferenceRoutes.createCalendarFeed
> = async ({ principal, params }) => ({
  body: await createCalendarFeed(principal, params.orgId, params.conferenceId),
});
