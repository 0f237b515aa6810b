export const shardCount = 16;

/** FNV-1a of the connection id: stable, so join and leave find the same shard. */
export const shardOf = (connectionId: string): number => {
  let hash = 0x811c9dc5;
  for (let index = 0; index < connectionId.length; index++) {
    hash ^= connectionId.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % shardCount;
};
