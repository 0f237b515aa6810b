/**
 * What googleapis-common asks of `qs` (`stringify(params, { arrayFormat: 'repeat' })`), without `qs` and
 * the helpers it brings (≈ 40 KiB): RFC 3986 encoding, arrays as repeated keys, `null` as an empty value,
 * `undefined` left out, dates as ISO strings, nested objects as `key[sub]`.
 */
const encode = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const pairs = (key: string, value: unknown): string[] => {
  if (value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap((item) => pairs(key, item));
  if (value !== null && typeof value === 'object' && !(value instanceof Date))
    return Object.entries(value).flatMap(([sub, item]) => pairs(`${key}[${sub}]`, item));
  const text = value === null ? '' : value instanceof Date ? value.toISOString() : String(value);
  return [`${encode(key)}=${encode(text)}`];
};

export const stringify = (params: Record<string, unknown> | null | undefined): string =>
  Object.entries(params ?? {})
    .flatMap(([key, value]) => pairs(key, value))
    .join('&');
