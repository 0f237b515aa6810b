import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../aws/dynamo';
import { getMany } from '../db/batch';
import { failedConditions } from '../db/errors';
import { parseItem } from '../db/item';
import { conferenceKeys, orgKeys, platformKeys } from '../db/keys';
import { queryWholePrefix } from '../db/queries';
import type { OutboxWrite } from '../events/outbox';
import { NotFoundError, VersionConflictError } from '../http/errors';
import type { StreamState } from './contracts';
import {
  type AgendaItem,
  agendaItem,
  type ConferenceItem,
  conferenceItem,
  descriptionItem,
  feedOfUserItem,
  feedTokenItem,
  liveStatesItem,
  organizationNameItem,
  type RoleItem,
  roleItem,
  roleOfUserItem,
  type SpeakerItem,
  savedItem,
  speakerHistoryItem,
  speakerItem,
  versionedItem,
} from './model';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

// `entity` tells the items of one partition apart in a Query; the domain never reads it.
const queryOnly = ['entity'];
const toConference = (item: Record<string, unknown> | undefined) =>
  parseItem(conferenceItem, item, queryOnly);
const toAgendaItem = (item: Record<string, unknown> | undefined) => parseItem(agendaItem, item, queryOnly);
const toSpeaker = (item: Record<string, unknown> | undefined) => parseItem(speakerItem, item, queryOnly);
const toRole = (item: Record<string, unknown> | undefined) => parseItem(roleItem, item, queryOnly);
const toLiveStates = (item: Record<string, unknown> | undefined) =>
  parseItem(liveStatesItem, item, queryOnly) ?? { states: {}, version: 0 };
const toDescription = (item: Record<string, unknown> | undefined) =>
  parseItem(descriptionItem, item, queryOnly)?.text ?? '';
/** The version a lost condition found, for the 409; none when the item is gone. */
const versionOf = (item: Record<string, unknown> | undefined) => parseItem(versionedItem, item)?.version;

const conferenceRecord = (conference: ConferenceItem) => ({
  ...conferenceKeys.conference(conference.orgId, conference.id),
  ...conferenceKeys.byOrganization(conference.orgId, conference.startDate, conference.id),
  entity: 'conference',
  ...conference,
});

/** A conference and its (empty) live-state map, written together with the events announcing it. */
export const createConference = async (conference: ConferenceItem, events: readonly OutboxWrite[]) => {
  await dynamo.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName,
            Item: conferenceRecord(conference),
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        {
          Put: {
            TableName: tableName,
            Item: {
              ...conferenceKeys.liveStates(conference.orgId, conference.id),
              entity: 'live',
              states: {},
              version: 1,
            },
          },
        },
        ...events,
      ],
    }),
  );
};

export const getConference = async (orgId: string, conferenceId: string) => {
  const { Item } = await dynamo.send(
    new GetCommand({
      TableName: tableName,
      Key: conferenceKeys.conference(orgId, conferenceId),
      ConsistentRead: true,
    }),
  );
  return toConference(Item);
};

/**
 * Replaces the conference if its version is still `expectedVersion`, with the events announcing the
 * change in the same transaction; else 409 with the current version (404 when it is gone).
 */
export const saveConference = async (
  conference: ConferenceItem,
  expectedVersion: number,
  events: readonly OutboxWrite[],
) => {
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: conferenceRecord(conference),
              ConditionExpression: 'attribute_exists(pk) AND version = :expected',
              ExpressionAttributeValues: { ':expected': expectedVersion },
            },
          },
          ...events,
        ],
      }),
    );
  } catch (error) {
    if (!failedConditions(error)?.includes(0)) throw error;
    const { Item } = await dynamo.send(
      new GetCommand({
        TableName: tableName,
        Key: conferenceKeys.conference(conference.orgId, conference.id),
        ConsistentRead: true,
      }),
    );
    const current = versionOf(Item);
    throw current === undefined ? new NotFoundError() : new VersionConflictError(current);
  }
};

export const listConferences = async (orgId: string) => {
  const items: ConferenceItem[] = [];
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': conferenceKeys.organizationPartition(orgId) },
        ExclusiveStartKey: cursor,
      }),
    );
    items.push(...(page.Items ?? []).map((item) => toConference(item)!));
    cursor = page.LastEvaluatedKey;
  } while (cursor);
  return items;
};

export interface AgendaRead {
  readonly conference: ConferenceItem | undefined;
  readonly items: AgendaItem[];
  readonly speakers: SpeakerItem[];
  readonly states: Record<string, StreamState>;
  readonly liveVersion: number;
}

/**
 * The conference, its agenda items, speakers and live states: one Query of the conference partition under
 * `CONF#`, in DynamoDB's 1 MB pages (items stay small — descriptions live apart — so 500 sessions fit one).
 */
export const readAgenda = async (orgId: string, conferenceId: string): Promise<AgendaRead> => {
  const raw = await queryWholePrefix({
    pk: conferenceKeys.partition(orgId, conferenceId),
    skPrefix: conferenceKeys.agendaPrefix,
    consistentRead: true,
  });
  const of = (entity: string) => raw.filter((item) => item.entity === entity);
  const live = toLiveStates(of('live')[0]);
  return {
    conference: toConference(of('conference')[0]),
    items: of('agenda-item')
      .map((item) => toAgendaItem(item)!)
      .sort((a, b) => a.startUtc.localeCompare(b.startUtc) || a.track.localeCompare(b.track)),
    speakers: of('speaker')
      .map((item) => toSpeaker(item)!)
      .sort((a, b) => a.name.localeCompare(b.name)),
    states: live.states,
    liveVersion: live.version,
  };
};

export const getLiveStates = async (orgId: string, conferenceId: string) => {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: conferenceKeys.liveStates(orgId, conferenceId) }),
  );
  return Item ? toLiveStates(Item) : undefined;
};

/** One agenda item, its description, the conference, live states and whether `userId` saved it: one batch read. */
export const getAgendaItem = async (orgId: string, conferenceId: string, itemId: string, userId: string) => {
  const itemKey = conferenceKeys.agendaItem(orgId, conferenceId, itemId);
  const descriptionKey = conferenceKeys.description(orgId, conferenceId, itemId);
  const conferenceKey = conferenceKeys.conference(orgId, conferenceId);
  const liveKey = conferenceKeys.liveStates(orgId, conferenceId);
  const savedKey = conferenceKeys.saved(userId, orgId, conferenceId, itemId);
  const found = await getMany([itemKey, descriptionKey, conferenceKey, liveKey, savedKey]);
  const { states } = toLiveStates(found(liveKey));
  return {
    conference: toConference(found(conferenceKey)),
    item: toAgendaItem(found(itemKey)),
    description: toDescription(found(descriptionKey)),
    state: states[itemId] ?? ('scheduled' as StreamState),
    saved: found(savedKey) !== undefined,
  };
};

const agendaRecord = (orgId: string, conferenceId: string, item: AgendaItem) => ({
  ...conferenceKeys.agendaItem(orgId, conferenceId, item.id),
  entity: 'agenda-item',
  ...item,
});

const descriptionPut = (orgId: string, conferenceId: string, itemId: string, text: string): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: { ...conferenceKeys.description(orgId, conferenceId, itemId), entity: 'description', text },
  },
});

const dueDelete = (dueId: string): TransactItem => ({
  Delete: { TableName: tableName, Key: platformKeys.dueItem(dueId) },
});

const activeConferenceCheck = (orgId: string, conferenceId: string): TransactItem => ({
  ConditionCheck: {
    TableName: tableName,
    Key: conferenceKeys.conference(orgId, conferenceId),
    ConditionExpression: '#status = :active',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: { ':active': 'active' },
  },
});

const liveStateUpdate = (orgId: string, conferenceId: string, itemId: string, state: StreamState | null) => ({
  Update: {
    TableName: tableName,
    Key: conferenceKeys.liveStates(orgId, conferenceId),
    UpdateExpression: `${state ? 'SET states.#item = :state' : 'REMOVE states.#item'} ADD version :one`,
    ExpressionAttributeNames: { '#item': itemId },
    ExpressionAttributeValues: { ':one': 1, ...(state ? { ':state': state } : {}) },
  },
});

/** Writes of the due items that take an item live and end it; the caller's `dueItemPut`s. */
export type DuePut = { readonly put: NonNullable<TransactItem['Put']> };

export const createAgendaItem = async (
  orgId: string,
  conferenceId: string,
  item: AgendaItem,
  description: string,
  dues: readonly DuePut[],
  events: readonly OutboxWrite[],
) => {
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          activeConferenceCheck(orgId, conferenceId),
          {
            Put: {
              TableName: tableName,
              Item: agendaRecord(orgId, conferenceId, item),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          descriptionPut(orgId, conferenceId, item.id, description),
          ...dues.map((due) => ({ Put: due.put })),
          ...events,
        ],
      }),
    );
  } catch (error) {
    if (failedConditions(error)?.includes(0)) throw new NotFoundError('This event is archived or gone');
    throw error;
  }
};

/**
 * Replaces an agenda item if its version is still `expectedVersion`. A move replaces its due items in the
 * same transaction (old ones deleted, new ones written) and, with `resetState`, sets it back to scheduled.
 */
export const saveAgendaItem = async (
  orgId: string,
  conferenceId: string,
  item: AgendaItem,
  expectedVersion: number,
  change: {
    readonly description?: string;
    readonly replacedDueIds: readonly string[];
    readonly dues: readonly DuePut[];
    readonly state?: StreamState | null;
  },
  events: readonly OutboxWrite[],
) => {
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: agendaRecord(orgId, conferenceId, item),
              ConditionExpression: 'attribute_exists(pk) AND version = :expected',
              ExpressionAttributeValues: { ':expected': expectedVersion },
            },
          },
          ...(change.description === undefined
            ? []
            : [descriptionPut(orgId, conferenceId, item.id, change.description)]),
          ...change.replacedDueIds.map(dueDelete),
          ...change.dues.map((due) => ({ Put: due.put })),
          ...(change.state === undefined
            ? []
            : [liveStateUpdate(orgId, conferenceId, item.id, change.state)]),
          ...events,
        ],
      }),
    );
  } catch (error) {
    if (failedConditions(error)?.includes(0)) throw await conflictFor(orgId, conferenceId, item.id);
    throw error;
  }
};

const conflictFor = async (orgId: string, conferenceId: string, itemId: string) => {
  const { Item } = await dynamo.send(
    new GetCommand({
      TableName: tableName,
      Key: conferenceKeys.agendaItem(orgId, conferenceId, itemId),
      ConsistentRead: true,
    }),
  );
  const current = versionOf(Item);
  return current === undefined ? new NotFoundError() : new VersionConflictError(current);
};

export const deleteAgendaItem = async (
  orgId: string,
  conferenceId: string,
  item: AgendaItem,
  expectedVersion: number,
  events: readonly OutboxWrite[],
) => {
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Delete: {
              TableName: tableName,
              Key: conferenceKeys.agendaItem(orgId, conferenceId, item.id),
              ConditionExpression: 'version = :expected',
              ExpressionAttributeValues: { ':expected': expectedVersion },
            },
          },
          { Delete: { TableName: tableName, Key: conferenceKeys.description(orgId, conferenceId, item.id) } },
          ...[item.liveDueId, item.endDueId].map(dueDelete),
          liveStateUpdate(orgId, conferenceId, item.id, null),
          ...events,
        ],
      }),
    );
  } catch (error) {
    if (failedConditions(error)?.includes(0)) throw await conflictFor(orgId, conferenceId, item.id);
    throw error;
  }
};

/**
 * What an agenda write checks, in one batch read: the conference, its live states, which of the named
 * speakers are missing and (when given) the item with its description and whether `userId` saved it.
 */
export const readForAgendaWrite = async (
  orgId: string,
  conferenceId: string,
  userId: string,
  speakerIds: readonly string[],
  itemId?: string,
) => {
  const conferenceKey = conferenceKeys.conference(orgId, conferenceId);
  const liveKey = conferenceKeys.liveStates(orgId, conferenceId);
  const itemKeys = itemId
    ? [
        conferenceKeys.agendaItem(orgId, conferenceId, itemId),
        conferenceKeys.description(orgId, conferenceId, itemId),
        conferenceKeys.saved(userId, orgId, conferenceId, itemId),
      ]
    : [];
  const speakerKeys = speakerIds.map((id) => conferenceKeys.speaker(orgId, conferenceId, id));
  const found = await getMany([conferenceKey, liveKey, ...itemKeys, ...speakerKeys]);
  const [itemKey, descriptionKey, savedKey] = itemKeys;
  return {
    conference: toConference(found(conferenceKey)),
    states: toLiveStates(found(liveKey)).states,
    missingSpeakerIds: speakerIds.filter((_, index) => !found(speakerKeys[index]!)),
    item: itemKey ? toAgendaItem(found(itemKey)) : undefined,
    description: descriptionKey ? toDescription(found(descriptionKey)) : '',
    saved: savedKey ? found(savedKey) !== undefined : false,
  };
};

/** The conference and one of its agenda items, in one batch read. */
export const getConferenceAndItem = async (orgId: string, conferenceId: string, itemId: string) => {
  const conferenceKey = conferenceKeys.conference(orgId, conferenceId);
  const itemKey = conferenceKeys.agendaItem(orgId, conferenceId, itemId);
  const found = await getMany([conferenceKey, itemKey]);
  return {
    conference: toConference(found(conferenceKey)),
    item: toAgendaItem(found(itemKey)),
  };
};

/** Several of the organization's conferences, in one batch read; an id that names none is left out. */
export const getConferences = async (
  orgId: string,
  conferenceIds: readonly string[],
): Promise<ReadonlyMap<string, ConferenceItem>> => {
  const keys = conferenceIds.map((id) => conferenceKeys.conference(orgId, id));
  const found = keys.length ? await getMany(keys) : () => undefined;
  const conferences = new Map<string, ConferenceItem>();
  conferenceIds.forEach((id, index) => {
    const conference = toConference(found(keys[index]!));
    if (conference) conferences.set(id, conference);
  });
  return conferences;
};

/**
 * Moves an item's live state from one of `from` to `to`; false when it was in none of them (an organizer
 * overrode it, or a tick ran twice). Absent from the map means scheduled.
 */
export const moveLiveState = async (
  orgId: string,
  conferenceId: string,
  itemId: string,
  from: readonly StreamState[],
  to: StreamState,
  events: readonly OutboxWrite[],
): Promise<boolean> => {
  const values: Record<string, unknown> = { ':to': to, ':one': 1 };
  const conditions = from.map((state, index) => {
    values[`:from${index}`] = state;
    return `states.#item = :from${index}`;
  });
  if (from.includes('scheduled')) conditions.push('attribute_not_exists(states.#item)');
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: conferenceKeys.liveStates(orgId, conferenceId),
              UpdateExpression: 'SET states.#item = :to ADD version :one',
              ConditionExpression: `attribute_exists(pk) AND (${conditions.join(' OR ')})`,
              ExpressionAttributeNames: { '#item': itemId },
              ExpressionAttributeValues: values,
            },
          },
          ...events,
        ],
      }),
    );
    return true;
  } catch (error) {
    if (failedConditions(error)?.includes(0)) return false;
    throw error;
  }
};

/** An organizer's override: the state, and the item with its recording link, in one transaction. */
export const overrideLiveState = async (
  orgId: string,
  conferenceId: string,
  item: AgendaItem,
  expectedVersion: number,
  state: StreamState,
  events: readonly OutboxWrite[],
) =>
  saveAgendaItem(orgId, conferenceId, item, expectedVersion, { replacedDueIds: [], dues: [], state }, events);

// Speakers ---------------------------------------------------------------------------------------------

const speakerRecord = (orgId: string, conferenceId: string, startDate: string, speaker: SpeakerItem) => ({
  ...conferenceKeys.speaker(orgId, conferenceId, speaker.id),
  ...conferenceKeys.speakerHistory(orgId, speaker.person, startDate, conferenceId),
  entity: 'speaker',
  conferenceId,
  ...speaker,
});

export const putSpeaker = async (
  orgId: string,
  conferenceId: string,
  startDate: string,
  speaker: SpeakerItem,
  expectedVersion: number | null,
  role?: RoleItem,
): Promise<void> => {
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: speakerRecord(orgId, conferenceId, startDate, speaker),
              ConditionExpression:
                expectedVersion === null
                  ? 'attribute_not_exists(pk)'
                  : 'attribute_exists(pk) AND version = :v',
              ...(expectedVersion === null ? {} : { ExpressionAttributeValues: { ':v': expectedVersion } }),
            },
          },
          ...(role ? [rolePut(orgId, conferenceId, role, true)] : []),
        ],
      }),
    );
  } catch (error) {
    if (failedConditions(error)?.includes(0)) {
      const { Item } = await dynamo.send(
        new GetCommand({
          TableName: tableName,
          Key: conferenceKeys.speaker(orgId, conferenceId, speaker.id),
        }),
      );
      const current = versionOf(Item);
      throw current === undefined ? new NotFoundError() : new VersionConflictError(current);
    }
    // A role that already outranks speaker (an organizer) is kept as it is.
    if (failedConditions(error)?.includes(1))
      return putSpeaker(orgId, conferenceId, startDate, speaker, expectedVersion);
    throw error;
  }
};

export const getSpeaker = async (orgId: string, conferenceId: string, speakerId: string) => {
  const { Item } = await dynamo.send(
    new GetCommand({
      TableName: tableName,
      Key: conferenceKeys.speaker(orgId, conferenceId, speakerId),
      ConsistentRead: true,
    }),
  );
  return toSpeaker(Item);
};

export const speakerHistory = async (orgId: string, person: string) => {
  const { Items = [] } = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': conferenceKeys.historyPartition(orgId, person) },
      ScanIndexForward: false,
      Limit: 100,
    }),
  );
  return Items.map((item) => {
    const entry = parseItem(speakerHistoryItem, item)!;
    return { speakerId: entry.id, conferenceId: entry.conferenceId };
  });
};

// Roster -----------------------------------------------------------------------------------------------

const roleRecord = (orgId: string, conferenceId: string, role: RoleItem) => ({
  ...conferenceKeys.role(orgId, conferenceId, role.userId),
  ...conferenceKeys.roleOfUser(role.userId, orgId, conferenceId),
  entity: 'role',
  orgId,
  conferenceId,
  ...role,
});

/** With `onlyUpgrade`, a speaker role never replaces an organizer's. */
const rolePut = (orgId: string, conferenceId: string, role: RoleItem, onlyUpgrade = false): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: roleRecord(orgId, conferenceId, role),
    ...(onlyUpgrade
      ? {
          ConditionExpression: 'attribute_not_exists(pk) OR #role = :attendee',
          ExpressionAttributeNames: { '#role': 'role' },
          ExpressionAttributeValues: { ':attendee': 'attendee' },
        }
      : {}),
  },
});

export const putRole = async (
  orgId: string,
  conferenceId: string,
  role: RoleItem,
  events: readonly OutboxWrite[],
) => {
  await dynamo.send(
    new TransactWriteCommand({ TransactItems: [rolePut(orgId, conferenceId, role), ...events] }),
  );
};

export const getRole = async (orgId: string, conferenceId: string, userId: string) => {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: conferenceKeys.role(orgId, conferenceId, userId) }),
  );
  return toRole(Item);
};

/** Removes a role with the events announcing it; false (and nothing announced) when there was none. */
export const deleteRole = async (
  orgId: string,
  conferenceId: string,
  userId: string,
  events: readonly OutboxWrite[],
) => {
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Delete: {
              TableName: tableName,
              Key: conferenceKeys.role(orgId, conferenceId, userId),
              ConditionExpression: 'attribute_exists(pk)',
            },
          },
          ...events,
        ],
      }),
    );
    return true;
  } catch (error) {
    if (failedConditions(error)?.includes(0)) return false;
    throw error;
  }
};

export const listRoles = async (orgId: string, conferenceId: string) => {
  const items = await queryWholePrefix({
    pk: conferenceKeys.partition(orgId, conferenceId),
    skPrefix: conferenceKeys.rolePrefix,
  });
  return items.map((item) => toRole(item)!);
};

/** A person's roles across organizations, with each conference and organization (one batch read). */
export const listRolesOfUser = async (userId: string) => {
  const { Items = [] } = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': conferenceKeys.userRolesPartition(userId) },
      Limit: 100,
    }),
  );
  const roles = Items.map((item) => parseItem(roleOfUserItem, item)!);
  if (roles.length === 0) return [];
  const conferenceKeysOf = roles.map((r) => conferenceKeys.conference(r.orgId, r.conferenceId));
  const orgKeysOf = [...new Set(roles.map((r) => r.orgId))].map((orgId) => orgKeys.org(orgId));
  const found = await getMany([...conferenceKeysOf, ...orgKeysOf]);
  return roles.flatMap((role, index) => {
    const conference = toConference(found(conferenceKeysOf[index]!));
    if (!conference) return [];
    const organizationName = parseItem(organizationNameItem, found(orgKeys.org(role.orgId)))?.name ?? '';
    return [{ role: role.role, conference, organizationName }];
  });
};

// My agenda and calendar feeds ----------------------------------------------------------------------------

export const listSavedItemIds = async (userId: string, orgId: string, conferenceId: string) => {
  const { pk, skPrefix } = conferenceKeys.savedPrefix(userId, orgId, conferenceId);
  const items = await queryWholePrefix({ pk, skPrefix, projection: 'itemId' });
  return items.map((item) => parseItem(savedItem, item)!.itemId);
};

export const setSaved = async (
  userId: string,
  orgId: string,
  conferenceId: string,
  itemId: string,
  saved: boolean,
) => {
  const key = conferenceKeys.saved(userId, orgId, conferenceId, itemId);
  if (saved)
    await dynamo.send(
      new PutCommand({ TableName: tableName, Item: { ...key, itemId, savedAt: new Date().toISOString() } }),
    );
  else await dynamo.send(new DeleteCommand({ TableName: tableName, Key: key }));
};

/** Makes `tokenHash` the person's one feed link for the conference; the previous link stops working. */
export const replaceFeed = async (
  userId: string,
  orgId: string,
  conferenceId: string,
  tokenHash: string | null,
) => {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: conferenceKeys.feedOfUser(userId, orgId, conferenceId) }),
  );
  const previous = parseItem(feedOfUserItem, Item)?.tokenHash;
  const writes: TransactItem[] = [];
  if (previous) writes.push({ Delete: { TableName: tableName, Key: conferenceKeys.feedToken(previous) } });
  if (tokenHash) {
    writes.push(
      {
        Put: {
          TableName: tableName,
          Item: { ...conferenceKeys.feedToken(tokenHash), userId, orgId, conferenceId },
        },
      },
      {
        Put: {
          TableName: tableName,
          Item: { ...conferenceKeys.feedOfUser(userId, orgId, conferenceId), tokenHash },
        },
      },
    );
  } else if (previous) {
    writes.push({
      Delete: { TableName: tableName, Key: conferenceKeys.feedOfUser(userId, orgId, conferenceId) },
    });
  }
  if (writes.length) await dynamo.send(new TransactWriteCommand({ TransactItems: writes }));
};

export const getFeed = async (tokenHash: string) => {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: conferenceKeys.feedToken(tokenHash) }),
  );
  return parseItem(feedTokenItem, Item);
};
