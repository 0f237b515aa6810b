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
): Promise<number> => postToConnections(topic, await topicConnections(topic, shards), frame);

/**
 * The live connections of a small topic, every shard in use read side by side: a request can read them
 * while it writes, and post once the write succeeded (`postToConnections`), one round trip sooner than
 * `postToTopic` after it. A connection subscribing in between misses that frame, as it would a moment
 * earlier; a subscriber reads the current state when it subscribes.
 */
export const topicConnections = async (
  topic: string,
  shards: ReadonlySet<number> | undefined,
): Promise<string[]> => {
  const pages = await Promise.all(
    [...(shards ?? [])].map(async (shard) => {
      const connectionIds: string[] = [];
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await listShard(topic, shard, startKey);
        connectionIds.push(...page.subscriptions.map((subscription) => subscription.connectionId));
        startKey = page.next;
      } while (startKey);
      return connectionIds;
    }),
  );
  return pages.flat();
};

/** Posts a frame to connections of a topic; one that is gone is removed with its subscription. */
export const postToConnections = async (
  topic: string,
  connectionIds: readonly string[],
  frame: unknown,
): Promise<number> => {
  if (connectionIds.length === 0) return 0;
  const result = await postToMany(connectionIds, frame, {
    onGone: (connectionId) => removeConnection(connectionId, [topic]),
  });
  return result.delivered;
};
