import { describe, expect, it } from 'vitest';
import { changeOf, daysOf, hoursOf, lanesOf, moved, resized, spanOf, tracksOf } from './agenda-grid';

const talk = { track: 'Main', start: '2027-03-27T09:30', end: '2027-03-27T10:15' };
const tracks = ['', 'Main', 'Workshops'];

describe('the agenda grid', () => {
  it('lists every day of the event and the tracks with the untracked column first', () => {
    expect(daysOf('2027-03-27', '2027-03-29')).toEqual(['2027-03-27', '2027-03-28', '2027-03-29']);
    expect(tracksOf([{ track: 'Workshops' }, { track: '' }, { track: 'Main' }, { track: 'Main' }])).toEqual(
      tracks,
    );
    expect(tracksOf([])).toEqual(['']);
  });

  it('shows 08:00 to 20:00, widened to whole hours around the day’s sessions', () => {
    expect(hoursOf('2027-03-27', [talk])).toEqual({ first: 480, last: 1200 });
    const early = { track: '', start: '2027-03-27T06:45', end: '2027-03-27T21:10' };
    expect(hoursOf('2027-03-27', [early])).toEqual({ first: 360, last: 1320 });
    expect(hoursOf('2027-03-28', [early])).toEqual({ first: 480, last: 1200 });
    expect(spanOf(talk, 480)).toEqual({ top: 90, length: 45 });
  });

  it('moves a session by slots and tracks, keeping its length, day and the track list', () => {
    expect(moved(talk, 2, 1, tracks)).toEqual({
      track: 'Workshops',
      start: '2027-03-27T10:00',
      end: '2027-03-27T10:45',
    });
    expect(moved(talk, -1, -5, tracks)).toMatchObject({ track: '', start: '2027-03-27T09:15' });
    expect(moved(talk, -100, 0, tracks).start).toBe('2027-03-27T00:00');
    expect(moved(talk, 100, 0, tracks)).toMatchObject({ start: '2027-03-27T23:00', end: '2027-03-27T23:45' });
  });

  it('resizes by slots, never below one slot nor past the day', () => {
    expect(resized(talk, 1).end).toBe('2027-03-27T10:30');
    expect(resized(talk, -10).end).toBe('2027-03-27T09:45');
    expect(resized(talk, 100).end).toBe('2027-03-27T23:45');
  });

  it('sends only what a move changed', () => {
    expect(changeOf(talk, moved(talk, 0, 1, tracks))).toEqual({ track: 'Workshops' });
    expect(changeOf(talk, resized(talk, 1))).toEqual({ end: '2027-03-27T10:30' });
  });
});

describe('lanes of a track', () => {
  it('put overlapping sessions side by side and leave the others the whole column', () => {
    const at = (id: string, start: string, end: string, track = 'Main') => ({
      id,
      track,
      start: `2027-03-27T${start}`,
      end: `2027-03-27T${end}`,
    });
    const lanes = lanesOf([
      at('a', '09:00', '10:00'),
      at('b', '09:30', '10:30'),
      at('c', '10:00', '11:00'),
      at('d', '11:00', '12:00'),
      at('e', '09:00', '10:00', 'Labs'),
    ]);
    expect(Object.fromEntries(lanes)).toEqual({
      a: { lane: 0, lanes: 2 },
      b: { lane: 1, lanes: 2 },
      c: { lane: 0, lanes: 2 },
      d: { lane: 0, lanes: 1 },
      e: { lane: 0, lanes: 1 },
    });
  });
});
