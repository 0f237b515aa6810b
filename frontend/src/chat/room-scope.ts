import { chatRoutes, type MemberView, type MessageView, type RoomView } from '../../../shared/chat/contracts';
import { eventRoomRoutes } from '../../../shared/chat/event-room-contracts';
import type { Page } from '../../../shared/http/contracts';
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
