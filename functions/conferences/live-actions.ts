import { subscribeToLive, unsubscribeFromLive } from '../../shared/conferences/live-channel';
import type { liveActions } from '../../shared/conferences/live-contracts';
import type { ActionImplementation } from '../../shared/realtime';

/** A page subscribes to the live channel of the conference it shows, and leaves it. */
export const subscribe: ActionImplementation<typeof liveActions.subscribe> = ({ connection, frame }) =>
  subscribeToLive(connection, frame.orgId, frame.conferenceId);

export const unsubscribe: ActionImplementation<typeof liveActions.unsubscribe> = async ({
  connection,
  frame,
}) => {
  await unsubscribeFromLive(connection, frame.conferenceId);
  return undefined;
};
