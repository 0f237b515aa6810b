import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../aws/dynamo';
import type { ItemKey } from './batch';
import { isConditionFailure } from './errors';
import { ttlIn } from './ttl';

/**
 * Fixed windows of `windowSeconds`, numbered from the epoch as sign-in throttling numbers them: the window a
 * moment falls in, the seconds until the next one starts (a 429's `Retry-After`), and a TTL that outlives it.
 */
export const fixedWindow = (windowSeconds: number, now = Date.now()) => {
  const index = Math.floor(now / 1000 / windowSeconds);
  return {
    start: String(index),
    retryAfterSeconds: Math.max(1, Math.ceil((index + 1) * windowSeconds - now / 1000)),
    ttl: ttlIn(windowSeconds * 2, now),
  };
};

/**
 * Counts one request against a window's counter if it is still under `limit`. One conditional update, so
 * concurrent requests can never take more than the limit between them (a read-then-write check could).
 * @returns whether the request fits.
 */
export const takeFromWindow = async (key: ItemKey, limit: number, ttl: number): Promise<boolean> => {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: 'ADD #count :one SET #ttl = if_not_exists(#ttl, :ttl)',
        ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
        ExpressionAttributeNames: { '#count': 'count', '#ttl': 'ttl' },
        ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':ttl': ttl },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
};

/** Returns one request to a window's counter, for a request that another limit refused after all. */
export const returnToWindow = async (key: ItemKey): Promise<void> => {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: 'ADD #count :minusOne',
        ConditionExpression: '#count > :zero',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
};
