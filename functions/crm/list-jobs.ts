import type { crmRoutes } from '../../shared/crm/contracts';
import { listJobs } from '../../shared/crm/jobs';
import type { RouteImplementation } from '../../shared/http/middleware';

export const listJobsRoute: RouteImplementation<typeof crmRoutes.listJobs> = async ({ params, query }) => ({
  body: await listJobs(params.orgId, query),
});
