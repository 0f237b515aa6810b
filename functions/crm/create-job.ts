import type { crmRoutes } from '../../shared/crm/contracts';
import { actorOf, createJob } from '../../shared/crm/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const createJobRoute: RouteImplementation<typeof crmRoutes.createJob> = async ({
  principal,
  params,
  body,
}) => ({
  body: await createJob(actorOf(principal), params.orgId, body),
});
