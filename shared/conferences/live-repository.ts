import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { ConferenceRole } from '../auth/policy';
import { dynamo, tableName } from '../aws/dynamo';
import { getMany } from '../db/batch';
import { fromItem } from '../db/item';
import { conferenceKeys, userKeys } from '../db/keys';
import type { UserItem } from '../identity';
import type { StreamState } from './contracts';

export interface LiveChannel {
  readonly states: Record<string, StreamState>;
  readonly version: number;
  /** Shards of the live topic that have (or had) subscribers. */
  readonly shards: readonly number[];
}

const toChannel = (item: Record<string, unknown>): LiveChannel => ({
  states: (item.states ?? {}) as Record<string, StreamState>,
  version: (item.version as number | undefined) ?? 0,
  shards: [...((item.shards as Set<number> | undefined) ?? [])],
});

/**
 * What deciding a live subscription needs, in one batch read: the person behind the connection (their
 * role and organization now, not when they connected), their role in the conference, and the
 * conference's live states. No live states means no such conference.
 */
/** The topic a conference's live channel fans out on, and the item holding its states. */
export const liveTopicKeys = (orgId: string, conferenceId: string) => ({
  topic: conferenceKeys.liveTopic(orgId, conferenceId),
  states: conferenceKeys.liveStates(orgId, conferenceId),
});

export const readLiveAccess = async (orgId: string, conferenceId: string, userId: string) => {
  const userKey = userKeys.user(userId);
  const roleKey = conferenceKeys.role(orgId, conferenceId, userId);
  const liveKey = conferenceKeys.liveStates(orgId, conferenceId);
  const found = await getMany([userKey, roleKey, liveKey]);
  const live = found(liveKey);
  return {
    user: fromItem<UserItem>(found(userKey), ['searchText']),
    conferenceRole: found(roleKey)?.role as ConferenceRole | undefined,
    channel: live ? toChannel(live) : undefined,
  };
};

/** The live states with the shards to post them to, read consistently right after a change. */
export const readLiveChannel = async (orgId: string, conferenceId: string) => {
  const { Item } = await dynamo.send(
    new GetCommand({
      TableName: tableName,
      Key: conferenceKeys.liveStates(orgId, conferenceId),
      ConsistentRead: true,
    }),
  );
  return Item ? toChannel(Item) : undefined;
};
