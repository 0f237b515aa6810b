// Each organization's automation settings and the daily digest's schedule.

import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../aws/dynamo';
import { failedConditions, isConditionFailure } from '../db/errors';
import { fromItem } from '../db/item';
import { automationKeys, orgKeys, workspaceKeys } from '../db/keys';
import { BadRequestError, VersionConflictError } from '../http/errors';
import { type ActivityEntry, activityPut } from '../organizations';
import type { OrganizationView } from '../organizations/contracts';
import type { WorkspaceConnectionItem } from '../workspace';
import type { AutomationSettings } from './contracts';
import { strip } from './stored-item';

export interface ConfigItem extends AutomationSettings {
  readonly orgId: string;
  readonly version: number;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export interface DigestScheduleItem {
  readonly orgId: string;
  readonly hour: number;
  readonly timeZone: string;
  readonly nextDigestAt: string;
}

// Configuration

/** The organization, its automation configuration and its Google Workspace connection, in one round trip. */
export const getConfigWithOrganization = async (
  orgId: string,
): Promise<{ org?: OrganizationView; config?: ConfigItem; workspace?: WorkspaceConnectionItem }> => {
  // The Google Workspace connection comes along: the settings view says whether Sheets rows are written.
  const keys = [orgKeys.org(orgId), automationKeys.config(orgId), workspaceKeys.connection(orgId)];
  const found: Record<string, unknown>[] = [];
  let pending: Record<string, unknown>[] | undefined = keys;
  for (let attempt = 0; pending?.length && attempt < 3; attempt++) {
    const result: BatchGetCommandOutput = await dynamo.send(
      new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }),
    );
    found.push(...(result.Responses?.[tableName] ?? []));
    pending = result.UnprocessedKeys?.[tableName]?.Keys;
  }
  if (pending?.length) throw new Error('DynamoDB left keys unprocessed');
  const item = (key: { sk: string }) => found.find((candidate) => candidate.sk === key.sk);
  return {
    org: fromItem<OrganizationView>(item(orgKeys.org(orgId)), ['searchText']),
    config: strip<ConfigItem>(item(automationKeys.config(orgId))),
    workspace: fromItem<WorkspaceConnectionItem>(item(workspaceKeys.connection(orgId))),
  };
};

const digestScheduleItem = (schedule: DigestScheduleItem) => ({
  ...automationKeys.digestSchedule(schedule.orgId),
  ...automationKeys.digestDue(schedule.nextDigestAt, schedule.orgId),
  ...schedule,
});

/**
 * Saves the configuration if nobody saved since `previousVersion` (0: never saved), with the digest's
 * schedule (put when the digest is on, removed when it is off) and the activity entry in the same write.
 */
export const saveConfig = async (
  previousVersion: number,
  config: ConfigItem,
  digest: DigestScheduleItem | undefined,
  entry: ActivityEntry,
): Promise<void> => {
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: { ...automationKeys.config(config.orgId), ...config },
              ...(previousVersion === 0
                ? { ConditionExpression: 'attribute_not_exists(pk)' }
                : {
                    ConditionExpression: 'version = :seen',
                    ExpressionAttributeValues: { ':seen': previousVersion },
                  }),
            },
          },
          {
            ConditionCheck: {
              TableName: tableName,
              Key: orgKeys.org(config.orgId),
              ConditionExpression: 'attribute_exists(pk)',
            },
          },
          digest
            ? { Put: { TableName: tableName, Item: digestScheduleItem(digest) } }
            : { Delete: { TableName: tableName, Key: automationKeys.digestSchedule(config.orgId) } },
          activityPut(config.orgId, entry, config.updatedAt),
        ],
      }),
    );
  } catch (error) {
    const failed = failedConditions(error);
    if (failed?.includes(0)) {
      const { config: current } = await getConfigWithOrganization(config.orgId);
      throw new VersionConflictError(current?.version ?? 0);
    }
    if (failed?.includes(1)) throw new BadRequestError('No such organization');
    throw error;
  }
};

export const getDigestSchedule = async (orgId: string): Promise<DigestScheduleItem | undefined> => {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: automationKeys.digestSchedule(orgId), ConsistentRead: true }),
  );
  return strip<DigestScheduleItem>(Item);
};

/** Moves the schedule on, only if it still says `from` (another delivery may have moved it already). */
export const advanceDigestSchedule = async (from: string, next: DigestScheduleItem): Promise<boolean> => {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: digestScheduleItem(next),
        ConditionExpression: 'nextDigestAt = :from',
        ExpressionAttributeValues: { ':from': from },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
};

/** Rewrites the schedule when the organization's clock or the digest hour changed (only while it exists). */
export const replaceDigestSchedule = async (next: DigestScheduleItem): Promise<boolean> => {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: digestScheduleItem(next),
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
};

/** One page of the digests due by `now` in one hour-of-day partition of the schedule index. */
export const queryDueDigests = async (utcHour: string, now: string, cursor?: Record<string, unknown>) => {
  const result = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk <= :now',
      ExpressionAttributeValues: { ':pk': automationKeys.digestPartition(utcHour), ':now': `${now}#~` },
      ProjectionExpression: '#orgId, #nextDigestAt, #timeZone, #hour',
      ExpressionAttributeNames: {
        '#orgId': 'orgId',
        '#nextDigestAt': 'nextDigestAt',
        '#timeZone': 'timeZone',
        '#hour': 'hour',
      },
      ExclusiveStartKey: cursor,
    }),
  );
  return {
    items: (result.Items ?? []) as DigestScheduleItem[],
    cursor: result.LastEvaluatedKey,
  };
};
