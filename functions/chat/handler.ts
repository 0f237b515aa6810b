import { chatRoutes } from '../../shared/chat/contracts';
import { eventRoomRoutes } from '../../shared/chat/event-room-contracts';
import { moderationRoutes } from '../../shared/chat/moderation-contracts';
import { sponsorRoomRoutes } from '../../shared/chat/sponsor-room-contracts';
import { chatStatsRoutes } from '../../shared/chat/stats-contracts';
import { bind, httpModule } from '../../shared/http/module';
import { addEventRoomMemberRoute } from './add-event-room-member';
import { addRoomMemberRoute } from './add-room-member';
import { banChatPersonRoute } from './ban-chat-person';
import { createEventPrivateRoomRoute } from './create-event-private-room';
import { createRoomRoute } from './create-room';
import { decideChatReportRoute } from './decide-chat-report';
import { exportNetworkingAnalyticsRoute } from './export-networking-analytics';
import { getEventRoomRoute } from './get-event-room';
import { getNetworkingAnalyticsRoute } from './get-networking-analytics';
import { getRoomRoute } from './get-room';
import { listChatReportsRoute } from './list-chat-reports';
import { listChatRestrictionsRoute } from './list-chat-restrictions';
import { listEventRoomMembersRoute } from './list-event-room-members';
import { listEventRoomMessagesRoute } from './list-event-room-messages';
import { listEventRoomsRoute } from './list-event-rooms';
import { listRoomMembersRoute } from './list-room-members';
import { listRoomMessagesRoute } from './list-room-messages';
import { listRoomsRoute } from './list-rooms';
import { moderateChatMessageRoute } from './moderate-chat-message';
import { muteChatPersonRoute } from './mute-chat-person';
import { openSponsorRoomRoute } from './open-sponsor-room';
import { removeEventRoomMemberRoute } from './remove-event-room-member';
import { removeRoomMemberRoute } from './remove-room-member';
import { setChatSlowModeRoute } from './set-chat-slow-mode';
import { unbanChatPersonRoute } from './unban-chat-person';
import { unmuteChatPersonRoute } from './unmute-chat-person';

export const handler = httpModule([
  bind(chatRoutes.listRooms, listRoomsRoute),
  bind(chatRoutes.createRoom, createRoomRoute),
  bind(chatRoutes.getRoom, getRoomRoute),
  bind(chatRoutes.listMembers, listRoomMembersRoute),
  bind(chatRoutes.addMember, addRoomMemberRoute),
  bind(chatRoutes.removeMember, removeRoomMemberRoute),
  bind(chatRoutes.listMessages, listRoomMessagesRoute),
  bind(eventRoomRoutes.listRooms, listEventRoomsRoute),
  bind(eventRoomRoutes.createPrivateRoom, createEventPrivateRoomRoute),
  bind(eventRoomRoutes.getRoom, getEventRoomRoute),
  bind(eventRoomRoutes.listMembers, listEventRoomMembersRoute),
  bind(eventRoomRoutes.addMember, addEventRoomMemberRoute),
  bind(eventRoomRoutes.removeMember, removeEventRoomMemberRoute),
  bind(eventRoomRoutes.listMessages, listEventRoomMessagesRoute),
  bind(moderationRoutes.listReports, listChatReportsRoute),
  bind(moderationRoutes.decideReport, decideChatReportRoute),
  bind(moderationRoutes.deleteMessage, moderateChatMessageRoute),
  bind(moderationRoutes.setSlowMode, setChatSlowModeRoute),
  bind(moderationRoutes.listRestrictions, listChatRestrictionsRoute),
  bind(moderationRoutes.mute, muteChatPersonRoute),
  bind(moderationRoutes.unmute, unmuteChatPersonRoute),
  bind(moderationRoutes.ban, banChatPersonRoute),
  bind(moderationRoutes.unban, unbanChatPersonRoute),
  bind(sponsorRoomRoutes.openSponsorRoom, openSponsorRoomRoute),
  bind(chatStatsRoutes.getNetworking, getNetworkingAnalyticsRoute),
  bind(chatStatsRoutes.exportNetworking, exportNetworkingAnalyticsRoute),
]);
