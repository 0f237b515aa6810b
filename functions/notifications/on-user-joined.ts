import { eventConsumer } from '../../shared/events/consumer';
import { notifyInviterOfJoin } from '../../shared/identity';

export const handler = eventConsumer('notify-inviter', 'user.joined', notifyInviterOfJoin);
