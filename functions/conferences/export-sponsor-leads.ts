import type { sponsorLeadRoutes } from '../../shared/conferences/sponsor-lead-contracts';
import { exportLeads } from '../../shared/conferences/sponsor-leads';
import type { RouteImplementation } from '../../shared/http/middleware';

export const exportSponsorLeadsRoute: RouteImplementation<typeof sponsorLeadRoutes.exportLeads> = ({
  principal,
  params,
  query,
}) => exportLeads(principal, params.orgId, params.conferenceId, params.sponsorId, query.cursor);
