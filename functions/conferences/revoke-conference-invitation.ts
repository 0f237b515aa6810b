import type { attendeeRoutes } from '../../shared/conferences/attendee-contracts';
import { revokeInvitation } from '../../shared/conferences/invitations';
import type { RouteImplementation } from '../../shared/http/middleware';

export const revokeConferenceInvitationRoute: RouteImplementation<
  typeof attendeeRoutes.revokeInvitation
> = async ({ principal, params }) => ({
  body: await revokeInvitation(principal, params.orgId, params.conferenceId, params.attendeeId),
});
