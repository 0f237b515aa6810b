import { moderationRoutes } from '../../shared/chat/moderation-contracts';
import { sponsorRoomRoutes } from '../../shared/chat/sponsor-room-contracts';
import { chatStatsRoutes } from '../../shared/chat/stats-contracts';
import { bind, httpModule } from '../../shared/http/module';
import { banChatPersonRoute } from './ban-chat-person';
import { decideChatReportRoute } from './decide-chat-report';
import { exportNetworkingAnalyticsRoute } from './export-networking-analytics';
import { getNetworkingAnalyticsRoute } from './get-networking-analytics';
import { listChatReportsRoute } from './list-chat-reports';
import { listChatRestrictionsRoute } from './list-chat-restrictions';
import { moderateChatMessageRoute } from './moderate-chat-message';
import { muteChatPersonRoute } from './mute-chat-person';
import { openSponsorRoomRoute } from './open-sponsor-room';
import { setChatSlowModeRoute } from './set-chat-slow-mode';
import { unbanChatPersonRoute } from './unban-chat-person';
import { unmuteChatPersonRoute } from './unmute-chat-person';

/** What an event's organizers do with its chat: moderation, sponsor rooms, networking analytics. */
export const handler = httpModule([
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
