// How long automation items are kept: runs, steps and send guards all carry an expiry.

/** How long runs, steps and send guards are kept. */
const retentionSeconds = 400 * 86_400;
export const ttl = (from = Date.now()) => Math.floor(from / 1000) + retentionSeconds;
