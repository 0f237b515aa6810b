import type { sponsorRoutes } from '../../shared/conferences/sponsor-contracts';
import { saveTiers } from '../../shared/conferences/sponsors';
import type { RouteImplementation } from '../../shared/http/middleware';

export const saveSponsorTiersRoute: RouteImplementation<typeof sponsorRoutes.saveSponsorTiers> = async ({
  params,
  body,
}) => ({
  body: await saveTiers(params.orgId, params.conferenceId, body),
});
