import type { conferenceRoutes } from '../../shared/conferences/contracts';
import { listMyConferences } from '../../shared/conferences/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const listMyConferencesRoute: RouteImplementation<typeof conferenceRoutes.myConferences> = async ({
  principal,
}) => ({
  body: await listMyConferences(principal),
});
