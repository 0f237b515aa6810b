const retentionSeconds = 400 * 86_400;
export const ttl = (from = Date.now()) => Math.floor(from / 1000) + retentionSeconds;
