import type { attendeeRoutes } from '../../shared/conferences/attendee-contracts';
import { acceptConferenceInvitation } from '../../shared/conferences/invitations';
import type { RouteImplementation } from '../../shared/http/middleware';

export const acceptConferenceInvitationRoute: RouteImplementation<
  typeof attendeeRoutes.acceptConferenceInvitation
> = async ({ principal, body }) => ({
  body: await acceptConferenceInvitation(principal, body.token, body.answers),
});
