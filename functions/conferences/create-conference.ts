import type { conferenceRoutes } from '../../shared/conferences/contracts';
import { createConference } from '../../shared/conferences/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const createConferenceRoute: RouteImplementation<typeof conferenceRoutes.createConference> = async ({
  principal,
  params,
  body,
}) => ({
  body: await createConference(principal, params.orgId, body),
});
