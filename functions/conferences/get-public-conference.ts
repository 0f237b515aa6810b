import type { conferenceRoutes } from '../../shared/conferences/contracts';
import { getPublicConference } from '../../shared/conferences/public-page';
import type { RouteImplementation } from '../../shared/http/middleware';

export const getPublicConferenceRoute: RouteImplementation<
  typeof conferenceRoutes.publicConference
> = async ({ params }) => ({
  body: await getPublicConference(params.orgId, params.conferenceId),
});
