import type { crmRoutes } from '../../shared/crm/contracts';
import { getJob } from '../../shared/crm/jobs';
import type { RouteImplementation } from '../../shared/http/middleware';

export const getJobRoute: RouteImplementation<typeof crmRoutes.getJob> = async ({ params }) => ({
  body: await getJob(params.orgId, params.jobId),
});
