/**
 * Names the API and the browser's form share, kept free of zod so the embed script can import them and
 * stay small. The contracts re-export them.
 */

/** The header that makes a retried submission safe: the same key stores one lead and gets the first answer. */
export const idempotencyKeyHeader = 'idempotency-key';

/** The name of the honeypot field: hidden from people, tempting to bots. */
export const honeypotField = 'website';

/** Set on an answer that repeats the first answer to its idempotency key. */
export const replayedHeader = 'idempotent-replayed';
