import { outboxPut } from '../events/outbox';
import { logger } from '../observability/logger';
import type { DueItem } from '../platform';
import { endStreamKind, goLiveKind, type StreamDuePayload } from './agenda';
import type { StreamState } from './contracts';
import { getConferenceAndItem, moveLiveState } from './repository';

/**
 * The due items that take a session's stream live a set time before its start and end it at its end. A
 * leftover from before a move (its `startUtc` no longer the item's), a removed item or an archived
 * conference does nothing; a state an organizer set is never undone (the move is conditional).
 */
const transition =
  (from: readonly StreamState[], to: StreamState) =>
  async (due: DueItem): Promise<void> => {
    const { orgId, conferenceId, itemId, startUtc } = due.payload as unknown as StreamDuePayload;
    const { conference, item } = await getConferenceAndItem(orgId, conferenceId, itemId);
    if (conference?.status !== 'active' || item?.startUtc !== startUtc) {
      logger.info('Stream due item is stale', { itemId, kind: due.kind });
      return;
    }
    await moveLiveState(orgId, conferenceId, itemId, from, to, [
      outboxPut('agenda-item.stream-state-changed', {
        version: 1,
        orgId,
        conferenceId,
        itemId,
        state: to,
        by: 'schedule',
        userId: null,
      }),
    ]);
  };

export const streamRunners = {
  [goLiveKind]: transition(['scheduled'], 'live'),
  [endStreamKind]: transition(['scheduled', 'live'], 'ended'),
};
