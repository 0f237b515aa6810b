import { realtimeActions } from '../../shared/realtime/contracts';
import { bindAction, wsModule } from '../../shared/realtime/middleware';
import { connect } from './connect';
import { disconnect } from './disconnect';
import { heartbeat } from './heartbeat';
import { ping } from './ping';

/** The connection itself: ticket check, cleanup, liveness, presence, and an answer to unknown frames. */
export const handler = wsModule({
  connect,
  disconnect,
  fallback: true,
  actions: [bindAction(realtimeActions.ping, ping), bindAction(realtimeActions.heartbeat, heartbeat)],
});
