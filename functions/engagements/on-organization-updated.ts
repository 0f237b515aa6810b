import { renameOrganization } from '../../shared/engagements/repository';
import { eventConsumer } from '../../shared/events/consumer';
import { getOrganization } from '../../shared/organizations';

/** An organization's new name reaches the engagement overview, which keeps its own copy for sorting. */
export const handler = eventConsumer('engagements-org-name', 'organization.updated', async (detail) => {
  if (!detail.fields.includes('name')) return;
  const org = await getOrganization(detail.orgId);
  if (org) await renameOrganization(org.id, org.name);
});
