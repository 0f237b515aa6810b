import type { sponsorRoutes } from '../../shared/conferences/sponsor-contracts';
import { createSponsor } from '../../shared/conferences/sponsors';
import type { RouteImplementation } from '../../shared/http/middleware';

export const createSponsorRoute: RouteImplementation<typeof sponsorRoutes.createSponsor> = async ({
  params,
  body,
}) => ({
  body: await createSponsor(params.orgId, params.conferenceId, body),
});
