import type { conferenceRoutes } from '../../shared/conferences/contracts';
import { createSpeaker } from '../../shared/conferences/speakers';
import type { RouteImplementation } from '../../shared/http/middleware';

export const createSpeakerRoute: RouteImplementation<typeof conferenceRoutes.createSpeaker> = async ({
  principal,
  params,
  body,
}) => ({
  body: await createSpeaker(principal, params.orgId, params.conferenceId, body),
});
