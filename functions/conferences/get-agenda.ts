import { getAgenda } from '../../shared/conferences/agenda';
import type { conferenceRoutes } from '../../shared/conferences/contracts';
import type { RouteImplementation } from '../../shared/http/middleware';

export const getAgendaRoute: RouteImplementation<typeof conferenceRoutes.getAgenda> = async ({
  principal,
  params,
}) => ({
  body: await getAgenda(principal, params.orgId, params.conferenceId),
});
