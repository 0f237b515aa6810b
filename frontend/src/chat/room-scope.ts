import { chatRoutes, type MemberView, type MessageView, type RoomView } from '../../../shared/chat/contracts';
import { eventRoomRoutes } from '../../../shared/chat/event-room-contracts';
import { conferenceRoutes } from '../../../shared/conferences/contracts';
import type { Page } from '../../../shared/http/contracts';
import { organizationRoutes } from '../../../shared/organizations/contracts';
import { call } from '../lib/api';

/**
 * Where a room is read from: the organization's own rooms (client users), or one event's rooms, which
 * anyone on its roster reads, guests of the organization among them.
 */
export interface RoomScope {
  readonly orgId: string;
  readonly conferenceId?: string;
}

type PageQuery = { readonly limit: number; readonly cursor?: string };

export const readRoom = (scope: RoomScope, roomId: string): Promise<RoomView> =>
  scope.conferenceId
    ? call(eventRoomRoutes.getRoom, {
        params: { orgId: scope.orgId, conferenceId: scope.conferenceId, roomId },
      })
    : call(chatRoutes.getRoom, { params: { orgId: scope.orgId, roomId } });

export const readHistory = (
  scope: RoomScope,
  roomId: string,
  query: PageQuery,
): Promise<Page<MessageView>> =>
  scope.conferenceId
    ? call(eventRoomRoutes.listMessages, {
        params: { orgId: scope.orgId, conferenceId: scope.conferenceId, roomId },
        query,
      })
    : call(chatRoutes.listMessages, { params: { orgId: scope.orgId, roomId }, query });

export const readMembers = (scope: RoomScope, roomId: string, query: PageQuery): Promise<Page<MemberView>> =>
  scope.conferenceId
    ? call(eventRoomRoutes.listMembers, {
        params: { orgId: scope.orgId, conferenceId: scope.conferenceId, roomId },
        query,
      })
    : call(chatRoutes.listMembers, { params: { orgId: scope.orgId, roomId }, query });

export const addToRoom = (scope: RoomScope, roomId: string, userId: string): Promise<MemberView> =>
  scope.conferenceId
    ? call(eventRoomRoutes.addMember, {
        params: { orgId: scope.orgId, conferenceId: scope.conferenceId, roomId },
        body: { userId },
      })
    : call(chatRoutes.addMember, { params: { orgId: scope.orgId, roomId }, body: { userId } });

/** Leaves the room (one's own id) or takes someone out of it. */
export const removeFromRoom = (scope: RoomScope, roomId: string, userId: string): Promise<void> =>
  scope.conferenceId
    ? call(eventRoomRoutes.removeMember, {
        params: { orgId: scope.orgId, conferenceId: scope.conferenceId, roomId, userId },
      })
    : call(chatRoutes.removeMember, { params: { orgId: scope.orgId, roomId, userId } });

/** Someone who may be brought into a room of the scope, with what they are there (a role). */
export interface Invitable {
  readonly userId: string;
  readonly name: string;
  readonly role: string;
}

/**
 * The people a room of the scope takes: for an event, its roster (organizers read it); for the
 * organization, its users not deactivated (the first hundred, as the members list shows them).
 */
export const readInvitable = async (scope: RoomScope, signal?: AbortSignal): Promise<Invitable[]> => {
  const { orgId, conferenceId } = scope;
  if (conferenceId) {
    const roster = await call(conferenceRoutes.listAttendees, { params: { orgId, conferenceId }, signal });
    return roster.items.map(({ userId, name, role }) => ({ userId, name, role }));
  }
  const users = await call(organizationRoutes.listMembers, {
    params: { orgId },
    query: { limit: 100 },
    signal,
  });
  return users.items
    .filter((user) => user.status !== 'deactivated')
    .map(({ userId, name, role }) => ({ userId, name, role }));
};
