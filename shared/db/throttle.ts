import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../aws/dynamo';
import * as z from '../schema/zod';
import type { ItemKey } from './batch';
import { clock } from './clock';
import { isConditionFailure } from './errors';
import { parseItem } from './item';
import { type ThrottleScope, userKeys } from './keys';
import { isExpired } from './ttl';

/**
 * Sliding-window rate limits, by the two-window weighted approximation: a request fits while
 * `previous × (1 − elapsed) + current < limit`, where `current` counts the window a moment falls in,
 * `previous` the window before it and `elapsed` is how far into its window the moment is (0–1). Two
 * counters per limit, each one item that a conditional ADD moves, so concurrent requests never take more
 * than the limit and never conflict with each other (a bounded log of timestamps would be one item all
 * requests rewrite, conditioned on its version: concurrent visitors of one organization would keep losing
 * to each other). It assumes the previous window's requests were spread evenly, which overestimates a burst
 * at its start and never lets more than the limit through in any window-long stretch by more than that.
 */
export interface SlidingWindow {
  /** The current window's number (its start in windows since the epoch), for its counter's key. */
  readonly current: string;
  readonly previous: string;
  /** How far into the current window the moment is, 0 ≤ elapsed < 1. */
  readonly elapsed: number;
  readonly windowSeconds: number;
  /** Epoch seconds: a counter of the current window is read until the next window ends. */
  readonly ttl: number;
}

export const slidingWindow = (windowSeconds: number, now = clock.now()): SlidingWindow => {
  const position = now / 1000 / windowSeconds;
  const index = Math.floor(position);
  return {
    current: String(index),
    previous: String(index - 1),
    elapsed: position - index,
    windowSeconds,
    ttl: (index + 2) * windowSeconds + 60,
  };
};

/**
 * How many requests the current window may hold in all, given the previous window's count: the window's
 * counter takes a request while it is below this.
 */
export const allowance = (limit: number, previousCount: number, window: SlidingWindow): number =>
  limit - Math.floor(previousCount * (1 - window.elapsed));

/**
 * Seconds until one more request fits after a refusal with `currentCount` in the current window: either the
 * previous window's weight falls far enough within this window, or the next window starts with this one as
 * its previous (and its weight falls from there).
 */
export const retryAfterSeconds = (
  limit: number,
  previousCount: number,
  currentCount: number,
  window: SlidingWindow,
): number => {
  const room = limit - currentCount;
  const fitsAt =
    room > 0 ? 1 - room / Math.max(previousCount, room) : 1 + Math.max(0, 1 - limit / currentCount);
  // Less a microsecond: floating point must not turn an exact minute into 61 s.
  return Math.max(1, Math.ceil((fitsAt - window.elapsed) * window.windowSeconds - 1e-6));
};

/** The sliding window's count at a moment: previous × (1 − elapsed) + current. */
export const estimate = (previousCount: number, currentCount: number, window: SlidingWindow): number =>
  previousCount * (1 - window.elapsed) + currentCount;

/**
 * The counter of one limit in one window: this file is the store of rate-limit counters, so callers name
 * the limit (`scope`) and what it counts (`subject`: a hash of an account or IP, an organization id), never
 * a key.
 */
export const throttleCounter = (scope: ThrottleScope, subject: string, window: string): ItemKey =>
  userKeys.throttle(scope, subject, window);

/** A window's counter: its count, and when it may go (it is read for one window after its own). */
const counterItem = z.object({ count: z.number().check(z.int()), ttl: z.optional(z.number()) });

/**
 * A transaction item that counts one request in the current window's counter if it holds fewer than
 * `allowed`; with the request's other writes in the same transaction, a refused or replayed request
 * counts nothing.
 */
export const countInWindow = (key: ItemKey, allowed: number, window: SlidingWindow) => ({
  Update: {
    TableName: tableName,
    Key: key,
    UpdateExpression: 'ADD #count :one SET #ttl = if_not_exists(#ttl, :ttl)',
    ConditionExpression: 'attribute_not_exists(#count) OR #count < :allowed',
    ExpressionAttributeNames: { '#count': 'count', '#ttl': 'ttl' },
    ExpressionAttributeValues: { ':one': 1, ':allowed': allowed, ':ttl': window.ttl },
  },
});

/**
 * Counts one request against a sliding-window limit on its own (for limits that are not part of a
 * larger transaction, such as chat messages): reads the previous window's counter, then counts in the
 * current one if it still has room.
 */
export const takeFromSlidingWindow = async (
  scope: ThrottleScope,
  subject: string,
  limit: number,
  windowSeconds: number,
): Promise<{ readonly taken: true } | { readonly taken: false; readonly retryAfterSeconds: number }> => {
  const window = slidingWindow(windowSeconds);
  const keyOf = (windowNumber: string) => throttleCounter(scope, subject, windowNumber);
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: keyOf(window.previous), ConsistentRead: true }),
  );
  const counter = parseItem(counterItem, Item);
  const previous = counter && !isExpired(counter, clock.now()) ? counter.count : 0;
  const allowed = allowance(limit, previous, window);
  try {
    await dynamo.send(new UpdateCommand(countInWindow(keyOf(window.current), allowed, window).Update));
    return { taken: true };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return { taken: false, retryAfterSeconds: retryAfterSeconds(limit, previous, allowed, window) };
  }
};
