import { updateAgendaItem } from '../../shared/conferences/agenda';
import type { conferenceRoutes } from '../../shared/conferences/contracts';
import type { RouteImplementation } from '../../shared/http/middleware';

export const updateAgendaItemRoute: RouteImplementation<typeof conferenceRoutes.updateAgendaItem> = async ({
  principal,
  params,
  body,
}) => ({
  body: await updateAgendaItem(principal, params.orgId, params.conferenceId, params.itemId, body),
});
