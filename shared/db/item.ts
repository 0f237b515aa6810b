import { tableDefinition } from './table';

const keyAttributes = [
  tableDefinition.partitionKey,
  tableDefinition.sortKey,
  ...tableDefinition.globalSecondaryIndexes.flatMap((index) => [index.partitionKey, index.sortKey]),
];

/**
 * An item as the domain sees it: without the table's and indexes' key attributes, nor the given
 * attributes that exist only for queries (search text, filter copies, TTL).
 */
export const fromItem = <T>(
  item: Record<string, unknown> | undefined,
  queryOnly: readonly string[] = [],
): T | undefined => {
  if (!item) return undefined;
  const hidden = new Set([...keyAttributes, ...queryOnly]);
  return Object.fromEntries(Object.entries(item).filter(([name]) => !hidden.has(name))) as T;
};
