import type { attendeeRoutes } from '../../shared/conferences/attendee-contracts';
import { listRegistrations } from '../../shared/conferences/attendees';
import type { RouteImplementation } from '../../shared/http/middleware';

export const listRegistrationsRoute: RouteImplementation<typeof attendeeRoutes.listRegistrations> = async ({
  params,
  query,
}) => ({
  body: await listRegistrations(params.orgId, params.conferenceId, query),
});
