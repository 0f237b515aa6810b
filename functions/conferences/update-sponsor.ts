import type { sponsorRoutes } from '../../shared/conferences/sponsor-contracts';
import { updateSponsor } from '../../shared/conferences/sponsors';
import type { RouteImplementation } from '../../shared/http/middleware';

export const updateSponsorRoute: RouteImplementation<typeof sponsorRoutes.updateSponsor> = async ({
  params,
  body,
}) => ({
  body: await updateSponsor(params.orgId, params.conferenceId, params.sponsorId, body),
});
