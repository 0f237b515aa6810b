import { isOrganizer } from '../../shared/conferences/service';
import type { sponsorRoutes } from '../../shared/conferences/sponsor-contracts';
import { listSponsors } from '../../shared/conferences/sponsors';
import type { RouteImplementation } from '../../shared/http/middleware';

export const listSponsorsRoute: RouteImplementation<typeof sponsorRoutes.listSponsors> = async ({
  principal,
  params,
}) => ({
  body: await listSponsors(params.orgId, params.conferenceId, isOrganizer(principal, params.orgId)),
});
