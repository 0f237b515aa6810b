import { loadConference } from '../conferences';
import { csvRow } from '../crm';
import { logger } from '../observability/logger';
import type { MessageView } from './contracts';
import type { RoomItem } from './repository';
import type { NetworkingStatsView, networkingTables } from './stats-contracts';
import * as stats from './stats-repository';

/**
 * Counts a posted message for its conference's networking analytics. The message is stored and on its
 * way to every screen by now, so a counter that fails is logged rather than failing the send.
 */
export const countMessage = async (orgId: string, room: RoomItem, message: MessageView): Promise<void> => {
  if (!room.conferenceId) return;
  try {
    await stats.countMessage(orgId, room.conferenceId, {
      roomId: room.id,
      roomName: room.name,
      userId: message.authorId,
      name: message.authorName,
      date: message.createdAt.slice(0, 10),
    });
  } catch (error) {
    logger.warn('Counting a chat message failed', { roomId: room.id, error: error as Error });
  }
};

/**
 * The hook for connection requests: call it once when a request between two attendees of a conference
 * is accepted (the networking module's accept, or a consumer of its `connection.accepted` event).
 */
export const recordConnectionAccepted = (orgId: string, conferenceId: string): Promise<unknown> =>
  stats.countConnection(orgId, conferenceId);

/** Takes back a count recorded alongside an accept whose write then failed. */
export const withdrawConnectionAccepted = (orgId: string, conferenceId: string): Promise<unknown> =>
  stats.countConnection(orgId, conferenceId, -1);

const mostFirst = <T extends { messages: number; name: string }>(a: T, b: T) =>
  b.messages - a.messages || a.name.localeCompare(b.name);

const ranked = async (orgId: string, conferenceId: string) => {
  await loadConference(orgId, conferenceId);
  const counters = await stats.readCounters(orgId, conferenceId);
  return {
    ...counters,
    rooms: counters.rooms.sort(mostFirst),
    people: counters.people.sort(mostFirst),
    days: counters.days.sort((a, b) => a.date.localeCompare(b.date)),
  };
};

export const getNetworkingStats = async (
  orgId: string,
  conferenceId: string,
): Promise<NetworkingStatsView> => {
  const counters = await ranked(orgId, conferenceId);
  return {
    messages: counters.days.reduce((sum, day) => sum + day.messages, 0),
    connections: counters.connections,
    rooms: counters.rooms,
    days: counters.days,
    people: counters.people.slice(0, 10),
  };
};

/** One table as CSV through the shared writer, so a room or person named `=…` stays text. */
export const exportNetworkingStats = async (
  orgId: string,
  conferenceId: string,
  table: (typeof networkingTables)[number],
) => {
  const counters = await ranked(orgId, conferenceId);
  const fileName = `networking-${table}-${conferenceId}-${new Date().toISOString().slice(0, 10)}.csv`;
  const rows =
    table === 'rooms'
      ? [['Room', 'Messages'], ...counters.rooms.map((room) => [room.name, room.messages])]
      : table === 'days'
        ? [['Date (UTC)', 'Messages'], ...counters.days.map((day) => [day.date, day.messages])]
        : [['Person', 'Messages'], ...counters.people.map((person) => [person.name, person.messages])];
  return { csv: rows.map(csvRow).join(''), fileName };
};
