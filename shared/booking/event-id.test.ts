import fc from 'fast-check';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { bookingOfEvent, eventIdFor, jobEventIdFor } from './event-id';

describe('booking event ids', () => {
  it('are valid Google event ids that lead back to their booking', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 0, max: 2 ** 40 }), (a, b) => {
        const orgId = ulid(a);
        const bookingId = ulid(b);
        const eventId = eventIdFor(orgId, bookingId);
        expect(eventId).toMatch(/^[a-v0-9]{5,1024}$/);
        expect(bookingOfEvent(eventId)).toEqual({ orgId, bookingId });
      }),
    );
  });

  it('ignore events Portico did not create', () => {
    expect(bookingOfEvent('abc123def456')).toBeUndefined();
    expect(bookingOfEvent('portico')).toBeUndefined();
    expect(bookingOfEvent(`portico${Buffer.from('not.ids').toString('hex')}`)).toBeUndefined();
    expect(bookingOfEvent('porticozz')).toBeUndefined();
  });
});

describe('job event ids', () => {
  it('are valid Google event ids, one per organization and job, that never read as a booking', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 0, max: 2 ** 40 }), (a, b) => {
        const orgId = ulid(a);
        const jobId = ulid(b);
        const eventId = jobEventIdFor(orgId, jobId);
        expect(eventId).toMatch(/^[a-v0-9]{5,1024}$/);
        expect(eventId).toBe(jobEventIdFor(orgId, jobId));
        expect(eventId).not.toBe(eventIdFor(orgId, jobId));
        expect(bookingOfEvent(eventId)).toBeUndefined();
      }),
    );
  });
});
