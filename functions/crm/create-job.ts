import { actorOf } from '../../shared/crm/changes';
import type { crmRoutes } from '../../shared/crm/contracts';
import { createJob } from '../../shared/crm/jobs';
import type { RouteImplementation } from '../../shared/http/middleware';

export const createJobRoute: RouteImplementation<typeof crmRoutes.createJob> = async ({
  principal,
  params,
  body,
}) => ({
  body: await createJob(actorOf(principal), params.orgId, body),
});
