import type { automationRoutes } from '../../shared/automations/contracts';
import { retryRun } from '../../shared/automations/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const retryRunRoute: RouteImplementation<typeof automationRoutes.retryRun> = async ({
  principal,
  params,
}) => ({
  body: await retryRun(principal, params.orgId, params.runId),
});
