import { describe, expect, it } from 'vitest';
import type { AgendaItemView, AgendaView } from '../../../shared/conferences/contracts';
import { type AgendaFrame, agendaFrame } from '../../../shared/conferences/live-contracts';
import { applyAgendaFrame, needsSpeakers, noAgendaChanges, withAgendaChanges } from './live-agenda';

const orgId = '01J0RG00000000000000000001';
const conferenceId = '01JC0NF0000000000000000001';
const ids = {
  a: '01JTEM0000000000000000000A',
  b: '01JTEM0000000000000000000B',
  c: '01JTEM0000000000000000000C',
};
const speakerId = '01JSPK00000000000000000001';

const session = (id: string, overrides: Partial<AgendaItemView> = {}): AgendaItemView => ({
  id,
  title: `Session ${id.slice(-1)}`,
  start: '2027-03-01T10:00',
  end: '2027-03-01T11:00',
  startUtc: '2027-03-01T10:00:00.000Z',
  endUtc: '2027-03-01T11:00:00.000Z',
  track: 'Main',
  room: '',
  speakerIds: [],
  stream: null,
  recordingUrl: null,
  state: 'scheduled',
  version: 1,
  notes: [],
  ...overrides,
});

const agenda = (items: AgendaItemView[]): AgendaView =>
  ({
    conference: { id: conferenceId, orgId },
    items,
    speakers: [{ id: speakerId, name: 'Ada' }],
    overlaps: [],
    savedItemIds: items.map((item) => item.id),
  }) as unknown as AgendaView;

// Frames go through their contract, as the page's listener receives them.
const upserted = (item: AgendaItemView): AgendaFrame =>
  agendaFrame.parse({ type: 'conference.agenda', v: 1, orgId, conferenceId, change: 'upserted', item });
const deleted = (itemId: string): AgendaFrame =>
  agendaFrame.parse({ type: 'conference.agenda', v: 1, orgId, conferenceId, change: 'deleted', itemId });

const applied = (loaded: AgendaView, ...frames: AgendaFrame[]) =>
  withAgendaChanges(loaded, frames.reduce(applyAgendaFrame, noAgendaChanges));

describe('applying agenda frames to a loaded agenda', () => {
  it('moves a session to the times of a newer version', () => {
    const loaded = agenda([session(ids.a), session(ids.b)]);
    const moved = session(ids.a, {
      start: '2027-03-01T14:00',
      startUtc: '2027-03-01T14:00:00.000Z',
      version: 2,
    });
    const result = applied(loaded, upserted(moved));
    expect(result.items.map((item) => [item.id, item.startUtc, item.version])).toEqual([
      [ids.a, '2027-03-01T14:00:00.000Z', 2],
      [ids.b, '2027-03-01T10:00:00.000Z', 1],
    ]);
  });

  it('ignores an older version arriving after a newer one', () => {
    const loaded = agenda([session(ids.a)]);
    const newer = session(ids.a, { title: 'Newest', version: 3 });
    const older = session(ids.a, { title: 'Older', version: 2 });
    expect(applied(loaded, upserted(newer), upserted(older)).items[0]).toMatchObject({ title: 'Newest' });
  });

  it('keeps a loaded version newer than a frame, as after a reload on reconnect', () => {
    const loaded = agenda([session(ids.a, { title: 'Reloaded', version: 5 })]);
    expect(applied(loaded, upserted(session(ids.a, { title: 'Late', version: 4 }))).items[0]).toMatchObject({
      title: 'Reloaded',
    });
  });

  it('removes a deleted session, from the saved ones too, and nothing older brings it back', () => {
    const loaded = agenda([session(ids.a), session(ids.b)]);
    const result = applied(loaded, deleted(ids.a), upserted(session(ids.a, { version: 9 })));
    expect(result.items.map((item) => item.id)).toEqual([ids.b]);
    expect(result.savedItemIds).toEqual([ids.b]);
  });

  it('adds a created session after the loaded ones, once however often its frame arrives', () => {
    const loaded = agenda([session(ids.a)]);
    const created = session(ids.c, { title: 'New', version: 1 });
    const result = applied(loaded, upserted(created), upserted(created));
    expect(result.items.map((item) => item.id)).toEqual([ids.a, ids.c]);
  });

  it('works out the overlaps again after a move', () => {
    const loaded = agenda([
      session(ids.a, { room: 'Hall A' }),
      session(ids.b, {
        room: 'Hall A',
        start: '2027-03-01T12:00',
        startUtc: '2027-03-01T12:00:00.000Z',
        endUtc: '2027-03-01T13:00:00.000Z',
      }),
    ]);
    const clash = session(ids.b, { room: 'Hall A', startUtc: '2027-03-01T10:30:00.000Z', version: 2 });
    expect(applied(loaded, upserted(clash)).overlaps).toEqual([
      { kind: 'room', subject: 'Hall A', itemIds: [ids.a, ids.b] },
    ]);
  });

  it('leaves the loaded agenda as it is when nothing arrived', () => {
    const loaded = agenda([session(ids.a)]);
    expect(withAgendaChanges(loaded, noAgendaChanges)).toBe(loaded);
  });

  it('asks for the agenda again when a session names a speaker the page never loaded', () => {
    const loaded = agenda([session(ids.a)]);
    expect(needsSpeakers(loaded, upserted(session(ids.a, { speakerIds: [speakerId] })))).toBe(false);
    expect(
      needsSpeakers(loaded, upserted(session(ids.a, { speakerIds: ['01JSPK00000000000000000002'] }))),
    ).toBe(true);
    expect(needsSpeakers(loaded, deleted(ids.a))).toBe(false);
  });
});

describe('the agenda frame contract', () => {
  it('refuses a frame of another contract version or a session without its version', () => {
    const frame = {
      type: 'conference.agenda',
      v: 1,
      orgId,
      conferenceId,
      change: 'upserted',
      item: session(ids.a),
    };
    expect(agendaFrame.safeParse(frame).success).toBe(true);
    expect(agendaFrame.safeParse({ ...frame, v: 2 }).success).toBe(false);
    const { version: _, ...unversioned } = session(ids.a);
    expect(agendaFrame.safeParse({ ...frame, item: unversioned }).success).toBe(false);
  });
});
