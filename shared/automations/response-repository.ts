import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../aws/dynamo';
import { failedConditions } from '../db/errors';
import { parseItem } from '../db/item';
import { automationKeys, crmKeys } from '../db/keys';
import * as z from '../schema/zod';
import { ttl } from './stored-item';

// First responses (for the digest's response time)

/** The response-time index is read projected to the minutes. */
const responseMinutesItem = z.object({ minutes: z.number() });
/** The CRM's contact guard: which open lead holds an address. */
const contactGuardItem = z.object({ leadId: z.string() });

/** Records when a lead first left `new`; a lead's first response is recorded once. */
export const recordFirstResponse = async (
  orgId: string,
  leadId: string,
  createdAt: string,
  respondedAt: string,
): Promise<void> => {
  const minutes = Math.max(0, (Date.parse(respondedAt) - Date.parse(createdAt)) / 60_000);
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: { ...automationKeys.responded(orgId, leadId), respondedAt, ttl: ttl() },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: tableName,
              Item: {
                ...automationKeys.firstResponse(orgId, respondedAt, leadId),
                leadId,
                createdAt,
                respondedAt,
                minutes,
                ttl: ttl(),
              },
            },
          },
        ],
      }),
    );
  } catch (error) {
    if (failedConditions(error)?.includes(0)) return;
    throw error;
  }
};

/** Minutes to first response of the leads first answered in [from, to). */
export const listResponseMinutes = async (orgId: string, from: string, to: string): Promise<number[]> => {
  const { pk, skPrefix } = automationKeys.firstResponsePrefix(orgId);
  const minutes: number[] = [];
  let cursor: Record<string, unknown> | undefined;
  do {
    const result = await dynamo.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': pk, ':from': `${skPrefix}${from}`, ':to': `${skPrefix}${to}` },
        ProjectionExpression: '#minutes',
        ExpressionAttributeNames: { '#minutes': 'minutes' },
        ExclusiveStartKey: cursor,
      }),
    );
    minutes.push(...(result.Items ?? []).map((item) => parseItem(responseMinutesItem, item)!.minutes));
    cursor = result.LastEvaluatedKey;
  } while (cursor && minutes.length < 5000);
  return minutes;
};

/** The open lead holding an email address (the CRM's one-open-lead-per-address guard), if any. */
export const findOpenLeadIdByEmail = async (orgId: string, address: string): Promise<string | undefined> => {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: crmKeys.leadContact(orgId, 'email', address.toLowerCase()) }),
  );
  return parseItem(contactGuardItem, Item)?.leadId;
};
