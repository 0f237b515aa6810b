import { ForbiddenError, NotFoundError } from '../http/errors';
import type { Access } from '../http/route';
import type { Role } from '../identity/contracts';

/** Who is calling, as read from the table on every request (role changes and deactivation apply at once). */
export interface Principal {
  readonly userId: string;
  readonly email: string;
  readonly name: string;
  readonly role: Role;
  /** The one organization a client user belongs to; null for operator admins and guests. */
  readonly orgId: string | null;
  /**
   * On `conference-*` routes only: the caller's role in the conference of the path, read from the roster
   * (undefined when they have none).
   */
  readonly conferenceRole?: ConferenceRole;
}

export type ConferenceRole = 'organizer' | 'speaker' | 'attendee';

export const isOperatorAdmin = (principal: Principal) => principal.role === 'admin';

/**
 * The route policy: role × organization. Another organization's resources answer 404 (never 403), so a
 * denied caller learns nothing about them; a wrong role inside one's own organization answers 403.
 */
export const authorizeRoute = (
  access: Access,
  principal: Principal,
  params: Record<string, string>,
): void => {
  switch (access) {
    case 'public':
    case 'user':
      return;
    case 'admin':
      if (!isOperatorAdmin(principal)) throw new ForbiddenError('Only operator admins may do this');
      return;
    case 'org-member':
    case 'org-owner': {
      if (isOperatorAdmin(principal)) return;
      if (!params.orgId || principal.orgId !== params.orgId) throw new NotFoundError();
      if (access === 'org-owner' && principal.role !== 'owner')
        throw new ForbiddenError('Only the organization owner may do this');
      return;
    }
    case 'conference-member':
    case 'conference-organizer': {
      if (isOperatorAdmin(principal)) return;
      const ownOrganization = Boolean(params.orgId) && principal.orgId === params.orgId;
      // Nobody learns that a conference exists without a role in it or its organization.
      if (!ownOrganization && !principal.conferenceRole) throw new NotFoundError();
      if (access === 'conference-member') return;
      if (principal.conferenceRole === 'organizer' || (ownOrganization && principal.role === 'owner')) return;
      throw new ForbiddenError('Only the event’s organizers may do this');
    }
  }
};

/** For service-level checks on a resource that names its organization. */
export const assertCanSeeOrganization = (principal: Principal, orgId: string): void => {
  if (!isOperatorAdmin(principal) && principal.orgId !== orgId) throw new NotFoundError();
};
