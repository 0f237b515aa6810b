import type { Principal } from '../auth/policy';
import { BadRequestError, NotFoundError, VersionConflictError } from '../http/errors';
import { getOrganization } from '../organizations';
import type { OrganizationView } from '../organizations/contracts';

/** Who made a change: a signed-in user, or nobody (a visitor's lead-form submission). */
export interface Actor {
  readonly userId: string | null;
  readonly name: string | null;
}

export const actorOf = (principal: Principal): Actor => ({ userId: principal.userId, name: principal.name });

export const who = (actor: Actor) => actor.name ?? 'A visitor';

export const label = (status: string) => status.replace('_', ' ');

export const activeOrganization = (org: OrganizationView | undefined) => {
  if (!org) throw new NotFoundError();
  if (org.status !== 'active') throw new BadRequestError('This organization is archived');
  return org;
};

export const loadOrganization = async (orgId: string) => {
  const org = await getOrganization(orgId);
  if (!org) throw new NotFoundError();
  return org;
};

export const assertVersion = (current: { version: number }, version: number) => {
  if (current.version !== version) throw new VersionConflictError(current.version);
};

/** The fields whose values differ between two states (compared as JSON). */
export const changedFields = <T extends object>(current: T, changes: Partial<T>): string[] =>
  Object.keys(changes).filter(
    (field) => JSON.stringify(changes[field as keyof T]) !== JSON.stringify(current[field as keyof T]),
  );
