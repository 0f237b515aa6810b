import type { realtimeActions } from '../../shared/realtime/contracts';
import type { ActionImplementation } from '../../shared/realtime/middleware';

export const ping: ActionImplementation<typeof realtimeActions.ping> = async () => ({
  at: new Date().toISOString(),
});
