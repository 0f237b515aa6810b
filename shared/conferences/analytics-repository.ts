import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../aws/dynamo';
import { getMany } from '../db/batch';
import { decodeCursor, encodeCursor } from '../db/cursor';
import { failedConditions } from '../db/errors';
import { parseItem } from '../db/item';
import { conferenceKeys, statsKeys } from '../db/keys';
import { queryWholePrefix } from '../db/queries';
import { id } from '../http/contracts';
import * as z from '../schema/zod';
import type { AttendanceCredit, PersonRecord, WatchRecord } from './attendance';
import { conferenceItem } from './model';

type Counts = Record<string, number>;

const watchRecord = z.object({
  joins: z.number().check(z.int()),
  watchSeconds: z.number(),
  lastBeatAt: z.string(),
}) satisfies z.ZodMiniType<WatchRecord>;

const personRecord = z.object({
  joins: z.number().check(z.int()),
  items: z.number().check(z.int()),
  watchSeconds: z.number(),
  lastSeenAt: z.string(),
  lastMinute: z.string(),
  lastDay: z.string(),
  engaged: z.boolean(),
}) satisfies z.ZodMiniType<PersonRecord>;

/** Counters grow by `ADD`, so one that was never added to is absent: it counts 0. */
const count = z._default(z.number(), 0);
const itemCounters = z.object({ viewers: count, joins: count, watchSeconds: count });
const dayCounters = z.object({ people: count, joins: count, watchSeconds: count });
const funnelCounters = z.object({ invited: count, registered: count, attended: count, engaged: count });
const minuteCounters = z.object({ people: count });

/** A person's totals as the analytics list them; name and email are those of their last signal. */
const personTotals = z.object({
  userId: id,
  name: z._default(z.string(), ''),
  email: z._default(z.string(), ''),
  joins: count,
  items: count,
  watchSeconds: count,
  lastSeenAt: z.string(),
  engaged: z._default(z.boolean(), false),
});

/** Everything one attendance signal needs: the conference, the item, and the person's watch and totals. */
export const readAttendanceState = async (
  orgId: string,
  conferenceId: string,
  itemId: string,
  userId: string,
) => {
  const keys = {
    conference: conferenceKeys.conference(orgId, conferenceId),
    item: conferenceKeys.agendaItem(orgId, conferenceId, itemId),
    watch: statsKeys.watch(orgId, conferenceId, itemId, userId),
    person: statsKeys.person(orgId, conferenceId, userId),
  };
  const found = await getMany(Object.values(keys));
  return {
    conference: parseItem(conferenceItem, found(keys.conference), ['entity']),
    itemExists: found(keys.item) !== undefined,
    watch: parseItem(watchRecord, found(keys.watch)),
    person: parseItem(personRecord, found(keys.person)),
  };
};

const add = (key: { pk: string; sk: string }, counts: Counts) => {
  const entries = Object.entries(counts).filter(([, n]) => n !== 0);
  if (entries.length === 0) return [];
  return [
    {
      Update: {
        TableName: tableName,
        Key: key,
        UpdateExpression: `ADD ${entries.map(([name]) => `#${name} :${name}`).join(', ')}`,
        ExpressionAttributeNames: Object.fromEntries(entries.map(([name]) => [`#${name}`, name])),
        ExpressionAttributeValues: Object.fromEntries(entries.map(([name, n]) => [`:${name}`, n])),
      },
    },
  ];
};

/** The previous value of `attribute` must still be there (or the item absent): a concurrent signal loses. */
const unchangedSince = (attribute: string, previous: string | undefined) =>
  previous === undefined
    ? { ConditionExpression: 'attribute_not_exists(pk)' }
    : { ConditionExpression: `${attribute} = :previous`, previousValue: previous };

/**
 * Applies one signal's credit in one transaction: the person's watch record and totals (each guarded
 * against a concurrent signal), and the item, day, minute and funnel counters by `ADD`. False when a
 * concurrent signal of the same person won; nothing is counted twice then.
 */
export const recordAttendance = async (
  orgId: string,
  conferenceId: string,
  itemId: string,
  who: { userId: string; name: string; email: string; counted: boolean },
  previous: { watch?: WatchRecord; person?: PersonRecord },
  credit: AttendanceCredit,
  now: string,
) => {
  const watchGuard = unchangedSince('lastBeatAt', previous.watch?.lastBeatAt);
  const personGuard = unchangedSince('lastSeenAt', previous.person?.lastSeenAt);
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: statsKeys.watch(orgId, conferenceId, itemId, who.userId),
              UpdateExpression:
                'SET lastBeatAt = :now, itemId = :item ADD joins :joins, watchSeconds :seconds',
              ConditionExpression: watchGuard.ConditionExpression,
              ExpressionAttributeValues: {
                ':now': now,
                ':item': itemId,
                ':joins': credit.joins,
                ':seconds': credit.seconds,
                ...(watchGuard.previousValue ? { ':previous': watchGuard.previousValue } : {}),
              },
            },
          },
          {
            Update: {
              TableName: tableName,
              Key: statsKeys.person(orgId, conferenceId, who.userId),
              UpdateExpression:
                'SET userId = :user, #name = :name, email = :email, lastSeenAt = :now, lastMinute = :minute, lastDay = :day, engaged = :engaged ADD joins :joins, #items :items, watchSeconds :seconds',
              ConditionExpression: personGuard.ConditionExpression,
              ExpressionAttributeNames: { '#name': 'name', '#items': 'items' },
              ExpressionAttributeValues: {
                ':user': who.userId,
                ':name': who.name,
                ':email': who.email,
                ':now': now,
                ':minute': credit.minute,
                ':day': credit.day,
                ':engaged': (previous.person?.engaged ?? false) || credit.becomesEngaged,
                ':joins': credit.joins,
                ':items': credit.newViewer ? 1 : 0,
                ':seconds': credit.seconds,
                ...(personGuard.previousValue ? { ':previous': personGuard.previousValue } : {}),
              },
            },
          },
          ...add(statsKeys.item(orgId, conferenceId, itemId), {
            viewers: credit.newViewer ? 1 : 0,
            joins: credit.joins,
            watchSeconds: credit.seconds,
          }),
          ...add(statsKeys.day(orgId, conferenceId, credit.day), {
            people: credit.newDay ? 1 : 0,
            joins: credit.joins,
            watchSeconds: credit.seconds,
          }),
          ...add(statsKeys.minute(orgId, conferenceId, credit.minute), { people: credit.newMinute ? 1 : 0 }),
          // The funnel counts the people on the roster; the organization's own staff only show as viewers.
          ...(who.counted
            ? add(statsKeys.funnel(orgId, conferenceId), {
                attended: credit.newPerson ? 1 : 0,
                engaged: credit.becomesEngaged ? 1 : 0,
              })
            : []),
        ],
      }),
    );
    return true;
  } catch (error) {
    if (failedConditions(error)) return false;
    throw error;
  }
};

/** The funnel, every item's and every day's counters: one Query of the aggregates. */
export const readAggregates = async (orgId: string, conferenceId: string) => {
  const raw = await queryWholePrefix({
    pk: statsKeys.partition(orgId, conferenceId),
    skPrefix: statsKeys.aggregatePrefix,
  });
  const funnelSk = statsKeys.funnel(orgId, conferenceId).sk;
  const funnel = raw.find((item) => item.sk === funnelSk);
  const items = new Map<string, Counts>();
  const days: { date: string; people: number; joins: number; watchSeconds: number }[] = [];
  for (const item of raw) {
    const sk = String(item.sk);
    const itemMatch = /^A#ITEM#(.+)#$/.exec(sk);
    if (itemMatch) items.set(itemMatch[1]!, parseItem(itemCounters, item)!);
    const dayMatch = /^A#DAY#(.+)#$/.exec(sk);
    if (dayMatch) days.push({ date: dayMatch[1]!, ...parseItem(dayCounters, item)! });
  }
  return {
    funnel: parseItem(funnelCounters, funnel) ?? funnelCounters.parse({}),
    items,
    days: days.sort((a, b) => a.date.localeCompare(b.date)),
  };
};

/** Minute buckets from `fromMinute` up to (not including) `toMinute`, both UTC `YYYY-MM-DDTHH:MM`. */
export const readMinutes = async (
  orgId: string,
  conferenceId: string,
  fromMinute: string,
  toMinute: string,
) => {
  const minutes: { minute: string; people: number }[] = [];
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': statsKeys.partition(orgId, conferenceId),
          ':from': statsKeys.minute(orgId, conferenceId, fromMinute).sk,
          // `MINUTE#<to>#` sorts after every minute before it; the bucket of `to` itself is left out below.
          ':to': statsKeys.minute(orgId, conferenceId, toMinute).sk,
        },
        ExclusiveStartKey: cursor,
      }),
    );
    for (const item of page.Items ?? []) {
      const minute = String(item.sk).slice('MINUTE#'.length, -1);
      if (minute < toMinute) minutes.push({ minute, ...parseItem(minuteCounters, item)! });
    }
    cursor = page.LastEvaluatedKey;
  } while (cursor);
  return minutes;
};

/** One page of people's totals, by user id. */
export const listPeople = async (orgId: string, conferenceId: string, limit: number, cursor?: string) => {
  const pk = statsKeys.partition(orgId, conferenceId);
  const result = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': pk, ':prefix': statsKeys.personPrefix },
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, { pk }),
    }),
  );
  return {
    items: (result.Items ?? []).map((item) => parseItem(personTotals, item)!),
    nextCursor: encodeCursor(result.LastEvaluatedKey),
  };
};
