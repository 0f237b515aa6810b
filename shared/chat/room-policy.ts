import { ForbiddenError, NotFoundError } from '../http/errors';
import type { ConnectionItem } from '../realtime';
import type { ConferenceAccess, MemberItem, RoomItem } from './repository';
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

/**
 * The room a frame names, under the organization it names (a guest's or an operator admin's connection
 * belongs to none, or to another) or else the connection's own. The frame's organization is only where to
 * look: whether the person may be there is decided from their account as it is now and the event's roster,
 * the same policy as the event's HTTP routes. Inside the organization, owners and operator admins manage
 * every room; in an event's rooms, so do its organizers. Outside it, only a role on the roster of the
 * room's event lets a person in; any other room, of this organization or another, does not exist for them.
 */
export const frameRoom = async (
  connection: ConnectionItem,
  input: { readonly orgId?: string; readonly roomId: string },
): Promise<FrameRoom> => {
  const orgId = input.orgId ?? connection.orgId;
  if (!orgId) throw new NotFoundError('No such room');
  const { room, member, account } = await repository.getRoomAccess(orgId, input.roomId, connection.userId);
  if (!room || account?.status !== 'active') throw new NotFoundError('No such room');
  const admin = account.role === 'admin';
  const insider = admin || account.orgId === orgId;
  const access = room.conferenceId
    ? await repository.getConferenceAccess(orgId, room.conferenceId, connection.userId)
    : undefined;
  if (!insider && !access?.role) throw new NotFoundError('No such room');
  const manages =
    admin || (account.orgId === orgId && account.role === 'owner') || access?.role === 'organizer';
  const caller: ChatCaller = { userId: connection.userId, name: connection.name, manages };
  if (!member && !canSelfJoin(room) && !manages) throw new NotFoundError('No such room');
  return { orgId, room, member, caller, access };
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
