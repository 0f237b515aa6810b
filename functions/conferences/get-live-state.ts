import { getLiveState } from '../../shared/conferences/agenda';
import type { conferenceRoutes } from '../../shared/conferences/contracts';
import type { RouteImplementation } from '../../shared/http/middleware';

/** Polled every few seconds by open pages: an unchanged version answers 304 with no body. */
export const getLiveStateRoute: RouteImplementation<typeof conferenceRoutes.liveState> = async ({
  params,
  request,
}) => {
  const live = await getLiveState(params.orgId, params.conferenceId);
  const etag = `"live-${live.version}"`;
  const headers = { etag, 'cache-control': 'private, no-cache' };
  if (request.headers['if-none-match'] === etag) return { status: 304, headers };
  return { body: live, headers };
};
