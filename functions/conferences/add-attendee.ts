import type { conferenceRoutes } from '../../shared/conferences/contracts';
import { addAttendee } from '../../shared/conferences/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const addAttendeeRoute: RouteImplementation<typeof conferenceRoutes.addAttendee> = async ({
  principal,
  params,
  body,
}) => ({
  body: await addAttendee(principal, params.orgId, params.conferenceId, body),
});
