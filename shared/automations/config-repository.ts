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
import { parseItem } from '../db/item';
import { automationKeys, orgKeys, workspaceKeys } from '../db/keys';
import { BadRequestError, VersionConflictError } from '../http/errors';
import { type ActivityEntry, activityPut, type OrganizationItem, organizationItem } from '../organizations';
import * as z from '../schema/zod';
import { type WorkspaceConnectionItem, workspaceConnectionItem } from '../workspace';

/**
 * Saved settings as stored. They were checked by the input schema when saved; read back they are taken as
 * they were written (a link saved under an older, looser check still reads), and an option added since
 * (the Appointment Helper's `addToCalendar`) is absent from settings saved before it: `settingsOf` fills it.
 */
export const configItem = z.object({
  orgId: z.string(),
  version: z.number().check(z.int()),
  updatedAt: z.string(),
  updatedBy: z.string(),
  leadCapture: z.object({
    enabled: z.boolean(),
    notifyUsers: z.boolean(),
    googleSheetsRow: z.object({
      enabled: z.boolean(),
      spreadsheetUrl: z.nullable(z.string()),
      range: z.optional(z.string()),
    }),
  }),
  appointmentHelper: z.object({
    enabled: z.boolean(),
    sendConfirmation: z.boolean(),
    addToCalendar: z.optional(z.boolean()),
    reminderMinutesBefore: z.nullable(z.number().check(z.int())),
    jobs: z.boolean(),
    bookings: z.boolean(),
  }),
  followUpSequence: z.object({
    enabled: z.boolean(),
    steps: z.array(
      z.object({ afterHours: z.number().check(z.int()), subject: z.string(), body: z.string() }),
    ),
  }),
  reviewRequest: z.object({
    enabled: z.boolean(),
    reviewUrl: z.nullable(z.string()),
    delayHours: z.number().check(z.int()),
    quietHours: z.nullable(z.object({ start: z.string(), end: z.string() })),
  }),
  dailyDigest: z.object({ enabled: z.boolean(), hour: z.number().check(z.int()) }),
});
export type ConfigItem = z.infer<typeof configItem>;

export const digestScheduleItem = z.object({
  orgId: z.string(),
  hour: z.number().check(z.int()),
  timeZone: z.string(),
  nextDigestAt: z.string(),
});
export type DigestScheduleItem = z.infer<typeof digestScheduleItem>;

// Configuration

/** The organization, its automation configuration and its Google Workspace connection, in one round trip. */
export const getConfigWithOrganization = async (
  orgId: string,
): Promise<{ org?: OrganizationItem; config?: ConfigItem; workspace?: WorkspaceConnectionItem }> => {
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
    org: parseItem(organizationItem, item(orgKeys.org(orgId))),
    config: parseItem(configItem, item(automationKeys.config(orgId))),
    workspace: parseItem(workspaceConnectionItem, item(workspaceKeys.connection(orgId))),
  };
};

const digestSchedulePut = (schedule: DigestScheduleItem) => ({
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
            ? { Put: { TableName: tableName, Item: digestSchedulePut(digest) } }
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
  return parseItem(digestScheduleItem, Item);
};

/** Moves the schedule on, only if it still says `from` (another delivery may have moved it already). */
export const advanceDigestSchedule = async (from: string, next: DigestScheduleItem): Promise<boolean> => {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: digestSchedulePut(next),
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
        Item: digestSchedulePut(next),
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
    items: (result.Items ?? []).map((item) => parseItem(digestScheduleItem, item)!),
    cursor: result.LastEvaluatedKey,
  };
};
