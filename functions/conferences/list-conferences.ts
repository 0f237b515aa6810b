import type { conferenceRoutes } from '../../shared/conferences/contracts';
import { listConferences } from '../../shared/conferences/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const listConferencesRoute: RouteImplementation<typeof conferenceRoutes.listConferences> = async ({
  params,
}) => ({
  body: await listConferences(params.orgId),
});
