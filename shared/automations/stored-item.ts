// How automation items are kept: read without their expiry, which runs, steps and send guards all carry.

import { fromItem } from '../db/item';

export const strip = <T>(item: Record<string, unknown> | undefined): T | undefined =>
  fromItem<T>(item, ['ttl']);

/** How long runs, steps and send guards are kept. */
const retentionSeconds = 400 * 86_400;
export const ttl = (from = Date.now()) => Math.floor(from / 1000) + retentionSeconds;
