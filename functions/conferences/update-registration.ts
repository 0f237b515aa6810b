import type { attendeeRoutes } from '../../shared/conferences/attendee-contracts';
import { updateRegistration } from '../../shared/conferences/attendees';
import type { RouteImplementation } from '../../shared/http/middleware';

export const updateRegistrationRoute: RouteImplementation<typeof attendeeRoutes.updateRegistration> = async ({
  params,
  body,
}) => ({
  body: await updateRegistration(params.orgId, params.conferenceId, params.attendeeId, body),
});
