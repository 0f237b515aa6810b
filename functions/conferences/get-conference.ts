import type { conferenceRoutes } from '../../shared/conferences/contracts';
import { getConference } from '../../shared/conferences/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const getConferenceRoute: RouteImplementation<typeof conferenceRoutes.getConference> = async ({
  principal,
  params,
}) => ({
  body: await getConference(principal, params.orgId, params.conferenceId),
});
