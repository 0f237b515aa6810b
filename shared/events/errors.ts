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
