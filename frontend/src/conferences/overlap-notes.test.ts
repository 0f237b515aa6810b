import { describe, expect, it } from 'vitest';
import { overlapNotes } from './overlap-notes';

const item = (id: string, title: string) => ({ id, title }) as never;

describe('overlap notes', () => {
  it('names the speaker or room and the other session, on both sessions', () => {
    const notes = overlapNotes({
      items: [item('A', 'Keynote'), item('B', 'Workshop'), item('C', 'Panel')],
      speakers: [{ id: 'S1', name: 'Ada Lovelace' } as never],
      overlaps: [
        { kind: 'speaker', subject: 'S1', itemIds: ['A', 'B'] },
        { kind: 'room', subject: 'Room 1', itemIds: ['B', 'C'] },
      ],
    });
    expect(notes.get('A')).toEqual(['Ada Lovelace also speaks in Workshop']);
    expect(notes.get('B')).toEqual(['Ada Lovelace also speaks in Keynote', 'Room 1 is taken by Panel']);
    expect(notes.get('C')).toEqual(['Room 1 is taken by Workshop']);
  });

  it('has nothing for an agenda without overlaps', () => {
    expect(overlapNotes({ items: [item('A', 'Keynote')], speakers: [], overlaps: [] }).size).toBe(0);
  });
});
