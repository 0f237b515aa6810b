import { createAgendaItem } from '../../shared/conferences/agenda';
import type { conferenceRoutes } from '../../shared/conferences/contracts';
import type { RouteImplementation } from '../../shared/http/middleware';

export const createAgendaItemRoute: RouteImplementation<typeof conferenceRoutes.createAgendaItem> = async ({
  principal,
  params,
  body,
}) => ({
  body: await createAgendaItem(principal, params.orgId, params.conferenceId, body),
});
