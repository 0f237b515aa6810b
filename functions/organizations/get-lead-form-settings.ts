import type { RouteImplementation } from '../../shared/http/middleware';
import type { leadFormSettingsRoutes } from '../../shared/lead-form/contracts';
import { getSettings } from '../../shared/lead-form/service';

export const getLeadFormSettingsRoute: RouteImplementation<
  typeof leadFormSettingsRoutes.getSettings
> = async ({ params }) => ({
  body: await getSettings(params.orgId),
});
