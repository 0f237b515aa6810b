export const ttlIn = (seconds: number, from = Date.now()): number => Math.floor(from / 1000) + seconds;

/** DynamoDB deletes expired items late (DynamoDB Local never does): reads treat them as gone. */
export const isExpired = (item: object | undefined, now = Date.now()): boolean => {
  const ttl = item && 'ttl' in item ? item.ttl : undefined;
  return typeof ttl === 'number' && ttl * 1000 <= now;
};
