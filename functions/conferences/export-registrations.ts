import type { attendeeRoutes } from '../../shared/conferences/attendee-contracts';
import { exportRegistrations } from '../../shared/conferences/attendees';
import { csvHeaders } from '../../shared/conferences/csv-reply';
import type { RouteImplementation } from '../../shared/http/middleware';

export const exportRegistrationsRoute: RouteImplementation<
  typeof attendeeRoutes.exportRegistrations
> = async ({ params, query }) => {
  const { csv, fileName, nextCursor } = await exportRegistrations(params.orgId, params.conferenceId, query);
  return { body: csv, headers: csvHeaders(fileName, Boolean(query.cursor), nextCursor) };
};
