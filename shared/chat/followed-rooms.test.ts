import { beforeEach, describe, expect, it, vi } from 'vitest';
import { closeSessionRoom, followConference, followSessionChange, lobbyName } from './followed-rooms';
import type { RoomItem } from './repository';

// The decisions, with the event's agenda and the rooms kept in memory. The stand-in table keeps the real
// conditions: a room id is written once, a rename needs the room, a close needs it open.
const state = vi.hoisted(() => ({
  conference: undefined as
    | {
        id: string;
        orgId: string;
        status: 'active' | 'archived';
        features: { chat: boolean; networking: boolean };
        createdBy: string;
      }
    | undefined,
  items: [] as { id: string; title: string }[],
  rooms: new Map<string, RoomItem>(),
  puts: 0,
}));

vi.mock('../conferences', () => ({
  readAgenda: async () => ({ conference: state.conference, items: [...state.items] }),
  getConferenceAndItem: async (_orgId: string, _conferenceId: string, itemId: string) => ({
    conference: state.conference,
    item: state.items.find((item) => item.id === itemId),
  }),
}));

vi.mock('./followed-room-repository', () => ({
  listConferenceRooms: async (_orgId: string, conferenceId: string) =>
    [...state.rooms.values()].filter((room) => room.conferenceId === conferenceId),
  putRoomOnce: async (room: RoomItem) => {
    state.puts++;
    if (state.rooms.has(room.id)) return false;
    state.rooms.set(room.id, room);
    return true;
  },
  renameRoom: async (_orgId: string, roomId: string, name: string) => {
    const room = state.rooms.get(roomId);
    if (!room || room.name === name) return false;
    state.rooms.set(roomId, { ...room, name });
    return true;
  },
  closeRoom: async (_orgId: string, roomId: string, at: string) => {
    const room = state.rooms.get(roomId);
    if (!room || room.closedAt) return false;
    state.rooms.set(roomId, { ...room, closedAt: at });
    return true;
  },
}));

const orgId = '01J0RG00000000000000000000';
const conferenceId = '01JC0NF0000000000000000000';
const organizerId = '01J0SER0000000000000000000';
const keynote = { id: '01JAGENDA00000000000000001', title: 'Opening keynote' };
const workshop = { id: '01JAGENDA00000000000000002', title: 'Hands-on workshop' };

const roomsNow = () => [...state.rooms.values()].sort((a, b) => a.id.localeCompare(b.id));
const lobbies = () => roomsNow().filter((room) => room.kind === 'lobby');

beforeEach(() => {
  state.conference = {
    id: conferenceId,
    orgId,
    status: 'active',
    features: { chat: true, networking: true },
    createdBy: organizerId,
  };
  state.items = [];
  state.rooms = new Map();
  state.puts = 0;
});

describe('the rooms that follow an event', () => {
  it('gives a new event with chat on exactly one lobby, bound to the event', async () => {
    await followConference(orgId, conferenceId, organizerId);

    expect(roomsNow()).toEqual([
      expect.objectContaining({
        id: conferenceId,
        orgId,
        kind: 'lobby',
        name: lobbyName,
        conferenceId,
        createdBy: organizerId,
        seq: 0,
      }),
    ]);
  });

  it('makes no second lobby when the same event is handled again, one after the other or at once', async () => {
    await followConference(orgId, conferenceId, organizerId);
    await followConference(orgId, conferenceId, organizerId);
    await Promise.all([
      followConference(orgId, conferenceId, organizerId),
      followConference(orgId, conferenceId, organizerId),
    ]);

    expect(lobbies()).toHaveLength(1);
  });

  it('counts a lobby someone opened by hand as the lobby', async () => {
    state.rooms.set('01JHANDMADE000000000000000', {
      id: '01JHANDMADE000000000000000',
      orgId,
      name: 'Hallway',
      kind: 'lobby',
      conferenceId,
      createdBy: organizerId,
      createdAt: '2027-06-01T09:00:00.000Z',
      lastMessageAt: null,
      lastMessageId: null,
      seq: 3,
    });

    await followConference(orgId, conferenceId, organizerId);

    expect(lobbies().map((room) => room.name)).toEqual(['Hallway']);
    expect(state.puts).toBe(0);
  });

  it('creates nothing while the event’s chat is off, nor for an archived or missing event', async () => {
    state.items = [keynote];
    state.conference = { ...state.conference!, features: { chat: false, networking: true } };
    await followConference(orgId, conferenceId, organizerId);
    await followSessionChange(orgId, conferenceId, keynote.id, organizerId);

    state.conference = {
      ...state.conference,
      features: { chat: true, networking: true },
      status: 'archived',
    };
    await followConference(orgId, conferenceId, organizerId);

    state.conference = undefined;
    await followConference(orgId, conferenceId, organizerId);

    expect(roomsNow()).toEqual([]);
    expect(state.puts).toBe(0);
  });

  it('gives every session its room when chat is switched on for an event that already has an agenda', async () => {
    state.items = [keynote, workshop];

    await followConference(orgId, conferenceId, organizerId);

    expect(roomsNow().map((room) => [room.id, room.kind, room.name])).toEqual([
      [keynote.id, 'agenda-item', 'Opening keynote'],
      [workshop.id, 'agenda-item', 'Hands-on workshop'],
      [conferenceId, 'lobby', lobbyName],
    ]);
  });

  it('creates a room named after a new session, once however often the change arrives', async () => {
    state.items = [keynote];

    await followSessionChange(orgId, conferenceId, keynote.id, organizerId);
    await followSessionChange(orgId, conferenceId, keynote.id, organizerId);

    const sessionRooms = roomsNow().filter((room) => room.kind === 'agenda-item');
    expect(sessionRooms).toEqual([
      expect.objectContaining({ id: keynote.id, name: 'Opening keynote', conferenceId }),
    ]);
  });

  it('renames the session’s room when the session is retitled', async () => {
    state.items = [keynote];
    await followSessionChange(orgId, conferenceId, keynote.id, organizerId);

    state.items = [{ ...keynote, title: 'Opening keynote: the year ahead' }];
    await followSessionChange(orgId, conferenceId, keynote.id, organizerId);

    expect(state.rooms.get(keynote.id)?.name).toBe('Opening keynote: the year ahead');
  });

  it('shortens a long title to a room name of at most 80 characters, never splitting an emoji', async () => {
    state.items = [{ id: keynote.id, title: '🎤'.repeat(120) }];

    await followSessionChange(orgId, conferenceId, keynote.id, organizerId);

    const name = state.rooms.get(keynote.id)!.name;
    expect(name).toBe(`${'🎤'.repeat(79)}…`);
  });

  it('takes the event’s creator as the room’s creator when the change had no person behind it', async () => {
    await followConference(orgId, conferenceId, null);

    expect(state.rooms.get(conferenceId)?.createdBy).toBe(organizerId);
  });

  it('makes no room for a session deleted before its creation was handled', async () => {
    await followSessionChange(orgId, conferenceId, keynote.id, organizerId);

    expect(roomsNow()).toEqual([]);
  });

  it('closes a removed session’s room and keeps it, once, and neither reopens nor renames it later', async () => {
    state.items = [keynote];
    await followConference(orgId, conferenceId, organizerId);

    state.items = [];
    await closeSessionRoom(orgId, keynote.id);
    const closedAt = state.rooms.get(keynote.id)?.closedAt;
    await closeSessionRoom(orgId, keynote.id);
    await followConference(orgId, conferenceId, organizerId);

    expect(closedAt).toEqual(expect.any(String));
    expect(state.rooms.get(keynote.id)).toMatchObject({ name: 'Opening keynote', closedAt });
    expect(roomsNow()).toHaveLength(2);
  });

  it('does nothing when a session that never had a room is removed', async () => {
    await closeSessionRoom(orgId, keynote.id);

    expect(roomsNow()).toEqual([]);
  });
});
