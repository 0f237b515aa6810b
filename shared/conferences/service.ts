import { ulid } from 'ulid';
import { isOperatorAdmin, type Principal } from '../auth/policy';
import { outboxPut } from '../events/outbox';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors';
import { findOrInviteGuest } from '../identity';
import { getOrganization } from '../organizations';
import type { AccessRole, ConferenceView, CreateConferenceInput, UpdateConferenceInput } from './contracts';
import type { ConferenceItem, RoleItem } from './model';
import * as repo from './repository';

/**
 * The caller's relation to a conference the route policy already let them into: their roster role, or,
 * for the organization's own users and operator admins without one, organizer (owners, admins) or member.
 */
export const accessRoleOf = (principal: Principal, orgId: string): AccessRole => {
  if (principal.conferenceRole === 'organizer' || isOperatorAdmin(principal)) return 'organizer';
  if (principal.orgId === orgId && principal.role === 'owner') return 'organizer';
  return principal.conferenceRole ?? 'member';
};

export const isOrganizer = (principal: Principal, orgId: string) =>
  accessRoleOf(principal, orgId) === 'organizer';

export const toConferenceView = (conference: ConferenceItem, myRole: AccessRole): ConferenceView => {
  const { createdBy: _createdBy, ...view } = conference;
  // Conferences stored before logos could be uploaded have none.
  return { ...view, logoUrl: conference.logoUrl ?? null, myRole };
};

/** The conference or 404; a conference is only ever found under the organization of the path. */
export const loadConference = async (orgId: string, conferenceId: string) => {
  const conference = await repo.getConference(orgId, conferenceId);
  if (!conference) throw new NotFoundError();
  return conference;
};

export const createConference = async (
  principal: Principal,
  orgId: string,
  input: CreateConferenceInput,
): Promise<ConferenceView> => {
  const organization = await getOrganization(orgId);
  if (organization?.status !== 'active') throw new NotFoundError();
  const now = new Date().toISOString();
  const conference: ConferenceItem = {
    id: ulid(),
    orgId,
    ...input,
    logoUrl: null,
    status: 'active',
    version: 1,
    createdAt: now,
    updatedAt: now,
    createdBy: principal.userId,
  };
  await repo.createConference(conference, [
    outboxPut('conference.created', {
      version: 1,
      orgId,
      conferenceId: conference.id,
      name: conference.name,
      userId: principal.userId,
    }),
  ]);
  return toConferenceView(conference, 'organizer');
};

export const getConference = async (principal: Principal, orgId: string, conferenceId: string) =>
  toConferenceView(await loadConference(orgId, conferenceId), accessRoleOf(principal, orgId));

export const listConferences = async (orgId: string) => ({
  items: (await repo.listConferences(orgId)).map(summaryOf),
});

const summaryOf = (conference: ConferenceItem) => ({
  id: conference.id,
  orgId: conference.orgId,
  name: conference.name,
  startDate: conference.startDate,
  endDate: conference.endDate,
  timeZone: conference.timeZone,
  privacy: conference.privacy,
  status: conference.status,
});

export const listMyConferences = async (principal: Principal) => ({
  items: (await repo.listRolesOfUser(principal.userId))
    .map(({ role, conference, organizationName }) => ({
      ...summaryOf(conference),
      myRole: role,
      organizationName,
    }))
    .sort((a, b) => a.startDate.localeCompare(b.startDate)),
});

export const updateConference = async (
  principal: Principal,
  orgId: string,
  conferenceId: string,
  input: UpdateConferenceInput,
): Promise<ConferenceView> => {
  const current = await loadConference(orgId, conferenceId);
  if (current.status === 'archived') throw new ConflictError('This event is archived');
  const { version, ...change } = input;
  const next: ConferenceItem = {
    ...current,
    ...change,
    version: current.version + 1,
    updatedAt: new Date().toISOString(),
  };
  if (next.startDate > next.endDate)
    throw new ValidationError([{ path: 'endDate', message: 'Must not be before the start date' }]);
  await repo.saveConference(next, version, [
    outboxPut('conference.updated', {
      version: 1,
      orgId,
      conferenceId,
      conferenceVersion: next.version,
      fields: Object.keys(change),
      userId: principal.userId,
    }),
  ]);
  return toConferenceView(next, accessRoleOf(principal, orgId));
};

export const archiveConference = async (principal: Principal, orgId: string, conferenceId: string) => {
  const current = await loadConference(orgId, conferenceId);
  if (current.status === 'archived') return toConferenceView(current, accessRoleOf(principal, orgId));
  const next: ConferenceItem = {
    ...current,
    status: 'archived',
    version: current.version + 1,
    updatedAt: new Date().toISOString(),
  };
  await repo.saveConference(next, current.version, [
    outboxPut('conference.archived', { version: 1, orgId, conferenceId, userId: principal.userId }),
  ]);
  return toConferenceView(next, accessRoleOf(principal, orgId));
};

// Roster -----------------------------------------------------------------------------------------------

/**
 * Gives a person a role: an existing Portico account by its email, or a new guest account invited by email
 * (they sign in and find the conference under "My events").
 */
export const addAttendee = async (
  principal: Principal,
  orgId: string,
  conferenceId: string,
  input: { email: string; name: string; role: 'attendee' | 'organizer' },
) => {
  const conference = await loadConference(orgId, conferenceId);
  const organization = await getOrganization(orgId);
  const { user, invited } = await findOrInviteGuest(
    principal,
    { email: input.email, name: input.name },
    {
      subject: `${principal.name} invited you to ${conference.name}`,
      paragraph: `${principal.name} invited you to ${conference.name} (${organization?.name ?? 'Portico'}) as ${input.role === 'organizer' ? 'an organizer' : 'an attendee'}. Accept to set up your account and see the agenda.`,
    },
  );
  if (user.status === 'deactivated') throw new ConflictError('This account is deactivated');
  const role: RoleItem = {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: input.role,
    addedAt: new Date().toISOString(),
    invited,
  };
  await repo.putRole(orgId, conferenceId, role, [
    outboxPut('conference.role-changed', {
      version: 1,
      orgId,
      conferenceId,
      personId: user.id,
      role: input.role,
      userId: principal.userId,
    }),
  ]);
  return role;
};

export const listAttendees = async (orgId: string, conferenceId: string) => {
  await loadConference(orgId, conferenceId);
  return { items: await repo.listRoles(orgId, conferenceId) };
};

export const removeAttendee = async (
  principal: Principal,
  orgId: string,
  conferenceId: string,
  userId: string,
) => {
  const removed = await repo.deleteRole(orgId, conferenceId, userId, [
    outboxPut('conference.role-changed', {
      version: 1,
      orgId,
      conferenceId,
      personId: userId,
      role: null,
      userId: principal.userId,
    }),
  ]);
  if (!removed) throw new NotFoundError();
};
