import type { engagementRoutes } from '../../shared/engagements/contracts';
import { listNotes } from '../../shared/engagements/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const listEngagementNotesRoute: RouteImplementation<typeof engagementRoutes.notes> = async ({
  params,
  query,
}) => ({
  body: await listNotes(params.orgId, params.engagementId, query.limit, query.cursor),
});
