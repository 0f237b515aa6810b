import { BadRequestError } from '../http/errors';

/**
 * Opaque cursors: the last evaluated key, base64url-encoded. A cursor is checked against the partition
 * it came from and must be a whole key of the queried index, so a forged one can neither walk another
 * organization's items nor crash the query.
 */
export type Key = Record<string, string>;

/** Key attributes of a query's last evaluated key: the index's keys plus the table's. */
export const tableKey = ['pk', 'sk'] as const;
export const gsi1Key = ['gsi1pk', 'gsi1sk', 'pk', 'sk'] as const;
export const gsi2Key = ['gsi2pk', 'gsi2sk', 'pk', 'sk'] as const;

export const encodeCursor = (key: Record<string, unknown> | undefined): string | null =>
  key ? Buffer.from(JSON.stringify(key)).toString('base64url') : null;

export const decodeCursor = (
  cursor: string | undefined,
  expected: Record<string, string>,
  keyNames: readonly string[] = tableKey,
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
    Object.keys(key).length === keyNames.length &&
    keyNames.every((name) => {
      const value = (key as Record<string, unknown>)[name];
      return typeof value === 'string' && value.length > 0 && value.length < 1024;
    }) &&
    Object.entries(expected).every(([name, value]) => (key as Key)[name] === value);
  if (!valid) throw new BadRequestError('The cursor is not valid');
  return key as Key;
};

/**
 * A page of at most `limit` items. Filtered queries read more than they return; when the page is cut
 * short, the cursor continues right after the last item returned, not after the last item read.
 */
export const toPage = <T extends Record<string, unknown>>(
  items: T[],
  lastEvaluatedKey: Record<string, unknown> | undefined,
  limit: number,
  keyNames: readonly string[],
): { items: T[]; nextCursor: string | null } => {
  if (items.length <= limit) return { items, nextCursor: encodeCursor(lastEvaluatedKey) };
  const page = items.slice(0, limit);
  const last = page[page.length - 1]!;
  return {
    items: page,
    nextCursor: encodeCursor(Object.fromEntries(keyNames.map((name) => [name, last[name]]))),
  };
};
