import { describe, expect, it } from 'vitest';
import type { MemberItem, RoomItem } from './repository';
import { admitToRoom, type RoomPerson } from './room-policy';

const orgId = '01J0RG00000000000000000000';
const otherOrgId = '01J0THER000000000000000000';
const conferenceId = '01JC0NF0000000000000000000';

const room = (overrides: Partial<RoomItem> = {}): RoomItem => ({
  id: '01JR00M0000000000000000000',
  orgId,
  name: 'Main hall',
  kind: 'lobby',
  conferenceId,
  createdBy: '01JCREAT0R0000000000000000',
  createdAt: '2027-06-01T09:00:00.000Z',
  lastMessageAt: null,
  lastMessageId: null,
  seq: 0,
  ...overrides,
});

const person = (overrides: Partial<RoomPerson> = {}): RoomPerson => ({
  userId: '01J0SER0000000000000000000',
  name: 'Gus',
  role: 'guest',
  orgId: null,
  ...overrides,
});

const member: MemberItem = {
  userId: '01J0SER0000000000000000000',
  name: 'Gus',
  joinedAt: '2027-06-01T09:30:00.000Z',
  readSeq: 0,
  readMessageId: null,
};

describe('the room policy', () => {
  it('admits a guest on the roster of the room’s event to its open rooms, managing nothing', () => {
    expect(admitToRoom(orgId, room(), undefined, person(), 'attendee')).toMatchObject({
      orgId,
      caller: { manages: false },
      member: undefined,
    });
  });

  it('knows no room for a guest without a role, or a client user of another organization', () => {
    expect(admitToRoom(orgId, room(), member, person(), undefined)).toBeUndefined();
    expect(
      admitToRoom(orgId, room(), undefined, person({ role: 'owner', orgId: otherOrgId }), undefined),
    ).toBeUndefined();
  });

  it('keeps private and invitation-only rooms for their members and those who manage them', () => {
    for (const closed of [room({ kind: 'private' }), room({ kind: 'sponsor', access: 'invitation' })]) {
      expect(admitToRoom(orgId, closed, undefined, person(), 'attendee')).toBeUndefined();
      expect(admitToRoom(orgId, closed, member, person(), 'attendee')).toMatchObject({ member });
      expect(admitToRoom(orgId, closed, undefined, person(), 'organizer')).toMatchObject({
        caller: { manages: true },
      });
    }
  });

  it('lets the organization’s owners and the operator’s admins manage every room; its members none', () => {
    const owner = person({ role: 'owner', orgId });
    expect(admitToRoom(orgId, room({ kind: 'private' }), undefined, owner, undefined)).toMatchObject({
      caller: { manages: true },
    });
    const admin = person({ role: 'admin', orgId: null });
    expect(admitToRoom(orgId, room(), undefined, admin, undefined)).toMatchObject({
      caller: { manages: true },
    });
    const colleague = person({ role: 'member', orgId });
    expect(admitToRoom(orgId, room(), undefined, colleague, undefined)).toMatchObject({
      caller: { manages: false },
    });
    expect(admitToRoom(orgId, room({ kind: 'private' }), undefined, colleague, undefined)).toBeUndefined();
  });

  it('knows no room that does not exist', () => {
    expect(admitToRoom(orgId, undefined, undefined, person({ role: 'admin' }), 'organizer')).toBeUndefined();
  });
});
