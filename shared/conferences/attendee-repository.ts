import {
  BatchWriteCommand,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../aws/dynamo';
import { getManyInChunks } from '../db/batch';
import { decodeCursor, toPage } from '../db/cursor';
import { failedConditions, isConditionFailure } from '../db/errors';
import { parseItem } from '../db/item';
import { attendeeKeys, conferenceKeys, emailKeys, statsKeys } from '../db/keys';
import { isExpired } from '../db/ttl';
import type { OutboxWrite } from '../events/outbox';
import { id } from '../http/contracts';
import { NotFoundError, VersionConflictError } from '../http/errors';
import * as z from '../schema/zod';
import { type AttendeeFilter, type AttendeeStatus, attendeeView } from './attendee-contracts';
import type { RoleItem } from './model';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** An attendee as stored: the view plus the hash of their live invitation link. */
const attendeeItem = z.extend(attendeeView, {
  orgId: id,
  conferenceId: id,
  invitedBy: z.string(),
  tokenHash: z.nullable(z.string()),
});
export type AttendeeItem = z.infer<typeof attendeeItem>;

const queryOnly = ['searchText', 'entity'];
const toAttendee = (item: Record<string, unknown> | undefined) => parseItem(attendeeItem, item, queryOnly);

/** The email guard: which attendee holds an address in the conference. */
const inviteeItem = z.object({ attendeeId: id });

/** Which attendee, and which of their sends, an SES message was. */
const sentMessageItem = z.object({
  orgId: id,
  conferenceId: id,
  attendeeId: id,
  sendCount: z.number().check(z.int()),
});

/** A live invitation link, by its token's hash; `ttl` only lets DynamoDB drop it. */
const invitationTokenItem = z.object({ orgId: id, conferenceId: id, attendeeId: id, expiresAt: z.string() });

const searchTextOf = (attendee: AttendeeItem) =>
  [attendee.name, attendee.email, attendee.group ?? ''].join(' ').toLowerCase();

const attendeeRecord = (attendee: AttendeeItem) => ({
  ...attendeeKeys.attendee(attendee.orgId, attendee.conferenceId, attendee.id),
  entity: 'attendee',
  ...attendee,
  searchText: searchTextOf(attendee),
});

/** Which emails already have an attendee in the conference, and which addresses must not be mailed. */
export const findInvitees = async (orgId: string, conferenceId: string, emails: readonly string[]) => {
  const guards = emails.map((email) => attendeeKeys.invitee(orgId, conferenceId, email));
  const suppressions = emails.map((email) => emailKeys.suppression(email));
  const found = await getManyInChunks([...guards, ...suppressions]);
  return new Map(
    emails.map((email, index) => [
      email,
      {
        attendeeId: parseItem(inviteeItem, found(guards[index]!))?.attendeeId,
        suppressed: found(suppressions[index]!) !== undefined,
      },
    ]),
  );
};

export interface NewAttendee {
  readonly attendee: AttendeeItem;
  readonly token: { readonly hash: string; readonly expiresAt: string; readonly ttl: number } | null;
}

const tokenPut = (attendee: AttendeeItem, token: NonNullable<NewAttendee['token']>): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: {
      ...attendeeKeys.invitationToken(token.hash),
      orgId: attendee.orgId,
      conferenceId: attendee.conferenceId,
      attendeeId: attendee.id,
      expiresAt: token.expiresAt,
      ttl: token.ttl,
    },
  },
});

const funnelAdd = (orgId: string, conferenceId: string, counts: Partial<Record<FunnelStep, number>>) => {
  const entries = Object.entries(counts).filter(([, n]) => n);
  return {
    Update: {
      TableName: tableName,
      Key: statsKeys.funnel(orgId, conferenceId),
      UpdateExpression: `ADD ${entries.map(([step]) => `#${step} :${step}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(entries.map(([step]) => [`#${step}`, step])),
      ExpressionAttributeValues: Object.fromEntries(entries.map(([step, n]) => [`:${step}`, n])),
    },
  } satisfies TransactItem;
};

export type FunnelStep = 'invited' | 'registered' | 'attended' | 'engaged';

/** People per creating transaction: up to four writes each (guard, attendee, link, event) and the count. */
const createdPerTransaction = 24;

/**
 * Creates attendees, each with its email guard, (when it is mailed) its invitation link and the event
 * announcing it, and counts them as invited — in transactions of up to `createdPerTransaction` people.
 * Returns the emails another request claimed first; those people were not created, nor announced.
 */
export const createAttendees = async (
  orgId: string,
  conferenceId: string,
  rows: readonly NewAttendee[],
  announce: (attendee: AttendeeItem) => OutboxWrite,
) => {
  const raced = new Set<string>();
  for (let start = 0; start < rows.length; start += createdPerTransaction) {
    let chunk = rows.slice(start, start + createdPerTransaction);
    while (chunk.length > 0) {
      const items = chunk.flatMap(({ attendee, token }) => [
        {
          Put: {
            TableName: tableName,
            Item: { ...attendeeKeys.invitee(orgId, conferenceId, attendee.email), attendeeId: attendee.id },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        } satisfies TransactItem,
        { Put: { TableName: tableName, Item: attendeeRecord(attendee) } } satisfies TransactItem,
        ...(token ? [tokenPut(attendee, token)] : []),
        announce(attendee),
      ]);
      try {
        await dynamo.send(
          new TransactWriteCommand({
            TransactItems: [...items, funnelAdd(orgId, conferenceId, { invited: chunk.length })],
          }),
        );
        break;
      } catch (error) {
        const failed = failedConditions(error);
        if (!failed) throw error;
        // Drop whoever lost the race for their email, and write the rest again.
        const lost = new Set(
          failed.map((index) => (items[index]?.Put?.Item as { attendeeId?: string })?.attendeeId),
        );
        for (const row of chunk) if (lost.has(row.attendee.id)) raced.add(row.attendee.email);
        chunk = chunk.filter((row) => !lost.has(row.attendee.id));
      }
    }
  }
  return raced;
};

/** Remembers which attendee (and which send of theirs) an SES message was, for its bounce or delivery. */
export const recordSentMessages = async (
  sent: readonly { messageId: string; attendee: AttendeeItem }[],
  ttl: number,
) => {
  for (let start = 0; start < sent.length; start += 25) {
    await dynamo.send(
      new BatchWriteCommand({
        RequestItems: {
          [tableName]: sent.slice(start, start + 25).map(({ messageId, attendee }) => ({
            PutRequest: {
              Item: {
                ...attendeeKeys.sentMessage(messageId),
                orgId: attendee.orgId,
                conferenceId: attendee.conferenceId,
                attendeeId: attendee.id,
                sendCount: attendee.sendCount,
                ttl,
              },
            },
          })),
        },
      }),
    );
  }
};

export const getSentMessage = async (messageId: string) => {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: attendeeKeys.sentMessage(messageId) }),
  );
  return parseItem(sentMessageItem, Item, ['ttl']);
};

/**
 * Moves an invitation to `delivered` or `bounced` if it is still the send the message was (a resend made
 * a new one) and still in one of `from`; false otherwise.
 */
export const markDelivery = async (
  message: { orgId: string; conferenceId: string; attendeeId: string; sendCount: number },
  status: Extract<AttendeeStatus, 'delivered' | 'bounced'>,
  from: readonly AttendeeStatus[],
  reason: string | null,
  now: string,
) => {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: attendeeKeys.attendee(message.orgId, message.conferenceId, message.attendeeId),
        UpdateExpression: 'SET #status = :status, bounceReason = :reason, updatedAt = :now ADD version :one',
        ConditionExpression: `sendCount = :send AND #status IN (${from.map((_, i) => `:from${i}`).join(', ')})`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':status': status,
          ':reason': reason,
          ':now': now,
          ':one': 1,
          ':send': message.sendCount,
          ...Object.fromEntries(from.map((state, i) => [`:from${i}`, state])),
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
};

export const getAttendee = async (orgId: string, conferenceId: string, attendeeId: string) => {
  const { Item } = await dynamo.send(
    new GetCommand({
      TableName: tableName,
      Key: attendeeKeys.attendee(orgId, conferenceId, attendeeId),
      ConsistentRead: true,
    }),
  );
  return toAttendee(Item);
};

export const getAttendees = async (orgId: string, conferenceId: string, attendeeIds: readonly string[]) => {
  const keys = attendeeIds.map((attendeeId) => attendeeKeys.attendee(orgId, conferenceId, attendeeId));
  const found = await getManyInChunks(keys);
  return keys.map((key) => toAttendee(found(key)));
};

/** What {@link findInvitees} learnt of each email: its attendee, if any, and whether mail to it bounced. */
export type Invitees = Awaited<ReturnType<typeof findInvitees>>;

/**
 * The conference's attendees by email, and the invitee lookups that found them (which
 * `createInvitations` takes, so a batch reads each email's guard and suppression once).
 */
export const getAttendeesByEmail = async (orgId: string, conferenceId: string, emails: readonly string[]) => {
  const invitees = await findInvitees(orgId, conferenceId, emails);
  const ids = emails.flatMap((email) => invitees.get(email)?.attendeeId ?? []);
  const attendees = await getAttendees(orgId, conferenceId, ids);
  const byEmail = new Map(
    attendees.flatMap((attendee) => (attendee ? [[attendee.email, attendee] as const] : [])),
  );
  return Object.assign(byEmail, { invitees });
};

/** A live invitation link: the attendee it names, unless it expired. */
export const getInvitationToken = async (tokenHash: string) => {
  const { Item } = await dynamo.send(
    new GetCommand({
      TableName: tableName,
      Key: attendeeKeys.invitationToken(tokenHash),
      ConsistentRead: true,
    }),
  );
  if (!Item || isExpired(Item)) return undefined;
  return parseItem(invitationTokenItem, Item, ['ttl']);
};

/** The attendee's writes in a transaction: the attendee replaced if still at `expectedVersion`. */
export const attendeePut = (attendee: AttendeeItem, expectedVersion: number): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: attendeeRecord(attendee),
    ConditionExpression: 'attribute_exists(pk) AND version = :expected',
    ExpressionAttributeValues: { ':expected': expectedVersion },
  },
});

export const tokenDelete = (tokenHash: string): TransactItem => ({
  Delete: { TableName: tableName, Key: attendeeKeys.invitationToken(tokenHash) },
});

export const newTokenPut = tokenPut;

export const roleDelete = (orgId: string, conferenceId: string, userId: string): TransactItem => ({
  Delete: { TableName: tableName, Key: conferenceKeys.role(orgId, conferenceId, userId) },
});

/**
 * The roster entry an accepted attendee holds, carrying their networking access and group so whoever
 * reads the caller's role (the policy) reads those too.
 */
export const rolePutFor = (attendee: AttendeeItem, addedAt: string): TransactItem => {
  const role: RoleItem & { networking: string; group: string | null } = {
    userId: attendee.userId!,
    email: attendee.email,
    name: attendee.name,
    role: attendee.role,
    addedAt,
    invited: true,
    networking: attendee.networking,
    group: attendee.group,
  };
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...conferenceKeys.role(attendee.orgId, attendee.conferenceId, role.userId),
        ...conferenceKeys.roleOfUser(role.userId, attendee.orgId, attendee.conferenceId),
        entity: 'role',
        orgId: attendee.orgId,
        conferenceId: attendee.conferenceId,
        ...role,
      },
    },
  };
};

export const funnelUpdate = funnelAdd;

/**
 * Writes one attendee change (the attendee at its version, plus the roster or link writes that go with
 * it) in one transaction; a lost version check answers 409 with the current version.
 */
export const writeAttendee = async (
  attendee: AttendeeItem,
  expectedVersion: number,
  extra: TransactItem[],
) => {
  try {
    await dynamo.send(
      new TransactWriteCommand({ TransactItems: [attendeePut(attendee, expectedVersion), ...extra] }),
    );
  } catch (error) {
    if (!failedConditions(error)?.includes(0)) throw error;
    const current = await getAttendee(attendee.orgId, attendee.conferenceId, attendee.id);
    throw current ? new VersionConflictError(current.version) : new NotFoundError();
  }
};

/**
 * Several attendees' changes in one transaction (at most 100 writes). False when any attendee moved on
 * since it was read; nothing is written then.
 */
export const writeAttendees = async (items: TransactItem[]) => {
  try {
    await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
    return true;
  } catch (error) {
    if (failedConditions(error)) return false;
    throw error;
  }
};

/**
 * One page of a conference's attendees, oldest invitation first, filtered after the read (so a filtered
 * page reads a wider slice of the partition and returns at most `limit`).
 */
export const listAttendees = async (
  orgId: string,
  conferenceId: string,
  filter: AttendeeFilter,
  limit: number,
  cursor?: string,
) => {
  const pk = conferenceKeys.partition(orgId, conferenceId);
  const filters: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':pk': pk, ':prefix': attendeeKeys.attendeePrefix };
  for (const field of ['status', 'role', 'group', 'networking'] as const) {
    const value = filter[field];
    if (value === undefined) continue;
    filters.push(`#${field} = :${field}`);
    names[`#${field}`] = field;
    values[`:${field}`] = value;
  }
  if (filter.q) {
    filters.push('contains(searchText, :q)');
    values[':q'] = filter.q;
  }
  const result = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
      ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
      ExpressionAttributeValues: values,
      Limit: filters.length ? limit * 4 : limit,
      ExclusiveStartKey: decodeCursor(cursor, { pk }),
    }),
  );
  const page = toPage(result.Items ?? [], result.LastEvaluatedKey, limit, ['pk', 'sk']);
  return { items: page.items.map((item) => toAttendee(item)!), nextCursor: page.nextCursor };
};
