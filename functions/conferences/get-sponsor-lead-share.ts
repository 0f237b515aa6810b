import type { sponsorLeadRoutes } from '../../shared/conferences/sponsor-lead-contracts';
import { getLeadShare } from '../../shared/conferences/sponsor-leads';
import type { RouteImplementation } from '../../shared/http/middleware';

export const getSponsorLeadShareRoute: RouteImplementation<typeof sponsorLeadRoutes.getLeadShare> = async ({
  principal,
  params,
}) => ({ body: await getLeadShare(principal, params.orgId, params.conferenceId, params.sponsorId) });
