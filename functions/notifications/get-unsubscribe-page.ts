import type { RouteImplementation } from '../../shared/http/middleware';
import type { notificationRoutes } from '../../shared/notifications/contracts';
import { unsubscribePage } from '../../shared/notifications/service';
import { htmlReply } from './html-reply';

export const getUnsubscribePageRoute: RouteImplementation<
  typeof notificationRoutes.unsubscribePage
> = async ({ query }) => htmlReply(await unsubscribePage(query.token));
