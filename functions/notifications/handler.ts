import { bind, httpModule } from '../../shared/http/module';
import { notificationRoutes } from '../../shared/notifications/contracts';
import { getUnsubscribePageRoute } from './get-unsubscribe-page';
import { listSuppressionsRoute } from './list-email-suppressions';
import { removeSuppressionRoute } from './remove-email-suppression';
import { unsubscribeRoute } from './unsubscribe';

export const handler = httpModule([
  bind(notificationRoutes.unsubscribePage, getUnsubscribePageRoute),
  bind(notificationRoutes.unsubscribe, unsubscribeRoute),
  bind(notificationRoutes.listSuppressions, listSuppressionsRoute),
  bind(notificationRoutes.removeSuppression, removeSuppressionRoute),
]);
