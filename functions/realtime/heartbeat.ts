import type { realtimeActions } from '../../shared/realtime/contracts';
import type { ActionImplementation } from '../../shared/realtime/middleware';
import { heartbeat as recordHeartbeat } from '../../shared/realtime/service';

export const heartbeat: ActionImplementation<typeof realtimeActions.heartbeat> = async ({
  connection,
  frame,
}) => ({ online: await recordHeartbeat(connection, frame.status) });
