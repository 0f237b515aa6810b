import { BadRequestError } from '../http/errors';

/**
 * Opaque cursors: the last evaluated key, base64url-encoded. A cursor is checked against the partition
 * it came from, so a forged one cannot walk another organization's items (or crash the query).
 */
export type Key = Record<string, string>;

export const encodeCursor = (key: Record<string, unknown> | undefined): string | null =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;

export const decodeCursor = (
  cursor: string | undefined,
  expected: Record<string, string>,
): Key | undefined => {
  if (!cursor) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new BadRequestError('The cursor is not valid');
  }
  const valid =
    typeof key === 'object' &&
    key !== null &&
    !Array.isArray(key) &&
    Object.values(key).every((value) => typeof value === 'string' && value.length < 1024) &&
    Object.entries(expected).every(([name, value]) => (key as Key)[name] === value);
  if (!valid) throw new BadRequestError('The cursor is not valid');
  return key as Key;
};
