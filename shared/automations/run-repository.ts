import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../aws/dynamo';
import { decodeCursor, encodeCursor, gsi1Key, gsi2Key, tableKey, toPage } from '../db/cursor';
import { failedConditions, isConditionFailure } from '../db/errors';
import { parseItem } from '../db/item';
import { automationKeys } from '../db/keys';
import type { OutboxWrite } from '../events/outbox';
import * as z from '../schema/zod';
import { type AutomationId, type RunOutcome, runView } from './contracts';
import { ttl } from './stored-item';

/** What a run does, kept with it so an admin can run it again. */
export const work = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('lead-capture'), leadId: z.string() }),
  z.object({ kind: z.literal('appointment-confirmation'), jobId: z.string(), scheduledAt: z.string() }),
  z.object({ kind: z.literal('appointment-calendar'), jobId: z.string(), scheduledAt: z.string() }),
  z.object({ kind: z.literal('step'), stepId: z.string() }),
  z.object({ kind: z.literal('digest'), digestAt: z.string(), localDate: z.string() }),
]);
export type Work = z.infer<typeof work>;

export const runItem = z.extend(runView, {
  /** Runs recorded before permanent failures were told apart have none. */
  permanent: z.optional(z.boolean()),
  work,
});
export type RunItem = z.infer<typeof runItem>;

// Runs

const runState = (outcome: RunOutcome) => (outcome === 'failed' ? 'failed' : 'other');

export type RunStart = Omit<
  RunItem,
  | 'outcome'
  | 'detail'
  | 'error'
  | 'attempts'
  | 'emailsSent'
  | 'finishedAt'
  | 'durationMs'
  | 'retryable'
  | 'retriedBy'
  | 'permanent'
>;

/**
 * Starts a run, or the next attempt of one: a finished run (succeeded or skipped) is left alone and
 * returned with `done`, so a redelivered event or retried step does nothing twice.
 */
export const startRun = async (run: RunStart): Promise<{ run: RunItem; done: boolean }> => {
  const lead = run.leadId ? automationKeys.runOfLead(run.orgId, run.leadId, run.id) : undefined;
  const update = updateExpression(
    {
      id: run.id,
      orgId: run.orgId,
      organizationName: run.organizationName,
      automation: run.automation,
      leadId: run.leadId,
      jobId: run.jobId,
      bookingId: run.bookingId,
      work: run.work,
      outcome: 'running',
      detail: 'Running',
      error: null,
      finishedAt: null,
      durationMs: null,
      retryable: false,
      permanent: false,
      ...automationKeys.runByState('other', run.id),
      ...(lead ?? {}),
      ttl: ttl(),
    },
    {
      action: run.action,
      trigger: run.trigger,
      reason: run.reason,
      startedAt: run.startedAt,
      retriedBy: null,
      emailsSent: 0,
    },
    { attempts: 1 },
  );
  try {
    const { Attributes } = await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: automationKeys.run(run.orgId, run.id),
        UpdateExpression: update.expression,
        ConditionExpression: 'attribute_not_exists(pk) OR NOT (#outcome IN (:succeeded, :skipped))',
        ExpressionAttributeNames: update.names,
        ExpressionAttributeValues: { ...update.values, ':succeeded': 'succeeded', ':skipped': 'skipped' },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return { run: parseItem(runItem, Attributes)!, done: false };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const existing = await getRun(run.orgId, run.id);
    if (!existing) throw error;
    return { run: existing, done: true };
  }
};

/**
 * An UpdateExpression with every attribute name aliased (DynamoDB reserves words such as `action`,
 * `trigger` and `status`): `set` always, `keep` only where the attribute is missing, `add` counts up.
 */
const updateExpression = (
  set: Record<string, unknown>,
  keep: Record<string, unknown> = {},
  add: Record<string, number> = {},
) => {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const parts: string[] = [];
  for (const [name, value] of Object.entries(set)) {
    names[`#${name}`] = name;
    values[`:${name}`] = value;
    parts.push(`#${name} = :${name}`);
  }
  for (const [name, value] of Object.entries(keep)) {
    names[`#${name}`] = name;
    values[`:${name}`] = value;
    parts.push(`#${name} = if_not_exists(#${name}, :${name})`);
  }
  for (const [name, value] of Object.entries(add)) {
    names[`#${name}`] = name;
    values[`:${name}`] = value;
    values[':zero'] = 0;
    parts.push(`#${name} = if_not_exists(#${name}, :zero) + :${name}`);
  }
  return { expression: `SET ${parts.join(', ')}`, names, values };
};

export interface RunFinish {
  readonly outcome: Extract<RunOutcome, 'succeeded' | 'skipped' | 'failed'>;
  readonly detail: string;
  readonly error: string | null;
  /** No automatic retry can fix the error (a {@link PermanentError}). */
  readonly permanent: boolean;
  /** Sent by this attempt; added to the run's count. */
  readonly emailsSent: number;
  readonly finishedAt: string;
  readonly durationMs: number;
}

export const finishRun = async (orgId: string, runId: string, finish: RunFinish): Promise<void> => {
  const { emailsSent, ...rest } = finish;
  // Emails add up over attempts: a retry that sends the rest reports the run's total.
  const update = updateExpression(
    {
      ...rest,
      retryable: finish.outcome === 'failed',
      gsi1pk: automationKeys.runStatePartition(runState(finish.outcome)),
    },
    {},
    { emailsSent },
  );
  await dynamo.send(
    new UpdateCommand({
      TableName: tableName,
      Key: automationKeys.run(orgId, runId),
      UpdateExpression: update.expression,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: update.names,
      ExpressionAttributeValues: update.values,
    }),
  );
};

export const getRun = async (orgId: string, runId: string): Promise<RunItem | undefined> => {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: automationKeys.run(orgId, runId), ConsistentRead: true }),
  );
  return parseItem(runItem, Item);
};

/**
 * Marks a failed run as retrying, announced by the retry request in the same transaction (only a failed, retryable one: two admins clicking at once start one
 * retry). Returns the run as it is now, or undefined when it was not failed.
 */
export const markRetrying = async (
  orgId: string,
  runId: string,
  by: string,
  event: OutboxWrite,
): Promise<RunItem | undefined> => {
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: automationKeys.run(orgId, runId),
              UpdateExpression:
                'SET #outcome = :retrying, retriedBy = :by, retryable = :false, gsi1pk = :other',
              ConditionExpression: '#outcome = :failed AND retryable = :true',
              ExpressionAttributeNames: { '#outcome': 'outcome' },
              ExpressionAttributeValues: {
                ':retrying': 'retrying',
                ':failed': 'failed',
                ':by': by,
                ':false': false,
                ':true': true,
                ':other': automationKeys.runStatePartition('other'),
              },
            },
          },
          event,
        ],
      }),
    );
  } catch (error) {
    if (failedConditions(error)?.includes(0)) return undefined;
    throw error;
  }
  // A transaction returns no values: the run as it now is, read back.
  return getRun(orgId, runId);
};

const runFilters = (filters: { automation?: AutomationId; outcome?: RunOutcome }) => {
  const expressions: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (filters.automation) {
    expressions.push('#automation = :automation');
    names['#automation'] = 'automation';
    values[':automation'] = filters.automation;
  }
  if (filters.outcome) {
    expressions.push('#outcome = :outcome');
    names['#outcome'] = 'outcome';
    values[':outcome'] = filters.outcome;
  }
  return { expressions, names, values };
};

/** Filtered queries read wider pages. */
const readLimit = (limit: number, filtered: boolean) => (filtered ? Math.min(limit * 4, 400) : limit);

/** An organization's runs, newest first, optionally only those created in an id range. */
export const listRuns = async (query: {
  orgId: string;
  automation?: AutomationId;
  outcome?: RunOutcome;
  fromId?: string;
  toId?: string;
  limit: number;
  cursor?: string;
}) => {
  const { pk, skPrefix } = automationKeys.runPrefix(query.orgId);
  const filters = runFilters(query);
  const result = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
      ...(filters.expressions.length
        ? { FilterExpression: filters.expressions.join(' AND '), ExpressionAttributeNames: filters.names }
        : {}),
      ExpressionAttributeValues: {
        ':pk': pk,
        ':from': `${skPrefix}${query.fromId ?? ''}`,
        ':to': `${skPrefix}${query.toId ?? '~'}`,
        ...filters.values,
      },
      ScanIndexForward: false,
      Limit: readLimit(query.limit, filters.expressions.length > 0),
      ExclusiveStartKey: decodeCursor(query.cursor, { pk }),
    }),
  );
  const page = toPage(result.Items ?? [], result.LastEvaluatedKey, query.limit, tableKey);
  return { items: page.items.map((item) => parseItem(runItem, item)!), nextCursor: page.nextCursor };
};

/** Runs of every organization in one state partition (`failed` or `other`), newest first. */
export const listRunsByState = async (query: {
  state: 'failed' | 'other';
  automation?: AutomationId;
  outcome?: RunOutcome;
  limit: number;
  cursor?: string;
}) => {
  const partition = automationKeys.runStatePartition(query.state);
  const filters = runFilters(query);
  const result = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ...(filters.expressions.length
        ? { FilterExpression: filters.expressions.join(' AND '), ExpressionAttributeNames: filters.names }
        : {}),
      ExpressionAttributeValues: { ':pk': partition, ...filters.values },
      ScanIndexForward: false,
      Limit: readLimit(query.limit, filters.expressions.length > 0),
      ExclusiveStartKey: decodeCursor(query.cursor, { gsi1pk: partition }, gsi1Key),
    }),
  );
  const page = toPage(result.Items ?? [], result.LastEvaluatedKey, query.limit, gsi1Key);
  return { items: page.items.map((item) => parseItem(runItem, item)!), nextCursor: page.nextCursor };
};

/** A lead's runs, newest first. */
export const listLeadRuns = async (orgId: string, leadId: string, limit: number, cursor?: string) => {
  const partition = automationKeys.leadPartition(orgId, leadId);
  const result = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :pk AND begins_with(gsi2sk, :runs)',
      ExpressionAttributeValues: { ':pk': partition, ':runs': 'RUN#' },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, { gsi2pk: partition }, gsi2Key),
    }),
  );
  return {
    items: (result.Items ?? []).map((item) => parseItem(runItem, item)!),
    nextCursor: encodeCursor(result.LastEvaluatedKey),
  };
};

// Send guards: one email per run and recipient

/**
 * Claims the right to send one run's email to one recipient. `taken` when a send was claimed before:
 * sent (or, after a crash, perhaps sent) — either way not sent again.
 */
export const claimSend = async (
  orgId: string,
  runId: string,
  recipient: string,
  at: string,
): Promise<'claimed' | 'taken'> => {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...automationKeys.sendGuard(orgId, runId, recipient), claimedAt: at, ttl: ttl() },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    return 'claimed';
  } catch (error) {
    if (isConditionFailure(error)) return 'taken';
    throw error;
  }
};

export const confirmSend = async (orgId: string, runId: string, recipient: string, messageId: string) => {
  await dynamo.send(
    new UpdateCommand({
      TableName: tableName,
      Key: automationKeys.sendGuard(orgId, runId, recipient),
      UpdateExpression: 'SET messageId = :messageId',
      ExpressionAttributeValues: { ':messageId': messageId },
    }),
  );
};

/** Gives a claim back after SES refused the message, so a retry sends it. */
export const releaseSend = async (orgId: string, runId: string, recipient: string) => {
  await dynamo.send(
    new DeleteCommand({ TableName: tableName, Key: automationKeys.sendGuard(orgId, runId, recipient) }),
  );
};
