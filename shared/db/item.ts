import type * as z from '../schema/zod';
import { tableDefinition } from './table';

const keyAttributes = [
  tableDefinition.partitionKey,
  tableDefinition.sortKey,
  ...tableDefinition.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
];

/**
 * A stored item that does not have the shape its schema gives: something other than this code wrote it, or
 * an older shape no migration handled. Never shown to a caller (it answers 500); the log names the item.
 */
export class StoredItemError extends Error {
  override readonly name = 'StoredItemError';
  constructor(
    readonly key: { readonly pk: unknown; readonly sk: unknown },
    readonly issues: readonly { readonly path: string; readonly message: string }[],
  ) {
    super(
      `Stored item ${String(key.pk)} ${String(key.sk)} does not match its schema: ${issues
        .map((issue) => `${issue.path || '(item)'} ${issue.message}`)
        .join('; ')}`,
    );
  }
}

/**
 * An item as the domain sees it, parsed by `schema`: without the table's and indexes' key attributes, nor
 * the given attributes that exist only for queries (search text, filter copies, TTL). A value the schema
 * refuses throws `StoredItemError` instead of flowing on as a type it is not.
 */
export const parseItem = <S extends z.ZodMiniType>(
  schema: S,
  item: Record<string, unknown> | undefined,
  queryOnly: readonly string[] = [],
): z.output<S> | undefined => {
  if (!item) return undefined;
  const hidden = new Set([...keyAttributes, ...queryOnly]);
  const visible = Object.fromEntries(Object.entries(item).filter(([name]) => !hidden.has(name)));
  const parsed = schema.safeParse(visible);
  if (parsed.success) return parsed.data;
  throw new StoredItemError(
    { pk: item[tableDefinition.partitionKey], sk: item[tableDefinition.sortKey] },
    parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  );
};
