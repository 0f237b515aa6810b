import type { engagementRoutes } from '../../shared/engagements/contracts';
import { setTaskStatus } from '../../shared/engagements/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const setTaskStatusRoute: RouteImplementation<typeof engagementRoutes.setTaskStatus> = async ({
  principal,
  params,
  body,
}) => ({
  body: await setTaskStatus(principal, params.orgId, params.engagementId, params.taskId, body),
});
