import { calendarFeed } from '../../shared/conferences/calendar';
import type { conferenceRoutes } from '../../shared/conferences/contracts';
import type { RouteImplementation } from '../../shared/http/middleware';

export const getCalendarFeedRoute: RouteImplementation<typeof conferenceRoutes.calendarFeed> = async ({
  params,
}) => ({
  body: (await calendarFeed(params.token)) as never,
  headers: { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'private, max-age=300' },
});
