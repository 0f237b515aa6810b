/**
 * `build`, run once per distinct argument list and its result kept. For schemas built on first use: a
 * function builds every schema it imports when it loads, and a schema costs a construction per chained call.
 */
export const builtOnce = <A extends readonly (string | number | boolean)[], R>(build: (...args: A) => R) => {
  const built = new Map<string, R>();
  return (...args: A): R => {
    const key = JSON.stringify(args);
    if (built.has(key)) return built.get(key) as R;
    const result = build(...args);
    built.set(key, result);
    return result;
  };
};
