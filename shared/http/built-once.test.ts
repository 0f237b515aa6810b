import { describe, expect, it } from 'vitest';
import { builtOnce } from './built-once';

describe('builtOnce', () => {
  it('builds once per argument list and hands back the same result after', () => {
    const calls: string[] = [];
    const build = builtOnce((max: number, required: boolean) => {
      calls.push(`${max}:${required}`);
      return { max, required };
    });
    const first = build(5, true);
    expect(build(5, true)).toBe(first);
    expect(build(5, false)).not.toBe(first);
    expect(calls).toEqual(['5:true', '5:false']);
  });
});
