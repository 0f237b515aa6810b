/**
 * The clock rate limits read. In AWS it is the system clock; the local cloud can pin or move it
 * (`/_local/clock`), and unit tests replace `now`, so no test waits for a window to pass.
 */
export const clock = {
  now: (): number => Date.now(),
};
