import type { engagementRoutes } from '../../shared/engagements/contracts';
import { overview } from '../../shared/engagements/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const listAllEngagementsRoute: RouteImplementation<typeof engagementRoutes.overview> = async ({
  query,
}) => ({
  body: await overview(query),
});
