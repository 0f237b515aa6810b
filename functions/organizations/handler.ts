import { bind, httpModule } from '../../shared/http/module';
import { leadFormSettingsRoutes } from '../../shared/lead-form/contracts';
import { organizationRoutes } from '../../shared/organizations/contracts';
import { archiveOrganizationRoute } from './archive-organization';
import { createOrganizationRoute } from './create-organization';
import { getLeadFormSettingsRoute } from './get-lead-form-settings';
import { getOrganizationRoute } from './get-organization';
import { getProfileRoute } from './get-profile';
import { listActivityRoute } from './list-activity';
import { listMembersRoute } from './list-members';
import { listOrganizationsRoute } from './list-organizations';
import { restoreOrganizationRoute } from './restore-organization';
import { saveLeadFormSettingsRoute } from './save-lead-form-settings';
import { updateOrganizationRoute } from './update-organization';
import { updateProfileRoute } from './update-profile';

export const handler = httpModule([
  bind(organizationRoutes.list, listOrganizationsRoute),
  bind(organizationRoutes.create, createOrganizationRoute),
  bind(organizationRoutes.get, getOrganizationRoute),
  bind(organizationRoutes.update, updateOrganizationRoute),
  bind(organizationRoutes.archive, archiveOrganizationRoute),
  bind(organizationRoutes.restore, restoreOrganizationRoute),
  bind(organizationRoutes.getProfile, getProfileRoute),
  bind(organizationRoutes.updateProfile, updateProfileRoute),
  bind(organizationRoutes.listMembers, listMembersRoute),
  bind(organizationRoutes.listActivity, listActivityRoute),
  bind(leadFormSettingsRoutes.getSettings, getLeadFormSettingsRoute),
  bind(leadFormSettingsRoutes.saveSettings, saveLeadFormSettingsRoute),
]);
