import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../aws/dynamo';
import { decodeCursor, encodeCursor, gsi1Key, toPage } from './cursor';

export interface FilteredListQuery {
  /** The gsi1 partition that holds the whole list, e.g. `USERS#`. */
  readonly partition: string;
  /** Matched against the item's lower-case `searchText`. */
  readonly search?: string;
  /** Attribute → value that must match exactly; undefined values are ignored. */
  readonly equals: Record<string, string | undefined>;
  readonly limit: number;
  readonly cursor?: string;
}

/** How many items a filtered list reads in one query, and how many queries one page may take. */
const filteredRead = { items: 500, queries: 2 } as const;

/**
 * One page of an admin list kept in a single gsi1 partition, sorted by its sort key, with optional
 * search and exact-match filters. Filters apply after the read, so a filtered page reads up to
 * `filteredRead.items` items a query and keeps reading (at most `filteredRead.queries` queries) until it
 * has `limit` matches: a search finds what lies beyond the first few hundred items instead of answering an
 * empty page with a cursor. Past that, the cursor goes on where the reading stopped.
 */
export const queryFilteredList = async ({ partition, search, equals, limit, cursor }: FilteredListQuery) => {
  const filters: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':pk': partition };
  if (search) {
    filters.push('contains(searchText, :q)');
    values[':q'] = search;
  }
  for (const [attribute, value] of Object.entries(equals)) {
    if (value === undefined) continue;
    filters.push(`#${attribute} = :${attribute}`);
    names[`#${attribute}`] = attribute;
    values[`:${attribute}`] = value;
  }
  const filtered = filters.length > 0;
  const items: Record<string, unknown>[] = [];
  let startKey = decodeCursor(cursor, { gsi1pk: partition }, gsi1Key);
  for (let query = 0; query < (filtered ? filteredRead.queries : 1); query++) {
    const result = await dynamo.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ...(filtered ? { FilterExpression: filters.join(' AND ') } : {}),
        ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: values,
        Limit: filtered ? Math.max(limit * 4, filteredRead.items) : limit,
        ExclusiveStartKey: startKey,
      }),
    );
    items.push(...(result.Items ?? []));
    startKey = result.LastEvaluatedKey;
    if (!startKey || items.length >= limit) break;
  }
  return toPage(items, startKey, limit, gsi1Key);
};

/** One page of the items under a sort-key prefix of one partition (an organization's members, activity…). */
export const queryPrefix = async ({
  pk,
  skPrefix,
  limit,
  cursor,
  newestFirst = false,
}: {
  pk: string;
  skPrefix: string;
  limit: number;
  cursor?: string;
  newestFirst?: boolean;
}) => {
  const result = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
      ScanIndexForward: !newestFirst,
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, { pk }),
    }),
  );
  return { items: result.Items ?? [], nextCursor: encodeCursor(result.LastEvaluatedKey) };
};

/**
 * Every item under a sort-key prefix of one partition, through all of DynamoDB's 1 MB pages: for reads
 * that need the whole set (a conference's agenda, roster or counters), where a cursor would only add
 * round trips for the caller.
 */
export const queryWholePrefix = async ({
  pk,
  skPrefix,
  consistentRead = false,
  projection,
}: {
  pk: string;
  skPrefix: string;
  consistentRead?: boolean;
  /** A `ProjectionExpression` of plain attribute names. */
  projection?: string;
}): Promise<Record<string, unknown>[]> => {
  const items: Record<string, unknown>[] = [];
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
        ConsistentRead: consistentRead || undefined,
        ProjectionExpression: projection,
        ExclusiveStartKey: cursor,
      }),
    );
    items.push(...(page.Items ?? []));
    cursor = page.LastEvaluatedKey;
  } while (cursor);
  return items;
};
