import { listShard, removeConnection } from './repository';
import { postToMany } from './send';

/**
 * Posts a frame to every live connection of a small topic — one person's inbox, a handful of tabs — right
 * in the request: its shards in use are known from the topic's head. Rooms never go this way: their
 * messages fan out through one job per shard (`shared/chat/fan-out.ts`).
 */
export const postToTopic = async (
  topic: string,
  shards: ReadonlySet<number> | undefined,
  frame: unknown,
): Promise<number> => {
  const delivered = await Promise.all(
    [...(shards ?? [])].map(async (shard) => {
      let count = 0;
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await listShard(topic, shard, startKey);
        const result = await postToMany(
          page.subscriptions.map((subscription) => subscription.connectionId),
          frame,
          { onGone: (connectionId) => removeConnection(connectionId, [topic]) },
        );
        count += result.delivered;
        startKey = page.next;
      } while (startKey);
      return count;
    }),
  );
  return delivered.reduce((sum, count) => sum + count, 0);
};
