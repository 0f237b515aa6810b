import { deleteAgendaItem } from '../../shared/conferences/agenda';
import type { conferenceRoutes } from '../../shared/conferences/contracts';
import type { RouteImplementation } from '../../shared/http/middleware';

export const deleteAgendaItemRoute: RouteImplementation<typeof conferenceRoutes.deleteAgendaItem> = async ({
  principal,
  params,
  query,
}) => {
  await deleteAgendaItem(principal, params.orgId, params.conferenceId, params.itemId, query.version);
  return {};
};
