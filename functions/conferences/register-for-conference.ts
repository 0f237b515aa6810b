import type { attendeeRoutes } from '../../shared/conferences/attendee-contracts';
import { registerForConference } from '../../shared/conferences/invitations';
import type { RouteImplementation } from '../../shared/http/middleware';

export const registerForConferenceRoute: RouteImplementation<
  typeof attendeeRoutes.registerForConference
> = async ({ body }) => {
  const { session, cookie } = await registerForConference(body);
  return { body: session, cookies: [cookie] };
};
