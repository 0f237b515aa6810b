import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  DeleteCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../aws/dynamo';
import { failedConditions, isConditionFailure } from '../db/errors';
import { parseItem } from '../db/item';
import { emailKeys } from '../db/keys';
import { queryFilteredList } from '../db/queries';
import type { MailingList } from '../email/unsubscribe';
import type { OutboxWrite } from '../events/outbox';
import { type SuppressionReason, suppressionView } from './contracts';

/** Why an address may not get a message of a list, or undefined when it may. */
export type Refusal =
  | { readonly reason: 'suppressed'; readonly detail: string }
  | { readonly reason: 'opted-out' };

/**
 * Whether an address may be mailed on a list of an organization: one round trip for the global
 * suppression and the organization's opt-out.
 */
export const mailability = async (
  orgId: string,
  list: MailingList,
  address: string,
): Promise<Refusal | undefined> => {
  const suppressionKey = emailKeys.suppression(address);
  const optOutKey = emailKeys.optOut(orgId, list, address);
  let pending: Record<string, unknown>[] | undefined = [suppressionKey, optOutKey];
  const found: Record<string, unknown>[] = [];
  for (let attempt = 0; pending?.length && attempt < 3; attempt++) {
    const result: BatchGetCommandOutput = await dynamo.send(
      new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }),
    );
    found.push(...(result.Responses?.[tableName] ?? []));
    pending = result.UnprocessedKeys?.[tableName]?.Keys;
  }
  if (pending?.length) throw new Error('DynamoDB left keys unprocessed');
  const suppression = parseItem(
    suppressionView,
    found.find((item) => item.pk === suppressionKey.pk),
  );
  if (suppression) return { reason: 'suppressed', detail: `${suppression.reason}: ${suppression.detail}` };
  if (found.some((item) => item.pk === optOutKey.pk && item.sk === optOutKey.sk))
    return { reason: 'opted-out' };
  return undefined;
};

/** Records a bounce or complaint; the first one suppresses the address, later ones are counted. */
export const suppress = async (
  address: string,
  reason: SuppressionReason,
  detail: string,
  at: string,
): Promise<void> => {
  const lower = address.trim().toLowerCase();
  await dynamo.send(
    new UpdateCommand({
      TableName: tableName,
      Key: emailKeys.suppression(lower),
      UpdateExpression:
        'SET address = :address, reason = :reason, detail = :detail, lastEventAt = :at, ' +
        'suppressedAt = if_not_exists(suppressedAt, :at), events = if_not_exists(events, :zero) + :one, ' +
        'gsi1pk = :gsi1pk, gsi1sk = :gsi1sk',
      ExpressionAttributeValues: {
        ':address': lower,
        ':reason': reason,
        ':detail': detail.slice(0, 500),
        ':at': at,
        ':zero': 0,
        ':one': 1,
        ':gsi1pk': emailKeys.suppressionList(lower).gsi1pk,
        ':gsi1sk': emailKeys.suppressionList(lower).gsi1sk,
      },
    }),
  );
};

export const listSuppressions = async (limit: number, cursor?: string) => {
  const page = await queryFilteredList({
    partition: emailKeys.suppressionListPartition,
    equals: {},
    limit,
    cursor,
  });
  return { items: page.items.map((item) => parseItem(suppressionView, item)!), nextCursor: page.nextCursor };
};

/** Returns whether the address was suppressed. */
export const removeSuppression = async (address: string): Promise<boolean> => {
  try {
    await dynamo.send(
      new DeleteCommand({
        TableName: tableName,
        Key: emailKeys.suppression(address),
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
};

/**
 * The address leaves one list of one organization, announced by `event` in the same transaction; doing
 * it twice changes (and announces) nothing.
 */
export const optOut = async (
  orgId: string,
  list: MailingList,
  address: string,
  at: string,
  event: OutboxWrite,
): Promise<void> => {
  const lower = address.trim().toLowerCase();
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: { ...emailKeys.optOut(orgId, list, lower), orgId, list, address: lower, optedOutAt: at },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          event,
        ],
      }),
    );
  } catch (error) {
    if (!failedConditions(error)?.includes(0)) throw error;
  }
};
