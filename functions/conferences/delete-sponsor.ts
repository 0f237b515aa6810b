import type { sponsorRoutes } from '../../shared/conferences/sponsor-contracts';
import { deleteSponsor } from '../../shared/conferences/sponsors';
import type { RouteImplementation } from '../../shared/http/middleware';

export const deleteSponsorRoute: RouteImplementation<typeof sponsorRoutes.deleteSponsor> = async ({
  params,
}) => {
  await deleteSponsor(params.orgId, params.conferenceId, params.sponsorId);
  return {};
};
