import { describe, expect, it } from 'vitest';
import { formatDayInZone } from '../lib/zoned-time';
import { agendaDays } from './agenda-days';

const session = (id: string, startUtc: string, track: string) => ({ id, startUtc, track });

describe('agendaDays', () => {
  it('groups by the reader’s day, then by track, keeping agenda order and naming trackless sessions', () => {
    const items = [
      session('a', '2026-06-10T07:00:00.000Z', 'Main'),
      session('b', '2026-06-10T08:00:00.000Z', 'Tech'),
      session('c', '2026-06-10T09:00:00.000Z', 'Main'),
      // 23:30 in Berlin on the 10th is already the 11th in Tokyo.
      session('d', '2026-06-10T21:30:00.000Z', ''),
    ];
    const ids = (zone: string) =>
      agendaDays(items, zone).map(({ day, tracks }) => [
        day,
        tracks.map(({ track, items: inTrack }) => [track, inTrack.map((item) => item.id)]),
      ]);
    const berlinDay = formatDayInZone(items[0]!.startUtc, 'Europe/Berlin');
    expect(ids('Europe/Berlin')).toEqual([
      [
        berlinDay,
        [
          ['Main', ['a', 'c']],
          ['Tech', ['b']],
          ['Sessions', ['d']],
        ],
      ],
    ]);
    expect(ids('Asia/Tokyo')).toEqual([
      [
        formatDayInZone(items[0]!.startUtc, 'Asia/Tokyo'),
        [
          ['Main', ['a', 'c']],
          ['Tech', ['b']],
        ],
      ],
      [formatDayInZone(items[3]!.startUtc, 'Asia/Tokyo'), [['Sessions', ['d']]]],
    ]);
  });

  it('has no days without sessions', () => {
    expect(agendaDays([], 'UTC')).toEqual([]);
  });
});
