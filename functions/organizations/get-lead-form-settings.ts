import type { RouteImplementation } from '../../shared/http/middleware';
import { getSettings } from '../../shared/lead-form';
import type { leadFormSettingsRoutes } from '../../shared/lead-form/contracts';

export const getLeadFormSettingsRoute: RouteImplementation<
  typeof leadFormSettingsRoutes.getSettings
> = async ({ params }) => ({
  body: await getSettings(params.orgId),
});
