import {
  BatchGetCommand,
  type BatchGetCommandOutput,
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
import { fromItem } from '../db/item';
import { automationKeys, crmKeys, orgKeys, workspaceKeys } from '../db/keys';
import type { OutboxWrite } from '../events/outbox';
import { BadRequestError, VersionConflictError } from '../http/errors';
import { type ActivityEntry, activityPut } from '../organizations';
import type { OrganizationView } from '../organizations/contracts';
import { dueItemPut } from '../platform';
import type { WorkspaceConnectionItem } from '../workspace';
import type {
  AutomationId,
  AutomationSettings,
  RunOutcome,
  RunView,
  StepStatus,
  StepView,
} from './contracts';

/** The due item kind that runs automation steps. */
export const automationStepKind = 'automation-step';

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

/** What a run does, kept with it so an admin can run it again. */
export type Work =
  | { readonly kind: 'lead-capture'; readonly leadId: string }
  | { readonly kind: 'appointment-confirmation'; readonly jobId: string; readonly scheduledAt: string }
  | { readonly kind: 'appointment-calendar'; readonly jobId: string; readonly scheduledAt: string }
  | { readonly kind: 'step'; readonly stepId: string }
  | { readonly kind: 'digest'; readonly digestAt: string; readonly localDate: string };

export interface RunItem extends RunView {
  readonly work: Work;
}

export type StepKind = 'follow-up' | 'job-reminder' | 'booking-reminder' | 'review-request';

export interface StepItem extends Omit<StepView, 'dueAtLocal'> {
  readonly kind: StepKind;
  /** Moves on whenever the step is queued again (moved, deferred); a due item of an older one is stale. */
  readonly generation: number;
  /** What the step is for, e.g. the appointment time a reminder announces; a change queues it anew. */
  readonly scheduledFor: string;
  /** Kind-specific: the follow-up's step number, the appointment's start. */
  readonly payload: Record<string, unknown>;
}

const strip = <T>(item: Record<string, unknown> | undefined): T | undefined => fromItem<T>(item, ['ttl']);

/** How long runs, steps and send guards are kept. */
const retentionSeconds = 400 * 86_400;
const ttl = (from = Date.now()) => Math.floor(from / 1000) + retentionSeconds;

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
    return { run: strip<RunItem>(Attributes)!, done: false };
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
  return strip<RunItem>(Item);
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
  return { items: page.items.map((item) => strip<RunItem>(item)!), nextCursor: page.nextCursor };
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
  return { items: page.items.map((item) => strip<RunItem>(item)!), nextCursor: page.nextCursor };
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
    items: (result.Items ?? []).map((item) => strip<RunItem>(item)!),
    nextCursor: encodeCursor(result.LastEvaluatedKey),
  };
};

// Steps

const stepItem = (step: StepItem) => ({
  ...automationKeys.step(step.orgId, step.id),
  ...automationKeys.stepByStatus(step.orgId, step.status, step.dueAt, step.id),
  ...(step.leadId ? automationKeys.stepOfLead(step.orgId, step.leadId, step.dueAt, step.id) : {}),
  ...step,
  ttl: ttl(Date.parse(step.dueAt)),
});

/**
 * Queues a step and the due item that runs it, in one transaction. A step queued before is left alone
 * unless `scheduledFor` changed (a moved appointment): then it is queued again, and the older due item,
 * whose generation no longer matches, does nothing. Returns whether anything was queued.
 */
export const queueStep = async (step: Omit<StepItem, 'generation'>): Promise<boolean> => {
  const existing = await getStep(step.orgId, step.id);
  // Queued before for the same thing (and maybe run or cancelled since): a redelivery changes nothing.
  if (existing && existing.scheduledFor === step.scheduledFor) return false;
  const generation = (existing?.generation ?? 0) + 1;
  const due = dueItemPut(automationStepKind, new Date(step.dueAt), {
    orgId: step.orgId,
    stepId: step.id,
    generation,
  });
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: stepItem({ ...step, generation }),
              ...(existing
                ? {
                    ConditionExpression: 'generation = :seen',
                    ExpressionAttributeValues: { ':seen': existing.generation },
                  }
                : { ConditionExpression: 'attribute_not_exists(pk)' }),
            },
          },
          { Put: due.put },
        ],
      }),
    );
    return true;
  } catch (error) {
    // Someone queued it in the meantime (a concurrent delivery): theirs stands.
    if (failedConditions(error)?.includes(0)) return false;
    throw error;
  }
};

/** Moves a queued step to a later moment (quiet hours): a new generation and due item, in one write. */
export const deferStep = async (step: StepItem, dueAt: Date, reason: string): Promise<boolean> => {
  const generation = step.generation + 1;
  const due = dueItemPut(automationStepKind, dueAt, { orgId: step.orgId, stepId: step.id, generation });
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: stepItem({ ...step, generation, dueAt: dueAt.toISOString(), reason, status: 'queued' }),
              ConditionExpression: 'generation = :seen',
              ExpressionAttributeValues: { ':seen': step.generation },
            },
          },
          { Put: due.put },
        ],
      }),
    );
    return true;
  } catch (error) {
    if (failedConditions(error)?.includes(0)) return false;
    throw error;
  }
};

export const getStep = async (orgId: string, stepId: string): Promise<StepItem | undefined> => {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: automationKeys.step(orgId, stepId), ConsistentRead: true }),
  );
  return strip<StepItem>(Item);
};

/**
 * Moves a step from one of `from` to `to` (its status index moves with it); undefined when the step is
 * no longer in one of those statuses, e.g. it ran while someone cancelled it.
 */
export const setStepStatus = async (
  step: StepItem,
  from: readonly StepStatus[],
  to: StepStatus,
  fields: { reason?: string; runId?: string; cancelledAt?: string; cancelledBy?: string } = {},
): Promise<StepItem | undefined> => {
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = {
    ':to': to,
    ':gsi1pk': automationKeys.stepStatusPartition(step.orgId, to),
    ':generation': step.generation,
  };
  const sets = ['#status = :to', 'gsi1pk = :gsi1pk'];
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    names[`#${name}`] = name;
    values[`:${name}`] = value;
    sets.push(`#${name} = :${name}`);
  }
  const fromNames = from.map((_, index) => `:from${index}`);
  from.forEach((status, index) => {
    values[`:from${index}`] = status;
  });
  try {
    const { Attributes } = await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: automationKeys.step(step.orgId, step.id),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: `#status IN (${fromNames.join(', ')}) AND generation = :generation`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return strip<StepItem>(Attributes);
  } catch (error) {
    if (isConditionFailure(error)) return undefined;
    throw error;
  }
};

/** An organization's steps of one status, soonest due first. */
export const listSteps = async (orgId: string, status: StepStatus, limit: number, cursor?: string) => {
  const partition = automationKeys.stepStatusPartition(orgId, status);
  const result = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': partition },
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, { gsi1pk: partition }, gsi1Key),
    }),
  );
  return {
    items: (result.Items ?? []).map((item) => strip<StepItem>(item)!),
    nextCursor: encodeCursor(result.LastEvaluatedKey),
  };
};

/** Every step of a lead (and its jobs), soonest due first; a lead has a handful, read in one page. */
export const listLeadSteps = async (orgId: string, leadId: string): Promise<StepItem[]> => {
  const partition = automationKeys.leadPartition(orgId, leadId);
  const items: StepItem[] = [];
  let cursor: Record<string, unknown> | undefined;
  do {
    const result = await dynamo.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk AND begins_with(gsi2sk, :steps)',
        ExpressionAttributeValues: { ':pk': partition, ':steps': 'STEP#' },
        ExclusiveStartKey: cursor,
      }),
    );
    items.push(...(result.Items ?? []).map((item) => strip<StepItem>(item)!));
    cursor = result.LastEvaluatedKey;
  } while (cursor && items.length < 200);
  return items;
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

// First responses (for the digest's response time)

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
    minutes.push(...(result.Items ?? []).map((item) => Number(item.minutes)));
    cursor = result.LastEvaluatedKey;
  } while (cursor && minutes.length < 5000);
  return minutes;
};

/** The open lead holding an email address (the CRM's one-open-lead-per-address guard), if any. */
export const findOpenLeadIdByEmail = async (orgId: string, address: string): Promise<string | undefined> => {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: crmKeys.leadContact(orgId, 'email', address.toLowerCase()) }),
  );
  return Item?.leadId as string | undefined;
};
