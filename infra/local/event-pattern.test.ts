import { describe, expect, it } from 'vitest';
import { matchesPattern } from './event-pattern';

const event = {
  source: 'portico',
  'detail-type': 'lead.created',
  detail: { orgId: 'A1', score: 7, tags: ['roof', 'urgent'], source: 'embed' },
};

describe('matchesPattern', () => {
  it('matches exact values listed in arrays', () => {
    expect(
      matchesPattern({ source: ['portico'], 'detail-type': ['lead.created', 'job.completed'] }, event),
    ).toBe(true);
    expect(matchesPattern({ source: ['portico'], 'detail-type': ['job.completed'] }, event)).toBe(false);
  });

  it('matches nested detail fields and array values by any element', () => {
    expect(matchesPattern({ detail: { tags: ['urgent'] } }, event)).toBe(true);
    expect(matchesPattern({ detail: { tags: ['gutter'] } }, event)).toBe(false);
  });

  it('supports prefix, anything-but, exists and numeric', () => {
    expect(matchesPattern({ 'detail-type': [{ prefix: 'lead.' }] }, event)).toBe(true);
    expect(matchesPattern({ detail: { source: [{ 'anything-but': ['form'] }] } }, event)).toBe(true);
    expect(matchesPattern({ detail: { source: [{ 'anything-but': ['embed'] }] } }, event)).toBe(false);
    expect(matchesPattern({ detail: { missing: [{ exists: false }] } }, event)).toBe(true);
    expect(matchesPattern({ detail: { orgId: [{ exists: true }] } }, event)).toBe(true);
    expect(matchesPattern({ detail: { score: [{ numeric: ['>', 5, '<=', 7] }] } }, event)).toBe(true);
    expect(matchesPattern({ detail: { score: [{ numeric: ['>', 7] }] } }, event)).toBe(false);
  });

  it('never matches a field the event does not have', () => {
    expect(matchesPattern({ detail: { missing: ['x'] } }, event)).toBe(false);
    expect(matchesPattern({ nothing: { deeper: ['x'] } }, event)).toBe(false);
  });
});
