import type { conferenceRoutes } from '../../shared/conferences/contracts';
import { archiveConference } from '../../shared/conferences/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const archiveConferenceRoute: RouteImplementation<typeof conferenceRoutes.archiveConference> = async ({
  principal,
  params,
}) => ({
  body: await archiveConference(principal, params.orgId, params.conferenceId),
});
