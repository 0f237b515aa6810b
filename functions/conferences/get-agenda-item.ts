import { getAgendaItem } from '../../shared/conferences/agenda';
import type { conferenceRoutes } from '../../shared/conferences/contracts';
import type { RouteImplementation } from '../../shared/http/middleware';

export const getAgendaItemRoute: RouteImplementation<typeof conferenceRoutes.getAgendaItem> = async ({
  principal,
  params,
}) => ({
  body: await getAgendaItem(principal, params.orgId, params.conferenceId, params.itemId),
});
