import type { attendeeRoutes } from '../../shared/conferences/attendee-contracts';
import { inviteAttendees } from '../../shared/conferences/invitations';
import type { RouteImplementation } from '../../shared/http/middleware';

export const inviteAttendeesRoute: RouteImplementation<typeof attendeeRoutes.inviteAttendees> = async ({
  principal,
  params,
  body,
}) => ({
  body: await inviteAttendees(principal, params.orgId, params.conferenceId, body),
});
