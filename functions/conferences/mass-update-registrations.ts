import type { attendeeRoutes } from '../../shared/conferences/attendee-contracts';
import { massUpdateRegistrations } from '../../shared/conferences/attendees';
import type { RouteImplementation } from '../../shared/http/middleware';

export const massUpdateRegistrationsRoute: RouteImplementation<
  typeof attendeeRoutes.massUpdateRegistrations
> = async ({ principal, params, body }) => ({
  body: await massUpdateRegistrations(principal, params.orgId, params.conferenceId, body),
});
