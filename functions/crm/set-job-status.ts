import { actorOf } from '../../shared/crm/changes';
import type { crmRoutes } from '../../shared/crm/contracts';
import { setJobStatus } from '../../shared/crm/jobs';
import type { RouteImplementation } from '../../shared/http/middleware';

export const setJobStatusRoute: RouteImplementation<typeof crmRoutes.setJobStatus> = async ({
  principal,
  params,
  body,
}) => ({
  body: await setJobStatus(actorOf(principal), params.orgId, params.jobId, body),
});
