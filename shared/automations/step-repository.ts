import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../aws/dynamo';
import { decodeCursor, encodeCursor, gsi1Key } from '../db/cursor';
import { failedConditions, isConditionFailure } from '../db/errors';
import { parseItem } from '../db/item';
import { automationKeys } from '../db/keys';
import { dueItemPut } from '../platform';
import * as z from '../schema/zod';
import { type StepStatus, stepView } from './contracts';
import { ttl } from './stored-item';

/** The due item kind that runs automation steps. */
export const automationStepKind = 'automation-step';

export const stepKind = z.enum(['follow-up', 'job-reminder', 'booking-reminder', 'review-request']);
export type StepKind = z.infer<typeof stepKind>;

/** A step as stored: times in UTC; the organization's wall-clock view is computed on read. */
export const stepItem = z.extend(z.omit(stepView, { dueAtLocal: true }), {
  kind: stepKind,
  /** Moves on whenever the step is queued again (moved, deferred); a due item of an older one is stale. */
  generation: z.number().check(z.int()),
  /** What the step is for, e.g. the appointment time a reminder announces; a change queues it anew. */
  scheduledFor: z.string(),
  /** Kind-specific: the follow-up's step number, the appointment's start. */
  payload: z.record(z.string(), z.unknown()),
});
export type StepItem = z.infer<typeof stepItem>;

// Steps

const stepRecord = (step: StepItem) => ({
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
              Item: stepRecord({ ...step, generation }),
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
              Item: stepRecord({ ...step, generation, dueAt: dueAt.toISOString(), reason, status: 'queued' }),
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
  return parseItem(stepItem, Item);
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
    return parseItem(stepItem, Attributes);
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
    items: (result.Items ?? []).map((item) => parseItem(stepItem, item)!),
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
    items.push(...(result.Items ?? []).map((item) => parseItem(stepItem, item)!));
    cursor = result.LastEvaluatedKey;
  } while (cursor && items.length < 200);
  return items;
};
