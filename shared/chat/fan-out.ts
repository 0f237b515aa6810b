import { publishEvents } from '../events/publish';
import { deliverToTopicShard } from '../realtime';
import type { RoomFrame } from './contracts';
import { roomTopic } from './repository';

/**
 * Hands a frame for a room to one fan-out job per shard in use, never posting in the request that sent
 * the message: on AWS every post is one PostToConnection against the account's API Gateway throttle
 * (about 10,000/s shared by every API), so a 1,000-connection room would otherwise cost the sender
 * 1,000 sequential-ish calls. The jobs travel as domain events because EventBridge already runs the
 * manifest's consumers asynchronously, in parallel, with retries and a dead-letter queue, and the local
 * cloud's bus does the same; SQS would batch better but add a second delivery path to keep in step.
 */
export const fanOut = async (
  orgId: string,
  roomId: string,
  shards: ReadonlySet<number> | undefined,
  frame: RoomFrame,
): Promise<void> => {
  if (!shards?.size) return;
  await publishEvents(
    'chat.fan-out',
    [...shards].map((shard) => ({ version: 1 as const, orgId, roomId, shard, frame })),
    // Each PutEvents carries ten jobs; a room uses at most 16 shards, so all go out at once.
    2,
  );
};

/** One worker's job: one shard of the room's connections (see `deliverToTopicShard`). */
export const deliverToShard = (orgId: string, roomId: string, shard: number, frame: RoomFrame) =>
  deliverToTopicShard(roomTopic(orgId, roomId), shard, frame);
