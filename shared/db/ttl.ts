/** Epoch seconds, as DynamoDB's TTL wants them. */
export const ttlIn = (seconds: number, from = Date.now()): number => Math.floor(from / 1000) + seconds;

/** DynamoDB deletes expired items late (DynamoDB Local never does): reads treat them as gone. */
export const isExpired = (item: { ttl?: number } | undefined, now = Date.now()): boolean =>
  item?.ttl !== undefined && item.ttl * 1000 <= now;
