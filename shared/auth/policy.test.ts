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
});
