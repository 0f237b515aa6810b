import { describe, expect, it } from 'vitest';
import { allowance, estimate, retryAfterSeconds, slidingWindow } from './throttle';

const windowSeconds = 600;
const start = Date.UTC(2026, 4, 4, 9, 0, 0);
const at = (secondsIntoWindow: number) => slidingWindow(windowSeconds, start + secondsIntoWindow * 1000);

describe('sliding windows', () => {
  it('number windows from the epoch and tell how far into its window a moment is', () => {
    expect(at(0).current).toBe(String(start / 1000 / windowSeconds));
    expect(at(0).previous).toBe(String(start / 1000 / windowSeconds - 1));
    expect(at(300).elapsed).toBeCloseTo(0.5);
    expect(at(599.5).current).toBe(at(0).current);
    expect(at(600).current).not.toBe(at(0).current);
    expect(at(600).previous).toBe(at(0).current);
  });

  it('keep a counter until the window after its own has ended', () => {
    expect(at(0).ttl * 1000).toBeGreaterThan(start + 2 * windowSeconds * 1000);
  });

  it('weigh the previous window by the part of it still inside the last window-length', () => {
    expect(estimate(10, 0, at(0))).toBe(10);
    expect(estimate(10, 2, at(150))).toBeCloseTo(9.5);
    expect(estimate(10, 2, at(599))).toBeCloseTo(2 + 10 / 600);
  });

  it('let the current window take what the previous one leaves of the limit', () => {
    expect(allowance(10, 0, at(0))).toBe(10);
    expect(allowance(10, 10, at(0))).toBe(0);
    expect(allowance(10, 10, at(300))).toBe(5);
    expect(allowance(10, 10, at(301))).toBe(6);
    expect(allowance(100, 40, at(450))).toBe(90);
  });

  it('never let a flood that straddles a window’s end through twice over', () => {
    // A full window's worth just before the end, then as many as fit just after it.
    const before = allowance(10, 0, at(590));
    const after = allowance(10, before, at(610));
    expect(before + after).toBeLessThanOrEqual(10 + 1);
  });
});

describe('the wait after a refusal', () => {
  it('lasts until the next window when the previous one was empty', () => {
    expect(retryAfterSeconds(10, 0, 10, at(120))).toBe(480);
    expect(retryAfterSeconds(10, 0, 10, at(599.5))).toBe(1);
  });

  it('lasts until the previous window’s weight has fallen by one request', () => {
    // At 300 s the previous window's 10 weigh 5; the sixth fits once they weigh under 5.
    expect(retryAfterSeconds(10, 10, 5, at(300))).toBe(1);
    expect(retryAfterSeconds(10, 10, 5, at(240))).toBe(60);
  });

  it('reaches into the next window when the current one alone is at the limit', () => {
    // 20 failures against a limit of 5: the next window starts with 20 weighing until they weigh under 5.
    expect(retryAfterSeconds(5, 0, 20, at(0))).toBe(600 + 450);
  });

  it('is a whole second at least', () => {
    expect(retryAfterSeconds(10, 10, 5, at(300))).toBeGreaterThanOrEqual(1);
  });
});
