import type { conferenceRoutes } from '../../shared/conferences/contracts';
import { speakingHistory } from '../../shared/conferences/speakers';
import type { RouteImplementation } from '../../shared/http/middleware';

export const getSpeakingHistoryRoute: RouteImplementation<typeof conferenceRoutes.speakingHistory> = async ({
  params,
}) => ({
  body: await speakingHistory(params.orgId, params.conferenceId, params.speakerId),
});
