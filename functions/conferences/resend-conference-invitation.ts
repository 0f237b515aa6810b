import type { attendeeRoutes } from '../../shared/conferences/attendee-contracts';
import { resendInvitation } from '../../shared/conferences/invitations';
import type { RouteImplementation } from '../../shared/http/middleware';

export const resendConferenceInvitationRoute: RouteImplementation<
  typeof attendeeRoutes.resendInvitation
> = async ({ principal, params }) => ({
  body: await resendInvitation(principal, params.orgId, params.conferenceId, params.attendeeId),
});
