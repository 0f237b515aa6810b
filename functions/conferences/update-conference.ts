import type { conferenceRoutes } from '../../shared/conferences/contracts';
import { updateConference } from '../../shared/conferences/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const updateConferenceRoute: RouteImplementation<typeof conferenceRoutes.updateConference> = async ({
  principal,
  params,
  body,
}) => ({
  body: await updateConference(principal, params.orgId, params.conferenceId, body),
});
