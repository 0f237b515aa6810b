import { describe, expect, it } from 'vitest';
import { mayMeet, type Participant, participantOf } from './rules';

const person = (
  userId: string,
  networking: Participant['networking'],
  group: string | null = null,
): Participant => ({
  userId,
  name: userId,
  email: `${userId}@example.com`,
  role: 'attendee',
  networking,
  group,
});

describe('who may meet whom', () => {
  it('lets two people with access to all meet, but nobody meets themselves', () => {
    expect(mayMeet(person('a', 'all'), person('b', 'all'))).toBe(true);
    expect(mayMeet(person('a', 'all'), person('a', 'all'))).toBe(false);
  });

  it('keeps anyone with networking none away from everyone, in both directions', () => {
    expect(mayMeet(person('a', 'none'), person('b', 'all'))).toBe(false);
    expect(mayMeet(person('a', 'all'), person('b', 'none'))).toBe(false);
  });

  it('keeps people limited to groups inside their own group', () => {
    expect(mayMeet(person('a', 'groups', 'press'), person('b', 'all', 'press'))).toBe(true);
    expect(mayMeet(person('a', 'groups', 'press'), person('b', 'all', 'sales'))).toBe(false);
    expect(mayMeet(person('a', 'all', 'sales'), person('b', 'groups', 'press'))).toBe(false);
    expect(mayMeet(person('a', 'groups', 'press'), person('b', 'groups', 'press'))).toBe(true);
  });

  it('lets a person limited to groups but without a group meet nobody', () => {
    expect(mayMeet(person('a', 'groups'), person('b', 'all'))).toBe(false);
    expect(mayMeet(person('a', 'groups'), person('b', 'groups'))).toBe(false);
  });

  it('reads roster entries without networking access as access to all', () => {
    expect(participantOf({ userId: 'u', name: 'U', email: 'u@x', role: 'organizer' })).toMatchObject({
      networking: 'all',
      group: null,
    });
    expect(participantOf(undefined)).toBeUndefined();
  });
});
