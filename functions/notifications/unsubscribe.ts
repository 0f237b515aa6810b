import type { RouteImplementation } from '../../shared/http/middleware';
import type { notificationRoutes } from '../../shared/notifications/contracts';
import { unsubscribe } from '../../shared/notifications/service';
import { htmlReply } from './html-reply';

/** The page's button posts `confirm=yes`; a mail client's one-click unsubscribe posts `List-Unsubscribe=One-Click`. */
export const unsubscribeRoute: RouteImplementation<typeof notificationRoutes.unsubscribe> = async ({
  query,
  body,
}) =>
  htmlReply(await unsubscribe(query.token, body['List-Unsubscribe'] === 'One-Click' ? 'one-click' : 'page'));
