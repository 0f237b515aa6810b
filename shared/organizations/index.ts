/** What other modules may use of organizations: the organization as stored and its activity log. */
export {
  type ActivityEntry,
  activityPut,
  findOrganizationIdBySlug,
  getOrganization,
  type OrganizationItem,
  organizationItem,
} from './repository';
