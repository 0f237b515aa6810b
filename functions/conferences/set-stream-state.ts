import { setStreamState } from '../../shared/conferences/agenda';
import type { conferenceRoutes } from '../../shared/conferences/contracts';
import type { RouteImplementation } from '../../shared/http/middleware';

export const setStreamStateRoute: RouteImplementation<typeof conferenceRoutes.setStreamState> = async ({
  principal,
  params,
  body,
}) => ({
  body: await setStreamState(principal, params.orgId, params.conferenceId, params.itemId, body),
});
