import { setAgendaItemSaved } from '../../shared/conferences/agenda';
import type { conferenceRoutes } from '../../shared/conferences/contracts';
import type { RouteImplementation } from '../../shared/http/middleware';

export const unsaveAgendaItemRoute: RouteImplementation<typeof conferenceRoutes.unsaveAgendaItem> = async ({
  principal,
  params,
}) => {
  await setAgendaItemSaved(principal, params.orgId, params.conferenceId, params.itemId, false);
  return {};
};
