export const idempotencyKeyHeader = 'idempotency-key';

/** The name of the honeypot field: hidden from people, tempting to bots. */
export const honeypotField = 'website';

/** Set on an answer that repeats the first answer to its idempotency key. */
export const replayedHeader = 'idempotent-replayed';
