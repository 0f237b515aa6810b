import type { conferenceRoutes } from '../../shared/conferences/contracts';
import { removeAttendee } from '../../shared/conferences/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const removeAttendeeRoute: RouteImplementation<typeof conferenceRoutes.removeAttendee> = async ({
  principal,
  params,
}) => {
  await removeAttendee(principal, params.orgId, params.conferenceId, params.attendeeId);
  return {};
};
