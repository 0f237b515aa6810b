import { describe, expect, it } from 'vitest';
import { findOverlaps } from './overlaps';

const item = (id: string, start: string, end: string, room: string, speakerIds: string[] = []) => ({
  id,
  startUtc: `2027-03-04T${start}:00.000Z`,
  endUtc: `2027-03-04T${end}:00.000Z`,
  room,
  speakerIds,
});

describe('agenda overlaps', () => {
  it('flags a speaker in two sessions at once and a double-booked room', () => {
    const overlaps = findOverlaps([
      item('a', '09:00', '10:00', 'Hall A', ['s1']),
      item('b', '09:30', '10:30', 'Hall B', ['s1']),
      item('c', '09:45', '10:15', 'hall a'),
    ]);
    expect(overlaps).toEqual(
      expect.arrayContaining([
        { kind: 'speaker', subject: 's1', itemIds: ['a', 'b'] },
        { kind: 'room', subject: 'Hall A', itemIds: ['a', 'c'] },
      ]),
    );
    expect(overlaps).toHaveLength(2);
  });

  it('does not flag back-to-back sessions or sessions without a room', () => {
    expect(
      findOverlaps([
        item('a', '09:00', '10:00', 'Hall A', ['s1']),
        item('b', '10:00', '11:00', 'Hall A', ['s1']),
        item('c', '09:00', '11:00', ''),
        item('d', '09:00', '11:00', ''),
      ]),
    ).toEqual([]);
  });
});
