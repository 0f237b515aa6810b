import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../aws/dynamo';
import { decodeCursor, encodeCursor, gsi1Key, gsi2Key } from '../db/cursor';
import { failedConditions, isConditionFailure } from '../db/errors';
import { parseItem } from '../db/item';
import { bookingKeys, engagementKeys, orgKeys } from '../db/keys';
import type { OutboxWrite } from '../events/outbox';
import { markGrantRevoked } from '../google/repository';
import { DayFullError, SlotTakenError, VersionConflictError } from '../http/errors';
import { type ActivityEntry, activityPut, organizationItem } from '../organizations';
import * as z from '../schema/zod';
import { bookingSettingsFields, bookingStatus } from './contracts';

/** The operator's Google grant. The refresh token is sealed (KMS / AES-GCM) before it gets here. */
export const connectionItem = z.object({
  status: z.enum(['connected', 'revoked']),
  account: z.nullable(z.string()),
  sealedRefreshToken: z.string(),
  scopes: z.readonly(z.array(z.string())),
  connectedAt: z.string(),
  connectedBy: z.string(),
  connectedByName: z.string(),
  revokedAt: z.nullable(z.string()),
  /** Incremental sync of the target calendar: the token belongs to `syncCalendarId`. */
  syncCalendarId: z.nullable(z.string()),
  syncToken: z.nullable(z.string()),
  lastSyncAt: z.nullable(z.string()),
});
export type ConnectionItem = z.infer<typeof connectionItem>;

/**
 * The settings as stored: the input's shape, whose availability rules have not changed since the first
 * save, but calendar ids read as saved (the input normalizes text, which must not rewrite an id on read).
 */
export const settingsItem = z.extend(bookingSettingsFields, {
  checkCalendarIds: z.array(z.string()),
  targetCalendarId: z.nullable(z.string()),
  version: z.number().check(z.int()),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export type SettingsItem = z.infer<typeof settingsItem>;

export const bookingItem = z.object({
  id: z.string(),
  orgId: z.string(),
  organizationName: z.string(),
  projectName: z.nullable(z.string()),
  engagementId: z.nullable(z.string()),
  kickoff: z.boolean(),
  start: z.string(),
  end: z.string(),
  /** The operator-local date the booking counts toward (`maxPerDay`). */
  operatorDate: z.string(),
  notes: z.string(),
  status: bookingStatus,
  bookedBy: z.string(),
  bookedByUserId: z.string(),
  bookedByEmail: z.string(),
  calendarId: z.string(),
  /** Chosen by Portico before the insert, so a retried insert cannot create a second event. */
  eventId: z.string(),
  createdAt: z.string(),
  cancelledAt: z.nullable(z.string()),
  cancelledBy: z.nullable(z.string()),
  movedAt: z.nullable(z.string()),
  /** Moves on with every write: the guard of conditional writes. */
  revision: z.number().check(z.int()),
});
export type BookingItem = z.infer<typeof bookingItem>;

/** What a booking needs of the engagement it is for. */
const bookedEngagementItem = z.object({ id: z.string(), projectName: z.string() });
/** The schedule index projects only a booking's span. */
const bookedSpanItem = z.object({ start: z.string(), end: z.string() });

const get = async <S extends z.ZodMiniType>(schema: S, key: Record<string, string>) => {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
  );
  return parseItem(schema, Item);
};
// The connection (its consent states are kept by `google/oauth-state.ts` under `bookingKeys.oauthState`).

/** Where a consent's single-use OAuth state is kept, by the state's hash. */
export const consentStateKey = bookingKeys.oauthState;

export const getConnection = () => get(connectionItem, bookingKeys.connection);

export const putConnection = async (connection: ConnectionItem) => {
  await dynamo.send(
    new PutCommand({ TableName: tableName, Item: { ...bookingKeys.connection, ...connection } }),
  );
};

/** Marks a connected grant revoked; true only for the call that flipped it (so one email goes out). */
export const markRevoked = (sealedRefreshToken: string, at: string, event: OutboxWrite): Promise<boolean> =>
  markGrantRevoked(bookingKeys.connection, sealedRefreshToken, at, [event]);

export const saveSyncState = async (
  sealedRefreshToken: string,
  state: { syncCalendarId: string; syncToken: string | null; lastSyncAt: string },
) => {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: bookingKeys.connection,
        UpdateExpression: 'SET syncCalendarId = :calendar, syncToken = :token, lastSyncAt = :at',
        ConditionExpression: 'sealedRefreshToken = :grant',
        ExpressionAttributeValues: {
          ':calendar': state.syncCalendarId,
          ':token': state.syncToken,
          ':at': state.lastSyncAt,
          ':grant': sealedRefreshToken,
        },
      }),
    );
  } catch (error) {
    // Disconnected or re-authorized while syncing: the next sync starts from the new grant.
    if (!isConditionFailure(error)) throw error;
  }
};

export const deleteConnection = async () => {
  await dynamo.send(new DeleteCommand({ TableName: tableName, Key: bookingKeys.connection }));
};

// Settings.

export const getSettings = () => get(settingsItem, bookingKeys.settings);

export const saveSettings = async (settings: SettingsItem, expectedVersion: number) => {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...bookingKeys.settings, ...settings },
        ConditionExpression: expectedVersion === 0 ? 'attribute_not_exists(pk)' : 'version = :expected',
        ...(expectedVersion === 0 ? {} : { ExpressionAttributeValues: { ':expected': expectedVersion } }),
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) throw new VersionConflictError((await getSettings())?.version ?? 0);
    throw error;
  }
};

/**
 * Settings, connection, the organization and (when named) an engagement and a booking, in one round
 * trip: what every booking request starts from.
 */
export const loadContext = async (
  orgId: string,
  extra: { engagementId?: string; bookingId?: string } = {},
) => {
  const keys = [
    bookingKeys.settings,
    bookingKeys.connection,
    orgKeys.org(orgId),
    ...(extra.engagementId ? [engagementKeys.engagement(orgId, extra.engagementId)] : []),
    ...(extra.bookingId ? [bookingKeys.booking(orgId, extra.bookingId)] : []),
  ];
  const { Responses } = await dynamo.send(
    new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } } }),
  );
  const items = Responses?.[tableName] ?? [];
  const find = <S extends z.ZodMiniType>(schema: S, key: { pk: string; sk: string } | undefined) =>
    key
      ? parseItem(
          schema,
          items.find((item) => item.pk === key.pk && item.sk === key.sk),
        )
      : undefined;
  return {
    settings: find(settingsItem, bookingKeys.settings),
    connection: find(connectionItem, bookingKeys.connection),
    organization: find(organizationItem, orgKeys.org(orgId)),
    engagement: find(
      bookedEngagementItem,
      extra.engagementId ? engagementKeys.engagement(orgId, extra.engagementId) : undefined,
    ),
    booking: find(bookingItem, extra.bookingId ? bookingKeys.booking(orgId, extra.bookingId) : undefined),
  };
};

// Bookings.

const bookingRecord = (booking: BookingItem) => ({
  ...bookingKeys.booking(booking.orgId, booking.id),
  ...(booking.status === 'confirmed' ? bookingKeys.bySchedule(booking.start, booking.id) : {}),
  ...bookingKeys.byOrganization(booking.orgId, booking.start, booking.id),
  ...booking,
});

export const getBooking = (orgId: string, bookingId: string) =>
  get(bookingItem, bookingKeys.booking(orgId, bookingId));

/** Start and end of every confirmed booking starting in [from, to), across organizations. */
export const bookedBetween = async (from: string, to: string) => {
  const booked: { start: string; end: string }[] = [];
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':pk': bookingKeys.schedulePartition, ':from': from, ':to': to },
        ProjectionExpression: '#start, #end',
        ExpressionAttributeNames: { '#start': 'start', '#end': 'end' },
        ExclusiveStartKey: cursor,
      }),
    );
    booked.push(...(page.Items ?? []).map((item) => parseItem(bookedSpanItem, item)!));
    cursor = page.LastEvaluatedKey;
  } while (cursor);
  return booked;
};

const guardPut = (booking: BookingItem) => ({
  Put: {
    TableName: tableName,
    Item: { ...bookingKeys.slotGuard(booking.start), bookingId: booking.id, orgId: booking.orgId },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

const guardDelete = (start: string, bookingId: string) => ({
  Delete: {
    TableName: tableName,
    Key: bookingKeys.slotGuard(start),
    ConditionExpression: 'attribute_not_exists(pk) OR bookingId = :id',
    ExpressionAttributeValues: { ':id': bookingId },
  },
});

/** +1 for the day, refused when the day already holds `maxPerDay` (undefined: no limit, e.g. a calendar move). */
const dayCount = (operatorDate: string, delta: 1 | -1, maxPerDay?: number) => ({
  Update: {
    TableName: tableName,
    Key: bookingKeys.dayCount(operatorDate),
    UpdateExpression: 'ADD bookings :delta',
    ...(delta === 1 && maxPerDay !== undefined
      ? {
          ConditionExpression: 'attribute_not_exists(bookings) OR bookings < :max',
          ExpressionAttributeValues: { ':delta': delta, ':max': maxPerDay },
        }
      : { ExpressionAttributeValues: { ':delta': delta } }),
  },
});

/** An activity entry whose key is known, so a rolled-back claim can take it back too. */
const activityWithKey = (orgId: string, entry: ActivityEntry, at: string) => {
  const put = activityPut(orgId, entry, at);
  return { put, key: { pk: put.Put.Item.pk, sk: put.Put.Item.sk } };
};

/**
 * Claims the slot: the guard item (one booking per start), the day's count (refused at the limit) and
 * the booking, in one transaction. Returns what `releaseClaim` needs to undo it.
 */
export const claimSlot = async (booking: BookingItem, maxPerDay: number, entry: ActivityEntry) => {
  const activity = activityWithKey(booking.orgId, entry, booking.createdAt);
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          guardPut(booking),
          dayCount(booking.operatorDate, 1, maxPerDay),
          {
            Put: {
              TableName: tableName,
              Item: bookingRecord(booking),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          activity.put,
        ],
      }),
    );
  } catch (error) {
    const failed = failedConditions(error);
    if (failed?.includes(0)) throw new SlotTakenError();
    if (failed?.includes(1)) throw new DayFullError();
    throw error;
  }
  return activity.key;
};

/**
 * Announces a claim or move once Google has the event: the event is written only while the booking
 * still starts at `start` (not released or moved back in between). False when it no longer does.
 */
export const announceBooking = async (booking: BookingItem, event: OutboxWrite): Promise<boolean> => {
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            ConditionCheck: {
              TableName: tableName,
              Key: bookingKeys.booking(booking.orgId, booking.id),
              ConditionExpression: '#start = :start AND #status = :confirmed',
              ExpressionAttributeNames: { '#start': 'start', '#status': 'status' },
              ExpressionAttributeValues: { ':start': booking.start, ':confirmed': 'confirmed' },
            },
          },
          event,
        ],
      }),
    );
    return true;
  } catch (error) {
    if (failedConditions(error)?.includes(0)) return false;
    throw error;
  }
};

/** Undoes a claim whose calendar event could not be created: nothing half-booked remains. */
export const releaseClaim = async (booking: BookingItem, activityKey: { pk: string; sk: string }) => {
  await dynamo.send(
    new TransactWriteCommand({
      TransactItems: [
        guardDelete(booking.start, booking.id),
        dayCount(booking.operatorDate, -1),
        { Delete: { TableName: tableName, Key: bookingKeys.booking(booking.orgId, booking.id) } },
        { Delete: { TableName: tableName, Key: activityKey } },
      ],
    }),
  );
};

const bookingPut = (previous: BookingItem, next: BookingItem) => ({
  Put: {
    TableName: tableName,
    Item: bookingRecord({ ...next, revision: previous.revision + 1 }),
    ConditionExpression: 'revision = :seen',
    ExpressionAttributeValues: { ':seen': previous.revision },
  },
});

/** Cancels: the booking leaves the schedule, its slot and its place in the day are free again. */
export const saveCancellation = async (
  previous: BookingItem,
  next: BookingItem,
  entry: ActivityEntry,
  events: readonly OutboxWrite[],
) => {
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          bookingPut(previous, next),
          guardDelete(previous.start, previous.id),
          dayCount(previous.operatorDate, -1),
          activityPut(previous.orgId, entry, next.cancelledAt ?? new Date().toISOString()),
          ...events,
        ],
      }),
    );
  } catch (error) {
    if (failedConditions(error)?.includes(0)) throw new VersionConflictError(undefined);
    throw error;
  }
};

/**
 * Moves a booking: the new slot is claimed like a new booking, the old one released. `enforceLimits:
 * false` is for moves made in the operator's own calendar, which Portico follows even onto a full day
 * or an already claimed start (the operator decided).
 */
export const saveMove = async (
  previous: BookingItem,
  next: BookingItem,
  entry: ActivityEntry,
  options: { enforceLimits: boolean; maxPerDay: number; withGuard?: boolean },
  events: readonly OutboxWrite[] = [],
): Promise<void> => {
  const withGuard = options.withGuard ?? true;
  const sameStart = previous.start === next.start;
  const sameDay = previous.operatorDate === next.operatorDate;
  const items = [
    bookingPut(previous, next),
    ...(sameStart ? [] : [guardDelete(previous.start, previous.id), ...(withGuard ? [guardPut(next)] : [])]),
    ...(sameDay
      ? []
      : [
          dayCount(previous.operatorDate, -1),
          dayCount(next.operatorDate, 1, options.enforceLimits ? options.maxPerDay : undefined),
        ]),
    activityPut(previous.orgId, entry, next.movedAt ?? new Date().toISOString()),
    ...events,
  ];
  try {
    await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    const failed = failedConditions(error);
    if (failed?.includes(0)) throw new VersionConflictError(undefined);
    const guardFailed = !sameStart && withGuard && failed?.includes(2);
    // The operator's own move wins even over another claim of that start; it just holds no guard.
    if (guardFailed && !options.enforceLimits)
      return saveMove(previous, next, entry, { ...options, withGuard: false }, events);
    if (guardFailed) throw new SlotTakenError();
    if (failed?.length) throw new DayFullError();
    throw error;
  }
};

export type BookingWindow = 'upcoming' | 'past';

const queryBookings = async (
  index: 'gsi1' | 'gsi2',
  partition: string,
  when: BookingWindow,
  now: string,
  limit: number,
  cursor?: string,
) => {
  const [pkName, skName] = index === 'gsi1' ? ['gsi1pk', 'gsi1sk'] : ['gsi2pk', 'gsi2sk'];
  const result = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: index,
      KeyConditionExpression: `${pkName} = :pk AND ${skName} ${when === 'upcoming' ? '>=' : '<'} :now`,
      ExpressionAttributeValues: { ':pk': partition, ':now': now },
      ScanIndexForward: when === 'upcoming',
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, { [pkName]: partition }, index === 'gsi1' ? gsi1Key : gsi2Key),
    }),
  );
  return {
    items: (result.Items ?? []).map((item) => parseItem(bookingItem, item)!),
    nextCursor: encodeCursor(result.LastEvaluatedKey),
  };
};

/** One organization's bookings (cancelled ones too), by start. */
export const listForOrganization = (orgId: string, when: BookingWindow, limit: number, cursor?: string) =>
  queryBookings('gsi2', bookingKeys.orgPartition(orgId), when, new Date().toISOString(), limit, cursor);

/** The operator's schedule: confirmed bookings of every organization, by start. */
export const listSchedule = (when: BookingWindow, limit: number, cursor?: string) =>
  queryBookings('gsi1', bookingKeys.schedulePartition, when, new Date().toISOString(), limit, cursor);
