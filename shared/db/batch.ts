import { BatchGetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../aws/dynamo';

export interface ItemKey {
  readonly pk: string;
  readonly sk: string;
}

/**
 * Several items in one round trip (retrying only what DynamoDB left unprocessed), consistently read. Returns
 * a lookup by key; a key without an item answers undefined.
 */
export const getMany = async (keys: readonly ItemKey[]) => {
  const found = new Map<string, Record<string, unknown>>();
  let pending: Record<string, unknown>[] | undefined = keys.map((key) => ({ pk: key.pk, sk: key.sk }));
  for (let attempt = 0; pending?.length && attempt < 3; attempt++) {
    const result: BatchGetCommandOutput = await dynamo.send(
      new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }),
    );
    for (const item of result.Responses?.[tableName] ?? []) found.set(`${item.pk}|${item.sk}`, item);
    pending = result.UnprocessedKeys?.[tableName]?.Keys;
  }
  if (pending?.length) throw new Error('DynamoDB left keys unprocessed');
  return (key: ItemKey) => found.get(`${key.pk}|${key.sk}`);
};

/** As {@link getMany} for any number of keys: BatchGet takes 100 a call, so the chunks go side by side. */
export const getManyInChunks = async (keys: readonly ItemKey[]) => {
  const chunks: ItemKey[][] = [];
  for (let start = 0; start < keys.length; start += 100) chunks.push(keys.slice(start, start + 100));
  const lookups = await Promise.all(chunks.map(getMany));
  return (key: ItemKey) => {
    for (const lookup of lookups) {
      const found = lookup(key);
      if (found) return found;
    }
    return undefined;
  };
};
