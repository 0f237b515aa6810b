import type { engagementRoutes } from '../../shared/engagements/contracts';
import { updateSettings } from '../../shared/engagements/service';
import type { RouteImplementation } from '../../shared/http/middleware';

export const updateEngagementRoute: RouteImplementation<typeof engagementRoutes.update> = async ({
  principal,
  params,
  body,
}) => ({
  body: await updateSettings(principal, params.orgId, params.engagementId, body),
});
