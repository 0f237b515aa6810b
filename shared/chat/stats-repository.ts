import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../aws/dynamo';
import { parseItem } from '../db/item';
import { chatStatsKeys, statsKeys } from '../db/keys';
import { queryWholePrefix } from '../db/queries';
import * as z from '../schema/zod';

export interface MessageCount {
  readonly roomId: string;
  readonly roomName: string;
  readonly userId: string;
  readonly name: string;
  /** UTC date of the message. */
  readonly date: string;
}

const add = (key: { pk: string; sk: string }, names: Record<string, string> = {}, by = 1) => {
  const sets = Object.keys(names).map((name) => `#${name} = :${name}`);
  return dynamo.send(
    new UpdateCommand({
      TableName: tableName,
      Key: key,
      UpdateExpression: `ADD #count :one${sets.length ? ` SET ${sets.join(', ')}` : ''}`,
      ExpressionAttributeNames: {
        '#count': 'count',
        ...Object.fromEntries(Object.keys(names).map((name) => [`#${name}`, name])),
      },
      ExpressionAttributeValues: {
        ':one': by,
        ...Object.fromEntries(Object.entries(names).map(([name, value]) => [`:${name}`, value])),
      },
    }),
  );
};

/**
 * One message counted per room, per day and per person: three atomic ADDs sent at once (one round trip
 * of latency), separate rather than a transaction so busy rooms never conflict on the day's counter.
 */
export const countMessage = async (orgId: string, conferenceId: string, count: MessageCount) => {
  await Promise.all([
    add(chatStatsKeys.room(orgId, conferenceId, count.roomId), { name: count.roomName }),
    add(chatStatsKeys.day(orgId, conferenceId, count.date)),
    add(chatStatsKeys.person(orgId, conferenceId, count.userId), { name: count.name }),
  ]);
};

/** `by` -1 takes back a count made alongside an accept that then failed. */
export const countConnection = (orgId: string, conferenceId: string, by: 1 | -1 = 1) =>
  add(chatStatsKeys.connections(orgId, conferenceId), {}, by);

export interface ChatCounters {
  readonly rooms: { roomId: string; name: string; messages: number }[];
  readonly days: { date: string; messages: number }[];
  readonly people: { userId: string; name: string; messages: number }[];
  readonly connections: number;
}

/** A counter as stored; which one it is, the sort key tells. */
const counterSchema = z.object({ count: z._default(z.number(), 0), name: z._default(z.string(), '') });

/** Every chat counter of a conference: one Query of its stats partition's `C#` items. */
export const readCounters = async (orgId: string, conferenceId: string): Promise<ChatCounters> => {
  const items = await queryWholePrefix({
    pk: statsKeys.partition(orgId, conferenceId),
    skPrefix: chatStatsKeys.prefix,
  });
  const counters = { rooms: [], days: [], people: [], connections: 0 } as {
    -readonly [K in keyof ChatCounters]: ChatCounters[K];
  };
  for (const item of items) {
    const [, kind, key] = /^C#([A-Z]+)#(?:(.+)#)?$/.exec(String(item.sk)) ?? [];
    const { count: messages, name } = parseItem(counterSchema, item)!;
    if (kind === 'ROOM' && key) counters.rooms.push({ roomId: key, name, messages });
    if (kind === 'DAY' && key) counters.days.push({ date: key, messages });
    if (kind === 'PERSON' && key) counters.people.push({ userId: key, name, messages });
    if (kind === 'CONNECTIONS') counters.connections = messages;
  }
  return counters;
};
