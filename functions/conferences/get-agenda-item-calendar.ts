import { agendaItemCalendar } from '../../shared/conferences/calendar';
import type { conferenceRoutes } from '../../shared/conferences/contracts';
import type { RouteImplementation } from '../../shared/http/middleware';

export const getAgendaItemCalendarRoute: RouteImplementation<
  typeof conferenceRoutes.agendaItemCalendar
> = async ({ principal, params }) => ({
  body: (await agendaItemCalendar(principal, params.orgId, params.conferenceId, params.itemId)) as never,
  headers: {
    'content-type': 'text/calendar; charset=utf-8',
    'content-disposition': `attachment; filename="session-${params.itemId}.ics"`,
  },
});
