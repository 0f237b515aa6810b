import { listShard, removeConnection } from './repository';
import { postToMany } from './send';

/**
 * One fan-out worker's job for any topic (a chat room, a conference's live channel): posts the frame to
 * every live connection of one shard, read by a Query of that shard's partition (never a Scan), and
 * removes the connections that answered 410 — each by its own id only.
 */
export const deliverToTopicShard = async (topic: string, shard: number, frame: unknown) => {
  let startKey: Record<string, unknown> | undefined;
  let delivered = 0;
  const gone: string[] = [];
  do {
    const page = await listShard(topic, shard, startKey);
    const result = await postToMany(
      page.subscriptions.map((subscription) => subscription.connectionId),
      frame,
      { onGone: (connectionId) => removeConnection(connectionId, [topic]) },
    );
    delivered += result.delivered;
    gone.push(...result.gone);
    startKey = page.next;
  } while (startKey);
  return { delivered, gone };
};
