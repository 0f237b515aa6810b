import type { attendeeRoutes } from '../../shared/conferences/attendee-contracts';
import { getConferenceInvitation } from '../../shared/conferences/invitations';
import type { RouteImplementation } from '../../shared/http/middleware';

export const getConferenceInvitationRoute: RouteImplementation<
  typeof attendeeRoutes.getConferenceInvitation
> = async ({ params }) => ({
  body: await getConferenceInvitation(params.token),
});
