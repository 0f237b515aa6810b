import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../aws/dynamo';
import { deleteObject, getObject, objectSize, presignPost, putObject } from '../aws/s3';
import { requireEnv } from '../config/env';
import { isConditionFailure } from '../db/errors';
import { parseItem } from '../db/item';
import { importKeys } from '../db/keys';
import { isExpired, ttlIn } from '../db/ttl';
import { ConflictError } from '../http/errors';
import * as z from '../schema/zod';
import {
  type ImportCounts,
  type ImportStatus,
  type ImportView,
  importSettings,
  importView,
  rowProblem,
} from './contracts';
import type { CheckedRow, RejectedRow } from './rows';

/** The staging bucket: uploads and the files between steps expire there (a lifecycle rule). */
const bucket = requireEnv('IMPORTS_BUCKET');

/** How long an import stays listed; its files expire from the staging bucket sooner. */
const keepDays = 30;

/** An import as stored: the view plus what only the steps need. */
export const importItem = z.extend(importView, {
  /** Imports stored before conferences could be imported into name none. */
  conferenceId: z.optional(z.nullable(z.string())),
  // Column mappings stored before they were normalized at the boundary are read as they were written.
  settings: z.nullable(z.extend(importSettings, { mapping: z.array(z.nullable(z.string())) })),
  createdByUserId: z.string(),
  /** Rows that passed the checks, staged in `chunkCount` files of rows. */
  validRows: z.nullable(z.number().check(z.int())),
  chunkCount: z.nullable(z.number().check(z.int())),
  /** The dry run or run the steps now belong to. */
  attemptId: z.nullable(z.string()),
  runBy: z.nullable(z.object({ userId: z.string(), name: z.string() })),
});
export type ImportItem = z.infer<typeof importItem>;

/** A staged row: its line, the row the target built, and the file's cells. */
export type StagedRow = CheckedRow<unknown>;

export const createImport = async (item: ImportItem) => {
  await dynamo.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...importKeys.job(item.orgId, item.id), ...item, ttl: ttlIn(keepDays * 86400) },
      ConditionExpression: 'attribute_not_exists(pk)',
    }),
  );
};

export const getImport = async (orgId: string, importId: string): Promise<ImportItem | undefined> => {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: importKeys.job(orgId, importId), ConsistentRead: true }),
  );
  return Item && !isExpired(Item) ? parseItem(importItem, Item) : undefined;
};

/**
 * Sets attributes of an import that is in one of `from`'s statuses (409 otherwise: another tab or a step
 * moved it on).
 */
export const updateImport = async (
  orgId: string,
  importId: string,
  from: readonly ImportStatus[],
  changes: Partial<ImportItem>,
): Promise<void> => {
  const entries = Object.entries({ ...changes, updatedAt: new Date().toISOString() });
  const names: Record<string, string> = { '#status': 'status' };
  const values: Record<string, unknown> = {};
  entries.forEach(([name, value], index) => {
    names[`#a${index}`] = name;
    values[`:a${index}`] = value ?? null;
  });
  from.forEach((status, index) => {
    values[`:from${index}`] = status;
  });
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: importKeys.job(orgId, importId),
        UpdateExpression: `SET ${entries.map((_, index) => `#a${index} = :a${index}`).join(', ')}`,
        ConditionExpression: `attribute_exists(pk) AND #status IN (${from.map((_, index) => `:from${index}`).join(', ')})`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  } catch (error) {
    if (isConditionFailure(error))
      throw new ConflictError('The import moved on in the meantime; reload it to see where it is');
    throw error;
  }
};

export interface ChunkProgress {
  readonly phase: 'check' | 'run';
  readonly attemptId: string;
  readonly chunk: number;
  readonly rows: number;
  readonly counts: ImportCounts;
  /** Appended to the import's sample of matched records. */
  readonly matches?: ImportView['existingMatches'];
  /** The phase's last chunk: the import moves to this status. */
  readonly finish?: ImportStatus;
}

/**
 * Adds a chunk's counts to its phase, once: only while the phase has done exactly the chunks before it (and
 * belongs to the same attempt). A redelivered step finds the chunk counted already.
 * @returns whether this call counted it.
 */
export const countChunk = async (orgId: string, importId: string, progress: ChunkProgress) => {
  const now = new Date().toISOString();
  const { counts } = progress;
  const finish = progress.finish ? ', #status = :finish, #phase.finishedAt = :now' : '';
  const matches = progress.matches?.length
    ? ', existingMatches = list_append(existingMatches, :matches)'
    : '';
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: importKeys.job(orgId, importId),
        UpdateExpression:
          'SET #phase.#new = #phase.#new + :new, #phase.updated = #phase.updated + :updated, ' +
          '#phase.unchanged = #phase.unchanged + :unchanged, #phase.rejected = #phase.rejected + :rejected, ' +
          `#phase.rowsDone = #phase.rowsDone + :rows, #phase.chunksDone = :next, updatedAt = :now${finish}${matches}`,
        ConditionExpression: '#phase.chunksDone = :chunk AND attemptId = :attempt',
        ExpressionAttributeNames: {
          '#phase': progress.phase,
          '#new': 'new',
          ...(progress.finish ? { '#status': 'status' } : {}),
        },
        ExpressionAttributeValues: {
          ':new': counts.new,
          ':updated': counts.updated,
          ':unchanged': counts.unchanged,
          ':rejected': counts.rejected,
          ':rows': progress.rows,
          ':next': progress.chunk + 1,
          ':chunk': progress.chunk,
          ':attempt': progress.attemptId,
          ':now': now,
          ...(progress.finish ? { ':finish': progress.finish } : {}),
          ...(matches ? { ':matches': progress.matches } : {}),
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
};

const rejectedRow = z.extend(rowProblem, { cells: z.optional(z.readonly(z.array(z.string()))) });

/** What a run chunk does to each of its rows, decided before it writes, and the rows its writes refused. */
export const chunkPlanItem = z.object({
  attemptId: z.string(),
  outcomes: z.record(z.string(), z.enum(['new', 'updated', 'unchanged'])),
  rejected: z.array(rejectedRow),
});
export type ChunkPlan = z.infer<typeof chunkPlanItem>;

/**
 * Keeps the first plan of a run chunk: a retried chunk (after a crash) gets the plan of its first attempt,
 * so its rows count as they did then, not as "unchanged" because the first attempt wrote them.
 */
export const keepChunkPlan = async (orgId: string, importId: string, chunk: number, plan: ChunkPlan) => {
  const key = importKeys.chunk(orgId, importId, chunk);
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...key, ...plan, ttl: ttlIn(keepDays * 86400) },
        ConditionExpression: 'attribute_not_exists(pk) OR attemptId <> :attempt',
        ExpressionAttributeValues: { ':attempt': plan.attemptId },
      }),
    );
    return plan;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const { Item } = await dynamo.send(
      new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
    );
    return parseItem(chunkPlanItem, Item)!;
  }
};

export const saveChunkRejections = async (
  orgId: string,
  importId: string,
  chunk: number,
  rejected: RejectedRow[],
) => {
  await dynamo.send(
    new UpdateCommand({
      TableName: tableName,
      Key: importKeys.chunk(orgId, importId, chunk),
      UpdateExpression: 'SET rejected = :rejected',
      ExpressionAttributeValues: { ':rejected': rejected },
    }),
  );
};

/** The rows the run's writes refused, from every chunk's plan (one query, paged). */
export const listRunRejections = async (orgId: string, importId: string, attemptId: string) => {
  const prefix = importKeys.chunkPrefix(orgId, importId);
  const rejected: RejectedRow[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': prefix.pk, ':prefix': prefix.skPrefix },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      const plan = parseItem(chunkPlanItem, item)!;
      if (plan.attemptId === attemptId) rejected.push(...plan.rejected);
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return rejected;
};

// Files

/** A presigned POST for the import's upload: S3 itself refuses a file outside 1 … `maxBytes` bytes. */
export const presignUpload = async (orgId: string, importId: string, maxBytes: number) => {
  const { url, fields } = await presignPost({
    Bucket: bucket,
    Key: importKeys.uploadFile(orgId, importId),
    Conditions: [['content-length-range', 1, maxBytes]],
    Expires: 15 * 60,
  });
  return { url, fields };
};

/** The uploaded file's size, or undefined before it arrived. */
export const uploadedSize = (orgId: string, importId: string): Promise<number | undefined> =>
  objectSize(bucket, importKeys.uploadFile(orgId, importId));

const readFile = async (key: string): Promise<Uint8Array> => {
  const found = await getObject(bucket, key);
  // The steps read only files an earlier step wrote; a file gone is a failure to retry, not data.
  if (!found) throw new Error(`No import file under ${key}`);
  return found.bytes;
};

export const readUpload = (orgId: string, importId: string) =>
  readFile(importKeys.uploadFile(orgId, importId));

export const deleteUpload = async (orgId: string, importId: string) => {
  await deleteObject(bucket, importKeys.uploadFile(orgId, importId));
};

const writeJson = async (key: string, value: unknown) => {
  await putObject({ Bucket: bucket, Key: key, Body: JSON.stringify(value), ContentType: 'application/json' });
};

const readJson = async <T>(key: string): Promise<T> =>
  JSON.parse(new TextDecoder().decode(await readFile(key))) as T;

/** The checked rows of one run chunk, staged by the plan step for the run steps. */
export const writeRows = (orgId: string, importId: string, chunk: number, rows: readonly StagedRow[]) =>
  writeJson(importKeys.rowsFile(orgId, importId, chunk), rows);

export const readRows = (orgId: string, importId: string, chunk: number) =>
  readJson<StagedRow[]>(importKeys.rowsFile(orgId, importId, chunk));

/** The rows refused while planning, with the file's columns, for the rejected-rows CSV. */
export interface StagedRejections {
  readonly columns: string[];
  readonly rejected: RejectedRow[];
}

export const writeRejections = (orgId: string, importId: string, staged: StagedRejections) =>
  writeJson(importKeys.rejectedFile(orgId, importId), staged);

export const readRejections = (orgId: string, importId: string) =>
  readJson<StagedRejections>(importKeys.rejectedFile(orgId, importId));
