import type { conferenceRoutes } from '../../shared/conferences/contracts';
import { listAttendees } from '../../shared/conferences/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const listAttendeesRoute: RouteImplementation<typeof conferenceRoutes.listAttendees> = async ({
  params,
}) => ({
  body: await listAttendees(params.orgId, params.conferenceId),
});
