import { liveActions } from '../../shared/conferences/live-contracts';
import { bindAction, wsModule } from '../../shared/realtime';
import { subscribe, unsubscribe } from './live-actions';

/** Conference live channels over the WebSocket API; the connection itself belongs to the realtime function. */
export const handler = wsModule({
  actions: [bindAction(liveActions.subscribe, subscribe), bindAction(liveActions.unsubscribe, unsubscribe)],
});
