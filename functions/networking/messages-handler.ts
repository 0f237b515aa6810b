import { directMessageActions } from '../../shared/networking/contracts';
import { bindAction, wsModule } from '../../shared/realtime';
import { catchUp, read, send, subscribe } from './message-actions';

/** Direct messages over the WebSocket API; the connection itself belongs to the realtime function. */
export const handler = wsModule({
  actions: [
    bindAction(directMessageActions.subscribe, subscribe),
    bindAction(directMessageActions.send, send),
    bindAction(directMessageActions.read, read),
    bindAction(directMessageActions.catchUp, catchUp),
  ],
});
