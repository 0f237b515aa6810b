import type { RouteImplementation } from '../../shared/http/middleware';
import { saveSettings } from '../../shared/lead-form';
import type { leadFormSettingsRoutes } from '../../shared/lead-form/contracts';

export const saveLeadFormSettingsRoute: RouteImplementation<
  typeof leadFormSettingsRoutes.saveSettings
> = async ({ principal, params, body }) => ({
  body: await saveSettings(principal, params.orgId, body),
});
