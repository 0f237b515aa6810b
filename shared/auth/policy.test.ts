import { describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError } from '../http/errors';
import { authorizeRoute, type Principal } from './policy';

const orgA = '01J0000000000000000000000A';
const orgB = '01J0000000000000000000000B';
const admin: Principal = { userId: 'u1', email: 'a@x', name: 'A', role: 'admin', orgId: null };
const owner: Principal = { userId: 'u2', email: 'o@x', name: 'O', role: 'owner', orgId: orgA };
const member: Principal = { userId: 'u3', email: 'm@x', name: 'M', role: 'member', orgId: orgA };

describe('authorizeRoute', () => {
  it('lets operator admins into every organization', () => {
    expect(() => authorizeRoute('org-owner', admin, { orgId: orgB })).not.toThrow();
    expect(() => authorizeRoute('admin', admin, {})).not.toThrow();
  });

  it('answers 404, not 403, for another organization', () => {
    expect(() => authorizeRoute('org-member', owner, { orgId: orgB })).toThrow(NotFoundError);
    expect(() => authorizeRoute('org-owner', member, { orgId: orgB })).toThrow(NotFoundError);
  });

  it('answers 403 for the wrong role inside one’s own organization and for admin routes', () => {
    expect(() => authorizeRoute('org-owner', member, { orgId: orgA })).toThrow(ForbiddenError);
    expect(() => authorizeRoute('admin', owner, {})).toThrow(ForbiddenError);
  });

  it('lets members read and owners edit their own organization', () => {
    expect(() => authorizeRoute('org-member', member, { orgId: orgA })).not.toThrow();
    expect(() => authorizeRoute('org-owner', owner, { orgId: orgA })).not.toThrow();
  });

  describe('on conference routes', () => {
    const conference = { orgId: orgA, conferenceId: '01J0000000000000000000000C' };
    const guest = (conferenceRole?: Principal['conferenceRole']): Principal => ({
      userId: 'u4',
      email: 'g@x',
      name: 'G',
      role: 'guest',
      orgId: null,
      conferenceRole,
    });
    const otherOwner: Principal = { ...owner, orgId: orgB };

    it('answers 404 to people with no role in the conference and not of its organization', () => {
      expect(() => authorizeRoute('conference-member', guest(), conference)).toThrow(NotFoundError);
      expect(() => authorizeRoute('conference-member', otherOwner, conference)).toThrow(NotFoundError);
      expect(() => authorizeRoute('conference-organizer', otherOwner, conference)).toThrow(NotFoundError);
    });

    it('lets attendees, speakers and the organization’s members read', () => {
      for (const role of ['attendee', 'speaker', 'organizer'] as const)
        expect(() => authorizeRoute('conference-member', guest(role), conference)).not.toThrow();
      expect(() => authorizeRoute('conference-member', member, conference)).not.toThrow();
      expect(() =>
        authorizeRoute('conference-member', { ...otherOwner, conferenceRole: 'attendee' }, conference),
      ).not.toThrow();
    });

    it('lets only organizers, the organization’s owners and operator admins organize', () => {
      expect(() => authorizeRoute('conference-organizer', guest('organizer'), conference)).not.toThrow();
      expect(() => authorizeRoute('conference-organizer', owner, conference)).not.toThrow();
      expect(() => authorizeRoute('conference-organizer', admin, conference)).not.toThrow();
      expect(() => authorizeRoute('conference-organizer', guest('speaker'), conference)).toThrow(
        ForbiddenError,
      );
      expect(() => authorizeRoute('conference-organizer', guest('attendee'), conference)).toThrow(
        ForbiddenError,
      );
      expect(() => authorizeRoute('conference-organizer', member, conference)).toThrow(ForbiddenError);
    });
  });
});
