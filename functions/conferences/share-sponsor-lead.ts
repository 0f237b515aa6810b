import type { sponsorLeadRoutes } from '../../shared/conferences/sponsor-lead-contracts';
import { shareLead } from '../../shared/conferences/sponsor-leads';
import type { RouteImplementation } from '../../shared/http/middleware';

export const shareSponsorLeadRoute: RouteImplementation<typeof sponsorLeadRoutes.shareLead> = async ({
  principal,
  params,
}) => ({ body: await shareLead(principal, params.orgId, params.conferenceId, params.sponsorId) });
