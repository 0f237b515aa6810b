import { ulid } from 'ulid';
import type { Principal } from '../auth/policy';
import { outboxPut } from '../events/outbox';
import { ConflictError, NotFoundError, VersionConflictError } from '../http/errors';
import { listMemberships } from '../identity';
import type {
  CreateOrganizationInput,
  ListOrganizationsQuery,
  OrganizationView,
  ProfileView,
  UpdateOrganizationInput,
  UpdateProfileInput,
} from './contracts';
import * as orgs from './repository';

const emptyProfile = (orgId: string): ProfileView => ({
  orgId,
  summary: '',
  website: null,
  socialLinks: {},
  focusTopics: [],
  version: 0,
  updatedAt: null,
  updatedBy: null,
});

export const createOrganization = async (principal: Principal, input: CreateOrganizationInput) => {
  const now = new Date().toISOString();
  const org: OrganizationView = {
    id: ulid(),
    ...input,
    status: 'active',
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  await orgs.createOrganization(
    org,
    emptyProfile(org.id),
    {
      actor: principal.name,
      kind: 'organization.created',
      summary: `${principal.name} created ${org.name}`,
    },
    [
      outboxPut('organization.created', {
        version: 1,
        orgId: org.id,
        name: org.name,
        slug: org.slug,
        userId: principal.userId,
      }),
    ],
  );
  return org;
};

export const getOrganization = async (orgId: string) => {
  const org = await orgs.getOrganization(orgId);
  if (!org) throw new NotFoundError();
  return org;
};

export const listOrganizations = (query: ListOrganizationsQuery) => orgs.listOrganizations(query);

export const updateOrganization = async (
  principal: Principal,
  orgId: string,
  input: UpdateOrganizationInput,
) => {
  const current = await getOrganization(orgId);
  const { version, ...changes } = input;
  if (current.version !== version) throw new VersionConflictError(current.version);
  const fields = Object.keys(changes).filter(
    (field) =>
      JSON.stringify(changes[field as keyof typeof changes]) !==
      JSON.stringify(current[field as keyof OrganizationView]),
  );
  if (fields.length === 0) return current;
  const next: OrganizationView = {
    ...current,
    ...changes,
    version: current.version + 1,
    updatedAt: new Date().toISOString(),
  };
  await orgs.saveOrganization(
    current,
    next,
    {
      actor: principal.name,
      kind: 'organization.updated',
      summary: `${principal.name} changed ${fields.join(', ')}`,
    },
    [outboxPut('organization.updated', { version: 1, orgId, fields, userId: principal.userId })],
  );
  return next;
};

export const setOrganizationStatus = async (
  principal: Principal,
  orgId: string,
  status: 'active' | 'archived',
) => {
  const current = await getOrganization(orgId);
  if (current.status === status)
    throw new ConflictError(status === 'archived' ? 'Already archived' : 'This organization is not archived');
  const next: OrganizationView = {
    ...current,
    status,
    version: current.version + 1,
    updatedAt: new Date().toISOString(),
  };
  await orgs.saveOrganization(
    current,
    next,
    {
      actor: principal.name,
      kind: status === 'archived' ? 'organization.archived' : 'organization.restored',
      summary: `${principal.name} ${status === 'archived' ? 'archived' : 'restored'} ${current.name}`,
    },
    [
      outboxPut(status === 'archived' ? 'organization.archived' : 'organization.restored', {
        version: 1,
        orgId,
        userId: principal.userId,
      }),
    ],
  );
  return next;
};

export const getProfile = async (orgId: string) => (await orgs.getProfile(orgId)) ?? emptyProfile(orgId);

/** Saves the profile if it is still at the version the editor loaded; the loser of a race gets 409. */
export const updateProfile = async (principal: Principal, orgId: string, input: UpdateProfileInput) => {
  await getOrganization(orgId);
  const { version, ...fields } = input;
  const next: ProfileView = {
    orgId,
    ...fields,
    version: version + 1,
    updatedAt: new Date().toISOString(),
    updatedBy: principal.name,
  };
  const { profile, repeated } = await orgs.saveProfile(
    next,
    version,
    {
      actor: principal.name,
      kind: 'profile.updated',
      summary: `${principal.name} updated the profile`,
    },
    [
      outboxPut('profile.updated', {
        version: 1,
        orgId,
        profileVersion: next.version,
        userId: principal.userId,
      }),
    ],
  );
  if (repeated) return profile;
  return next;
};

export const listMembers = (orgId: string, limit: number, cursor?: string) =>
  listMemberships(orgId, limit, cursor);

export const listActivity = (orgId: string, limit: number, cursor?: string) =>
  orgs.listActivity(orgId, limit, cursor);
