import { ForbiddenError, NotFoundError } from '../http/errors';
import type { ConnectionItem } from '../realtime';
import type { Account, ConferenceAccess, MemberItem, RoomItem } from './repository';
import * as repository from './repository';
import type { ChatCaller } from './service';

/**
 * Who may become a member on their own. Open rooms take anybody of the organization; private rooms only
 * by invitation. Rooms of a conference narrow this to its roster (`conference-rooms.ts`).
 */
export const canSelfJoin = (room: RoomItem) => room.kind !== 'private' && room.access !== 'invitation';

/** A frame's room as the policy lets the person behind the connection have it. */
export interface FrameRoom {
  readonly orgId: string;
  readonly room: RoomItem;
  readonly member: MemberItem | undefined;
  readonly caller: ChatCaller;
  readonly access: ConferenceAccess | undefined;
}

/** What the policy reads of a person: their account as it is now, never what a connection or token claims. */
export interface RoomPerson {
  readonly userId: string;
  readonly name: string;
  readonly role: Account['role'];
  readonly orgId: string | null;
}

/**
 * The one room policy, for WebSocket frames and the event's HTTP routes alike. Inside the organization,
 * owners and operator admins manage every room; in an event's rooms, so do its organizers. Outside it,
 * only a role on the roster of the room's event lets a person in. Private (and invitation-only) rooms exist
 * only for their members and managers. `conferenceRole` is the person's role on the roster of the room's
 * event (undefined without one, or for a room of no event). Undefined when the room does not exist for the person: the callers
 * answer 404, so nobody learns of a room that is not theirs.
 */
export const admitToRoom = (
  orgId: string,
  room: RoomItem | undefined,
  member: MemberItem | undefined,
  person: RoomPerson,
  conferenceRole: ConferenceAccess['role'],
): Omit<FrameRoom, 'access'> | undefined => {
  if (!room) return undefined;
  const admin = person.role === 'admin';
  const insider = admin || person.orgId === orgId;
  if (!insider && !conferenceRole) return undefined;
  const manages =
    admin || (person.orgId === orgId && person.role === 'owner') || conferenceRole === 'organizer';
  const caller: ChatCaller = { userId: person.userId, name: person.name, manages };
  if (!member && !canSelfJoin(room) && !manages) return undefined;
  return { orgId, room, member, caller };
};

/**
 * The room a frame names, under the organization it names (a guest's or an operator admin's connection
 * belongs to none, or to another) or else the connection's own. The frame's organization is only where to
 * look: whether the person may be there is `admitToRoom`'s decision on their account as it is now and the
 * event's roster, the same as on the event's HTTP routes.
 */
export const frameRoom = async (
  connection: ConnectionItem,
  input: { readonly orgId?: string; readonly roomId: string },
): Promise<FrameRoom> => {
  const orgId = input.orgId ?? connection.orgId;
  if (!orgId) throw new NotFoundError('No such room');
  const { room, member, account } = await repository.getRoomAccess(orgId, input.roomId, connection.userId);
  if (!room || account?.status !== 'active') throw new NotFoundError('No such room');
  const access = room.conferenceId
    ? await repository.getConferenceAccess(orgId, room.conferenceId, connection.userId)
    : undefined;
  const person = {
    userId: connection.userId,
    name: connection.name,
    role: account.role,
    orgId: account.orgId,
  };
  const admitted = admitToRoom(orgId, room, member, person, access?.role);
  if (!admitted) throw new NotFoundError('No such room');
  return { ...admitted, access };
};

/** A frame's room the person is a member of (see `frameRoom`). */
export const frameMemberRoom = async (
  connection: ConnectionItem,
  input: { readonly orgId?: string; readonly roomId: string },
) => {
  const found = await frameRoom(connection, input);
  if (!found.member) throw new ForbiddenError('Join the room first');
  return { ...found, member: found.member };
};
