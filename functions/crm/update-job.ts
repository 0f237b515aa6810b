import { actorOf } from '../../shared/crm/changes';
import type { crmRoutes } from '../../shared/crm/contracts';
import { updateJob } from '../../shared/crm/jobs';
import type { RouteImplementation } from '../../shared/http/middleware';

export const updateJobRoute: RouteImplementation<typeof crmRoutes.updateJob> = async ({
  principal,
  params,
  body,
}) => ({
  body: await updateJob(actorOf(principal), params.orgId, params.jobId, body),
});
