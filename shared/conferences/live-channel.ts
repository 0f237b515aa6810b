import { authorizeRoute } from '../auth/policy';
import { publishEvents } from '../events/publish';
import { NotFoundError } from '../http/errors';
import { type ConnectionItem, deliverToTopicShard, subscribe, unsubscribe } from '../realtime';
import { toItemView } from './agenda';
import type { StreamState } from './contracts';
import type { AgendaFrame, LiveChannelFrame, LiveFrame } from './live-contracts';
import {
  type LiveChannel,
  liveTopicKeys,
  readLiveAccess,
  readLiveAgendaItem,
  readLiveChannel,
} from './live-repository';
import type { AgendaItem } from './model';

/** A connection's name for the live topic of one conference (rooms use their own ids). */
const liveTopicId = (conferenceId: string) => `conference-live.${conferenceId}`;

/**
 * Subscribes a connection to a conference's live channel and answers the current states. Whoever may
 * read the conference over HTTP may subscribe (the same route policy, with the person's role read now,
 * not at connect time); anybody else gets the answer a missing conference gets, so another event's id
 * tells nothing.
 */
export const subscribeToLive = async (connection: ConnectionItem, orgId: string, conferenceId: string) => {
  const { user, conferenceRole, channel } = await readLiveAccess(orgId, conferenceId, connection.userId);
  if (user?.status !== 'active' || !channel) throw new NotFoundError();
  authorizeRoute(
    'conference-member',
    { ...user, userId: user.id, ...(conferenceRole ? { conferenceRole } : {}) },
    { orgId, conferenceId },
  );
  await subscribe(
    connection,
    liveTopicId(conferenceId),
    liveTopicKeys(orgId, conferenceId).topic,
    liveTopicKeys(orgId, conferenceId).states,
  );
  return { version: channel.version, states: channel.states };
};

export const unsubscribeFromLive = async (connection: ConnectionItem, conferenceId: string) => {
  const topicId = liveTopicId(conferenceId);
  const topic = connection.topics[topicId];
  if (topic) await unsubscribe(connection.connectionId, topicId, topic);
};

/** Hands one fan-out job per shard in use and frame to the bus, as chat rooms do. */
const publishToShards = async (
  orgId: string,
  conferenceId: string,
  shards: readonly number[],
  frames: readonly LiveChannelFrame[],
) => {
  if (!shards.length) return 0;
  await publishEvents(
    'conference.live-fan-out',
    frames.flatMap((frame) =>
      shards.map((shard) => ({ version: 1 as const, orgId, conferenceId, shard, frame })),
    ),
    // Ten jobs a PutEvents call; at most 16 shards and two frames, so four calls, two at a time.
    2,
  );
  return shards.length;
};

const statesFrameOf = (orgId: string, conferenceId: string, channel: LiveChannel): LiveFrame => ({
  type: 'conference.live',
  orgId,
  conferenceId,
  version: channel.version,
  states: channel.states,
});

/**
 * After a stream state changed: reads the states as they are now (so a late or repeated event still
 * sends the newest map) and fans them out.
 */
export const fanOutLiveStates = async (orgId: string, conferenceId: string) => {
  const channel = await readLiveChannel(orgId, conferenceId);
  if (!channel?.shards.length) return 0;
  return publishToShards(orgId, conferenceId, channel.shards, [statesFrameOf(orgId, conferenceId, channel)]);
};

/**
 * The frame telling the live channel's pages about one session: the view every member's agenda route
 * gives (no description, nothing kept only for the schedule), or that it is gone.
 */
export const agendaFrameOf = (
  orgId: string,
  conferenceId: string,
  itemId: string,
  item: AgendaItem | undefined,
  states: Readonly<Record<string, StreamState>>,
): AgendaFrame =>
  item
    ? {
        type: 'conference.agenda',
        v: 1,
        orgId,
        conferenceId,
        change: 'upserted',
        item: toItemView(item, states[item.id] ?? 'scheduled'),
      }
    : { type: 'conference.agenda', v: 1, orgId, conferenceId, change: 'deleted', itemId };

/**
 * After a session was added, changed or removed: reads it as it is now, so a late or repeated event
 * sends the newest version (or its removal), and fans that out with the states read beside it. A move
 * into the future takes a session's stream back to scheduled in the same write, with no state event of
 * its own, so the states frame is what tells the pages.
 */
export const fanOutAgendaChange = async (orgId: string, conferenceId: string, itemId: string) => {
  const { channel, item } = await readLiveAgendaItem(orgId, conferenceId, itemId);
  if (!channel?.shards.length) return 0;
  return publishToShards(orgId, conferenceId, channel.shards, [
    statesFrameOf(orgId, conferenceId, channel),
    agendaFrameOf(orgId, conferenceId, itemId, item, channel.states),
  ]);
};

/** One fan-out worker's job: the frame to one shard of the live topic's connections. */
export const deliverLiveShard = (
  orgId: string,
  conferenceId: string,
  shard: number,
  frame: LiveChannelFrame,
) => deliverToTopicShard(liveTopicKeys(orgId, conferenceId).topic, shard, frame);
