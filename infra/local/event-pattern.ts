type Pattern = { readonly [key: string]: unknown };

const matchesMatcher = (matcher: unknown, value: unknown, present: boolean): boolean => {
  if (matcher === null || typeof matcher !== 'object') return present && matchesValue(matcher, value);
  const rule = matcher as Record<string, unknown>;
  if ('exists' in rule) return rule.exists === present;
  if (!present) return false;
  if ('prefix' in rule) return typeof value === 'string' && value.startsWith(String(rule.prefix));
  if ('suffix' in rule) return typeof value === 'string' && value.endsWith(String(rule.suffix));
  if ('anything-but' in rule) {
    const excluded = rule['anything-but'];
    if (Array.isArray(excluded)) return !excluded.some((candidate) => matchesValue(candidate, value));
    if (excluded && typeof excluded === 'object' && 'prefix' in excluded)
      return !(
        typeof value === 'string' && value.startsWith(String((excluded as { prefix: unknown }).prefix))
      );
    return !matchesValue(excluded, value);
  }
  if ('numeric' in rule && Array.isArray(rule.numeric)) {
    if (typeof value !== 'number') return false;
    const conditions = rule.numeric as unknown[];
    for (let i = 0; i < conditions.length; i += 2) {
      const operator = conditions[i];
      const bound = Number(conditions[i + 1]);
      const ok =
        operator === '='
          ? value === bound
          : operator === '<'
            ? value < bound
            : operator === '<='
              ? value <= bound
              : operator === '>'
                ? value > bound
                : operator === '>='
                  ? value >= bound
                  : false;
      if (!ok) return false;
    }
    return true;
  }
  return false;
};

const matchesValue = (expected: unknown, value: unknown): boolean =>
  Array.isArray(value) ? value.some((element) => element === expected) : value === expected;

export const matchesPattern = (pattern: Pattern, event: Record<string, unknown>): boolean =>
  Object.entries(pattern).every(([key, rule]) => {
    const present = Object.hasOwn(event, key);
    const value = event[key];
    if (Array.isArray(rule)) return rule.some((matcher) => matchesMatcher(matcher, value, present));
    if (rule && typeof rule === 'object')
      return (
        present &&
        value !== null &&
        typeof value === 'object' &&
        matchesPattern(rule as Pattern, value as Record<string, unknown>)
      );
    return false;
  });
