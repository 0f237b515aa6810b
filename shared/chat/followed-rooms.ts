import { getConferenceAndItem, readAgenda } from '../conferences';
import { clock } from '../db/clock';
import * as followed from './followed-room-repository';
import type { RoomItem } from './repository';

/**
 * An event's rooms follow the event itself: while its chat is on it has one lobby and one room per
 * session, named after the session. A session taken off the agenda leaves its room closed rather than
 * gone: as in Venueless and Whova, what was said in a session's chat stays readable afterwards, and
 * deleting messages people wrote because an organizer moved the agenda around would surprise them.
 * Every decision reads the event as it is now, not what the event said, so a late or repeated
 * delivery converges on the same rooms.
 */

/** Room names are at most 80 characters; a session title may be longer. Cut by code point, never mid-emoji. */
const roomName = (title: string) => {
  const characters = [...title];
  return characters.length > 80 ? `${characters.slice(0, 79).join('')}…` : title;
};

export const lobbyName = 'Lobby';

interface Conference {
  readonly id: string;
  readonly orgId: string;
  readonly status: 'active' | 'archived';
  readonly features: { readonly chat: boolean };
  readonly createdBy: string;
}

const chatOn = (conference: Conference | undefined): conference is Conference =>
  conference?.status === 'active' && conference.features.chat;

const newRoom = (
  conference: Conference,
  roomId: string,
  kind: 'lobby' | 'agenda-item',
  name: string,
  actorId: string | null,
): RoomItem => ({
  id: roomId,
  orgId: conference.orgId,
  name,
  kind,
  conferenceId: conference.id,
  createdBy: actorId ?? conference.createdBy,
  createdAt: new Date(clock.now()).toISOString(),
  lastMessageAt: null,
  lastMessageId: null,
  seq: 0,
});

/** A session's room: created when missing, renamed when its title moved on. */
const followSession = async (
  conference: Conference,
  item: { readonly id: string; readonly title: string },
  existing: RoomItem | undefined,
  actorId: string | null,
) => {
  const name = roomName(item.title);
  if (!existing) {
    const room = newRoom(conference, item.id, 'agenda-item', name, actorId);
    if (await followed.putRoomOnce(room)) return;
  } else if (existing.name === name || existing.closedAt) return;
  await followed.renameRoom(conference.orgId, item.id, name);
};

/**
 * The event's lobby and a room for each of its sessions, those missing created: on the event's creation
 * and whenever chat may just have been switched on. A lobby someone opened by hand counts as the lobby.
 */
export const followConference = async (orgId: string, conferenceId: string, actorId: string | null) => {
  const { conference, items } = await readAgenda(orgId, conferenceId);
  if (!chatOn(conference)) return;
  const rooms = await followed.listConferenceRooms(orgId, conferenceId);
  const byId = new Map(rooms.map((room) => [room.id, room]));
  if (!rooms.some((room) => room.kind === 'lobby' && !room.closedAt))
    await followed.putRoomOnce(newRoom(conference, conferenceId, 'lobby', lobbyName, actorId));
  for (const item of items) await followSession(conference, item, byId.get(item.id), actorId);
};

/** A session added or retitled: its room exists and carries its title (if the event's chat is on). */
export const followSessionChange = async (
  orgId: string,
  conferenceId: string,
  itemId: string,
  actorId: string | null,
) => {
  const { conference, item } = await getConferenceAndItem(orgId, conferenceId, itemId);
  // A session deleted since is closed by its own event; chat off keeps whatever rooms there are.
  if (!item || !chatOn(conference)) return;
  await followSession(conference, item, undefined, actorId);
};

/** A session removed: its room stays for its history, closed to new messages. */
export const closeSessionRoom = async (orgId: string, itemId: string) => {
  await followed.closeRoom(orgId, itemId, new Date(clock.now()).toISOString());
};
