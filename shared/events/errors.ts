/**
 * A failure no retry can fix (an address that would inject a header, a detail that does not parse, a
 * grant Google revoked for good). A consumer that meets one records it and stops: the event is not
 * retried and not dead-lettered, and whoever reads the record sees why and that retrying will not help.
 */
export class PermanentError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentError';
  }
}

/** Whether `error`, or the error it wraps, is one a retry cannot fix. */
export const isPermanent = (error: unknown): boolean => {
  for (let current = error; current instanceof Error; current = current.cause)
    if (current instanceof PermanentError) return true;
  return false;
};
