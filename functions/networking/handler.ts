import { bind, httpModule } from '../../shared/http/module';
import { networkingRoutes } from '../../shared/networking/contracts';
import { acceptConnectionRequestRoute } from './accept-connection-request';
import { blockPersonRoute } from './block-person';
import { declineConnectionRequestRoute } from './decline-connection-request';
import { getNetworkingPersonRoute } from './get-networking-person';
import { getNetworkingProfileRoute } from './get-networking-profile';
import { getNetworkingSettingsRoute } from './get-networking-settings';
import { listConversationsRoute } from './list-conversations';
import { listDirectMessagesRoute } from './list-direct-messages';
import { listNetworkingBlocksRoute } from './list-networking-blocks';
import { listNetworkingDirectoryRoute } from './list-networking-directory';
import { listNetworkingLinksRoute } from './list-networking-links';
import { saveNetworkingProfileRoute } from './save-networking-profile';
import { saveNetworkingSettingsRoute } from './save-networking-settings';
import { sendConnectionRequestRoute } from './send-connection-request';
import { unblockPersonRoute } from './unblock-person';
import { withdrawConnectionRequestRoute } from './withdraw-connection-request';

export const handler = httpModule([
  bind(networkingRoutes.getProfile, getNetworkingProfileRoute),
  bind(networkingRoutes.saveProfile, saveNetworkingProfileRoute),
  bind(networkingRoutes.directory, listNetworkingDirectoryRoute),
  bind(networkingRoutes.getPerson, getNetworkingPersonRoute),
  bind(networkingRoutes.listLinks, listNetworkingLinksRoute),
  bind(networkingRoutes.sendRequest, sendConnectionRequestRoute),
  bind(networkingRoutes.acceptRequest, acceptConnectionRequestRoute),
  bind(networkingRoutes.declineRequest, declineConnectionRequestRoute),
  bind(networkingRoutes.withdrawRequest, withdrawConnectionRequestRoute),
  bind(networkingRoutes.listBlocks, listNetworkingBlocksRoute),
  bind(networkingRoutes.block, blockPersonRoute),
  bind(networkingRoutes.unblock, unblockPersonRoute),
  bind(networkingRoutes.listConversations, listConversationsRoute),
  bind(networkingRoutes.listDirectMessages, listDirectMessagesRoute),
  bind(networkingRoutes.getSettings, getNetworkingSettingsRoute),
  bind(networkingRoutes.saveSettings, saveNetworkingSettingsRoute),
]);
