import type { sponsorLeadRoutes } from '../../shared/conferences/sponsor-lead-contracts';
import { revokeLead } from '../../shared/conferences/sponsor-leads';
import type { RouteImplementation } from '../../shared/http/middleware';

export const revokeSponsorLeadRoute: RouteImplementation<typeof sponsorLeadRoutes.revokeLead> = async ({
  principal,
  params,
}) => {
  await revokeLead(principal, params.orgId, params.conferenceId, params.sponsorId);
  return {};
};
