import type { conferenceRoutes } from '../../shared/conferences/contracts';
import { listSpeakers } from '../../shared/conferences/speakers';
import type { RouteImplementation } from '../../shared/http/middleware';

export const listSpeakersRoute: RouteImplementation<typeof conferenceRoutes.listSpeakers> = async ({
  principal,
  params,
}) => ({
  body: await listSpeakers(principal, params.orgId, params.conferenceId),
});
