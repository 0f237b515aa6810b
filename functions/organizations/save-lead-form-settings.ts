import type { RouteImplementation } from '../../shared/http/middleware';
import type { leadFormSettingsRoutes } from '../../shared/lead-form/contracts';
import { saveSettings } from '../../shared/lead-form/service';

export const saveLeadFormSettingsRoute: RouteImplementation<
  typeof leadFormSettingsRoutes.saveSettings
> = async ({ principal, params, body }) => ({
  body: await saveSettings(principal, params.orgId, body),
});
