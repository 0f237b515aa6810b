import {
  BatchGetCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { dynamo, tableName } from '../aws/dynamo';
import { deleteObject, engagementsBucket, getObject, presignPost, putObject } from '../aws/s3';
import { decodeCursor, toPage } from '../db/cursor';
import { failedConditions, isConditionFailure } from '../db/errors';
import { parseItem } from '../db/item';
import { engagementKeys } from '../db/keys';
import { queryPrefix } from '../db/queries';
import type { OutboxWrite } from '../events/outbox';
import { VersionConflictError } from '../http/errors';
import { type ActivityEntry, activityPut } from '../organizations';
import {
  type EngagementItem,
  engagementItem,
  type MarkerSettingsItem,
  markerSettingsItem,
  type NoteItem,
  noteItem,
  type VersionItem,
  versionItem,
} from './items';
import { openTasks } from './markdown';
import type { ChecklistSummary } from './summary';

export type { EngagementItem, MarkerSettingsItem, NoteItem, VersionItem };

const overviewKeys = ['gsi1pk', 'gsi1sk', 'pk', 'sk'] as const;
const byNameKeys = ['gsi2pk', 'gsi2sk', 'pk', 'sk'] as const;

const engagementPut = (engagement: EngagementItem) => ({
  ...engagementKeys.engagement(engagement.orgId, engagement.id),
  ...engagementKeys.byUpdate(engagement.updatedAt, engagement.id),
  ...engagementKeys.byName(engagement.organizationName, engagement.projectName, engagement.id),
  ...engagement,
  // Top-level copies for the overview's filters.
  searchText: `${engagement.organizationName} ${engagement.projectName}`.toLowerCase(),
  pending: openTasks(engagement.summary.totals),
});

const versionPut = (engagement: EngagementItem, version: VersionItem) => ({
  Put: {
    TableName: tableName,
    Item: { ...engagementKeys.version(engagement.orgId, engagement.id, version.version), ...version },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

// The markdown files: immutable, one object per write.

/**
 * Stores a candidate for `version` under its own key and returns the key. Only the writer whose table
 * write succeeds makes it a version; a loser's object is never referenced.
 */
export const putContent = async (orgId: string, engagementId: string, version: number, content: string) => {
  const key = engagementKeys.objectKey(orgId, engagementId, version, ulid());
  await putObject({
    Bucket: engagementsBucket,
    Key: key,
    Body: content,
    ContentType: 'text/markdown; charset=utf-8',
  });
  return key;
};

export const getContent = async (objectKey: string): Promise<string> => {
  const found = await getObject(engagementsBucket, objectKey);
  // A version's object is written before the version that names it, and never deleted.
  if (!found) throw new Error(`No engagement file under ${objectKey}`);
  // As stored, byte for byte: a BOM the file starts with is kept (TextDecoder would drop it).
  return Buffer.from(found.bytes).toString('utf8');
};

export const getVersion = async (
  orgId: string,
  engagementId: string,
  version: number,
): Promise<VersionItem | undefined> => {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: engagementKeys.version(orgId, engagementId, version) }),
  );
  return parseItem(versionItem, Item);
};

/** Where an upload waits to be checked. */
export const stagingKeyOf = engagementKeys.stagingKey;

/** An uploaded file in the staging area, or undefined when there is none under that key. */
export const getStagedUpload = (key: string) => getObject(engagementsBucket, key);

/** Removes a staged upload once it was taken or refused; the lifecycle rule catches any left behind. */
export const deleteStagedUpload = async (key: string) => {
  await deleteObject(engagementsBucket, key);
};

/**
 * A presigned POST for one staging key: S3 itself refuses another key, another content type or a size
 * outside 1…`maxBytes`.
 */
export const presignUpload = async (key: string, contentType: string, maxBytes: number, expiresIn: number) =>
  presignPost({
    Bucket: engagementsBucket,
    Key: key,
    Conditions: [
      ['content-length-range', 1, maxBytes],
      ['eq', '$Content-Type', contentType],
    ],
    Fields: { 'Content-Type': contentType },
    Expires: expiresIn,
  });

// The organization's marker settings.

export const getMarkerSettings = async (orgId: string): Promise<MarkerSettingsItem | undefined> => {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: engagementKeys.markerSettings(orgId) }),
  );
  return parseItem(markerSettingsItem, Item);
};

/** The marker settings of several organizations in one round trip (an overview page's). */
export const getMarkerSettingsOf = async (orgIds: readonly string[]) => {
  const settings = new Map<string, MarkerSettingsItem>();
  const unique = [...new Set(orgIds)];
  if (unique.length === 0) return settings;
  const { Responses, UnprocessedKeys } = await dynamo.send(
    new BatchGetCommand({
      RequestItems: { [tableName]: { Keys: unique.map((orgId) => engagementKeys.markerSettings(orgId)) } },
    }),
  );
  for (const item of Responses?.[tableName] ?? []) {
    settings.set(String(item.pk).slice('ORG#'.length, -1), parseItem(markerSettingsItem, item)!);
  }
  // Rare (throttling): read what was left one by one rather than count with the wrong markers.
  for (const key of UnprocessedKeys?.[tableName]?.Keys ?? []) {
    const orgId = String(key.pk).slice('ORG#'.length, -1);
    const item = await getMarkerSettings(orgId);
    if (item) settings.set(orgId, item);
  }
  return settings;
};

/** Saves the next settings if nobody saved since version `seen` (0: never saved); else 409. */
export const saveMarkerSettings = async (orgId: string, seen: number, next: MarkerSettingsItem) => {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...engagementKeys.markerSettings(orgId), ...next },
        ConditionExpression: seen === 0 ? 'attribute_not_exists(pk)' : 'version = :seen',
        ...(seen === 0 ? {} : { ExpressionAttributeValues: { ':seen': seen } }),
      }),
    );
  } catch (error) {
    if (isConditionFailure(error))
      throw new VersionConflictError((await getMarkerSettings(orgId))?.version ?? 0);
    throw error;
  }
};

// The table: the current version, its summary, history and notes.

export const createEngagement = async (
  engagement: EngagementItem,
  version: VersionItem,
  entry: ActivityEntry,
  events: readonly OutboxWrite[] = [],
) => {
  await dynamo.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName,
            Item: engagementPut(engagement),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        versionPut(engagement, version),
        activityPut(engagement.orgId, entry, engagement.createdAt),
        ...events,
      ],
    }),
  );
};

export const getEngagement = async (
  orgId: string,
  engagementId: string,
): Promise<EngagementItem | undefined> => {
  const { Item } = await dynamo.send(
    new GetCommand({
      TableName: tableName,
      Key: engagementKeys.engagement(orgId, engagementId),
      ConsistentRead: true,
    }),
  );
  return parseItem(engagementItem, Item);
};

/**
 * Saves the next state if nobody wrote since `previous` was read (same revision) — the loser of two
 * concurrent writers gets 409 with the current version. A new file version brings its history entry.
 */
export const saveEngagement = async (
  previous: EngagementItem,
  next: EngagementItem,
  version: VersionItem | undefined,
  entry: ActivityEntry,
  events: readonly OutboxWrite[] = [],
) => {
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: engagementPut({ ...next, revision: previous.revision + 1 }),
              ConditionExpression: 'revision = :seen',
              ExpressionAttributeValues: { ':seen': previous.revision },
            },
          },
          ...(version ? [versionPut(next, version)] : []),
          activityPut(next.orgId, entry, next.updatedAt),
          ...events,
        ],
      }),
    );
  } catch (error) {
    if (failedConditions(error)) {
      throw new VersionConflictError((await getEngagement(previous.orgId, previous.id))?.version);
    }
    throw error;
  }
};

/**
 * Stores a summary counted again under newer marker settings, unless the engagement changed meanwhile
 * (its own write then stores a fresh summary). Derived data: the revision does not move.
 */
export const refreshSummary = async (
  engagement: EngagementItem,
  summary: ChecklistSummary,
  markersVersion: number,
) => {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: engagementKeys.engagement(engagement.orgId, engagement.id),
        UpdateExpression: 'SET summary = :summary, pending = :pending, markersVersion = :markers',
        ConditionExpression: 'revision = :seen',
        ExpressionAttributeValues: {
          ':summary': summary,
          ':pending': openTasks(summary.totals),
          ':markers': markersVersion,
          ':seen': engagement.revision,
        },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
};

/** Notes change no file: only the engagement's last update moves (so it does not look stalled). */
export const addNote = async (
  engagement: EngagementItem,
  note: NoteItem,
  entry: ActivityEntry,
  events: readonly OutboxWrite[] = [],
) => {
  await dynamo.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName,
            Item: { ...engagementKeys.note(engagement.orgId, engagement.id, note.id), ...note },
          },
        },
        {
          Update: {
            TableName: tableName,
            Key: engagementKeys.engagement(engagement.orgId, engagement.id),
            UpdateExpression: 'SET updatedAt = :at, updatedBy = :by, gsi1sk = :sk ADD revision :one',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: {
              ':one': 1,
              ':at': note.at,
              ':by': note.author,
              ':sk': engagementKeys.byUpdate(note.at, engagement.id).gsi1sk,
            },
          },
        },
        activityPut(engagement.orgId, entry, note.at),
        ...events,
      ],
    }),
  );
};

export const listForOrganization = async (orgId: string, limit: number, cursor?: string) => {
  const page = await queryPrefix({ ...engagementKeys.engagementPrefix(orgId), limit, cursor });
  return { items: page.items.map((item) => parseItem(engagementItem, item)!), nextCursor: page.nextCursor };
};

export const listVersions = async (orgId: string, engagementId: string, limit: number, cursor?: string) => {
  const page = await queryPrefix({
    ...engagementKeys.versionPrefix(orgId, engagementId),
    limit,
    cursor,
    newestFirst: true,
  });
  return { items: page.items.map((item) => parseItem(versionItem, item)!), nextCursor: page.nextCursor };
};

export const listNotes = async (orgId: string, engagementId: string, limit: number, cursor?: string) => {
  const page = await queryPrefix({
    ...engagementKeys.notePrefix(orgId, engagementId),
    limit,
    cursor,
    newestFirst: true,
  });
  return { items: page.items.map((item) => parseItem(noteItem, item)!), nextCursor: page.nextCursor };
};

export interface OverviewFilter {
  readonly sort: 'updated' | 'name';
  readonly only: 'all' | 'stalled' | 'active' | 'complete';
  /** ISO time: engagements not updated since are stalled when work is pending. */
  readonly stalledBefore: string;
  readonly q?: string;
  readonly limit: number;
  readonly cursor?: string;
}

/**
 * The admin overview: one query per page on the overview index, never S3. "Stalled" and "active" are
 * key conditions on the last-update index; search and "complete" are filters.
 */
export const overview = async (filter: OverviewFilter) => {
  const byName = filter.sort === 'name';
  const [pkName, skName] = byName ? ['gsi2pk', 'gsi2sk'] : ['gsi1pk', 'gsi1sk'];
  const keyNames = byName ? byNameKeys : overviewKeys;
  const values: Record<string, unknown> = { ':pk': engagementKeys.overviewPartition };
  let keyCondition = `${pkName} = :pk`;
  const filters: string[] = [];
  if (filter.only === 'stalled' || filter.only === 'active') {
    const condition = filter.only === 'stalled' ? 'updatedAt < :cutoff' : 'updatedAt >= :cutoff';
    values[':cutoff'] = filter.stalledBefore;
    if (byName) filters.push(condition);
    else keyCondition += filter.only === 'stalled' ? ` AND ${skName} < :cutoff` : ` AND ${skName} >= :cutoff`;
  }
  if (filter.only === 'stalled') {
    filters.push('pending > :zero');
    values[':zero'] = 0;
  }
  if (filter.only === 'complete') {
    filters.push('pending = :zero');
    values[':zero'] = 0;
  }
  if (filter.q) {
    filters.push('contains(searchText, :q)');
    values[':q'] = filter.q;
  }
  const result = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: byName ? 'gsi2' : 'gsi1',
      KeyConditionExpression: keyCondition,
      ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
      ExpressionAttributeValues: values,
      // Newest change first; names A to Z.
      ScanIndexForward: byName,
      Limit: filters.length ? filter.limit * 4 : filter.limit,
      ExclusiveStartKey: decodeCursor(
        filter.cursor,
        { [pkName]: engagementKeys.overviewPartition },
        keyNames,
      ),
    }),
  );
  const page = toPage(result.Items ?? [], result.LastEvaluatedKey, filter.limit, keyNames);
  return { items: page.items.map((item) => parseItem(engagementItem, item)!), nextCursor: page.nextCursor };
};

/** Keeps the copy of the organization's name (shown and sorted on in the overview) in step after a rename. */
export const renameOrganization = async (orgId: string, organizationName: string) => {
  let cursor: string | undefined;
  do {
    const page = await queryPrefix({ ...engagementKeys.engagementPrefix(orgId), limit: 25, cursor });
    for (const item of page.items) {
      const engagement = parseItem(engagementItem, item)!;
      await dynamo.send(
        new UpdateCommand({
          TableName: tableName,
          Key: engagementKeys.engagement(orgId, engagement.id),
          UpdateExpression: 'SET organizationName = :name, gsi2sk = :sk, searchText = :search',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: {
            ':name': organizationName,
            ':sk': engagementKeys.byName(organizationName, engagement.projectName, engagement.id).gsi2sk,
            ':search': `${organizationName} ${engagement.projectName}`.toLowerCase(),
          },
        }),
      );
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
};
