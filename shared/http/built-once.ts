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
