import type { conferenceRoutes } from '../../shared/conferences/contracts';
import { updateSpeaker } from '../../shared/conferences/speakers';
import type { RouteImplementation } from '../../shared/http/middleware';

export const updateSpeakerRoute: RouteImplementation<typeof conferenceRoutes.updateSpeaker> = async ({
  params,
  body,
}) => ({
  body: await updateSpeaker(params.orgId, params.conferenceId, params.speakerId, body),
});
