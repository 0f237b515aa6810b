import type { automationRoutes } from '../../shared/automations/contracts';
import { updateAutomations } from '../../shared/automations/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const updateAutomationsRoute: RouteImplementation<typeof automationRoutes.update> = async ({
  principal,
  params,
  body,
}) => ({
  body: await updateAutomations(principal, params.orgId, body),
});
