export {
  type ActivityEntry,
  activityPut,
  findOrganizationIdBySlug,
  getOrganization,
  type OrganizationItem,
  organizationItem,
} from './repository';
