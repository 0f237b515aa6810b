import { getParticipation } from '../../shared/conferences/analytics';
import type { analyticsRoutes } from '../../shared/conferences/analytics-contracts';
import type { RouteImplementation } from '../../shared/http/middleware';

export const getConferenceParticipationRoute: RouteImplementation<
  typeof analyticsRoutes.getParticipation
> = async ({ params, query }) => ({
  body: await getParticipation(params.orgId, params.conferenceId, query.date),
});
