import type { automationRoutes } from '../../shared/automations/contracts';
import { cancelStep } from '../../shared/automations/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const cancelStepRoute: RouteImplementation<typeof automationRoutes.cancelStep> = async ({
  principal,
  params,
}) => ({
  body: await cancelStep(principal, params.orgId, params.stepId),
});
