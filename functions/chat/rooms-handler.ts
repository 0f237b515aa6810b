import { chatActions } from '../../shared/chat/contracts';
import { moderationActions } from '../../shared/chat/moderation-contracts';
import { bindAction, wsModule } from '../../shared/realtime';
import { catchUpAfter, edit, join, leave, read, remove, report, send } from './room-actions';

/** Chat rooms over the WebSocket API; the connection itself belongs to the realtime function. */
export const handler = wsModule({
  actions: [
    bindAction(chatActions.join, join),
    bindAction(chatActions.leave, leave),
    bindAction(chatActions.send, send),
    bindAction(chatActions.edit, edit),
    bindAction(chatActions.delete, remove),
    bindAction(chatActions.read, read),
    bindAction(chatActions.catchUp, catchUpAfter),
    bindAction(moderationActions.report, report),
  ],
});
