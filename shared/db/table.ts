import { outboxKeys } from './keys';

/**
 * The one DynamoDB table, described once. The CDK stack and the local cloud both create the table
 * from this definition, so the key schema and indexes cannot drift between AWS and a laptop.
 */
export interface IndexDefinition {
  readonly name: string;
  readonly partitionKey: string;
  readonly sortKey: string;
}

export const tableDefinition = {
  partitionKey: 'pk',
  sortKey: 'sk',
  timeToLiveAttribute: 'ttl',
  // The outbox relay reads inserted items from the stream; it needs the new image only.
  streamViewType: 'NEW_IMAGE',
  globalSecondaryIndexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    // Sparse: only due items carry these attributes, so the per-minute tick reads nothing else.
    { name: 'due', partitionKey: 'duePk', sortKey: 'dueSk' },
  ] satisfies IndexDefinition[],
} as const;

export type IndexName = (typeof tableDefinition.globalSecondaryIndexes)[number]['name'];

/**
 * The items the table's stream hands to the outbox relay: inserted items under this partition prefix
 * (the manifest's `tableStream`, filtered the same way in AWS and locally).
 */
export const outboxStream = { keyPrefix: outboxKeys.prefix } as const;
