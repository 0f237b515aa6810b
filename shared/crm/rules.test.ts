import { describe, expect, it } from 'vitest';
import { jobStatuses, leadStatuses } from './contracts';
import {
  canMoveJob,
  canMoveLead,
  contactKeyChanges,
  contactKeys,
  isOpenLead,
  leadSearchText,
  searchTerm,
} from './rules';

describe('the lead pipeline', () => {
  it('lets an open lead move forward, skip steps, or close as won or lost', () => {
    expect(canMoveLead('new', 'contacted')).toBe(true);
    expect(canMoveLead('new', 'qualified')).toBe(true);
    expect(canMoveLead('contacted', 'qualified')).toBe(true);
    for (const from of ['new', 'contacted', 'qualified'] as const) {
      expect(canMoveLead(from, 'won'), from).toBe(true);
      expect(canMoveLead(from, 'lost'), from).toBe(true);
    }
  });

  it('never moves an open lead backwards', () => {
    expect(canMoveLead('contacted', 'new')).toBe(false);
    expect(canMoveLead('qualified', 'contacted')).toBe(false);
    expect(canMoveLead('qualified', 'new')).toBe(false);
  });

  it('reopens only a lost lead, and only to new', () => {
    expect(canMoveLead('lost', 'new')).toBe(true);
    expect(canMoveLead('lost', 'contacted')).toBe(false);
    expect(canMoveLead('lost', 'won')).toBe(false);
  });

  it('keeps a won lead won', () => {
    for (const to of leadStatuses) expect(canMoveLead('won', to), to).toBe(false);
  });

  it('never counts staying put as a move', () => {
    for (const status of leadStatuses) expect(canMoveLead(status, status), status).toBe(false);
  });

  it('counts new, contacted and qualified as open', () => {
    expect(leadStatuses.filter(isOpenLead)).toEqual(['new', 'contacted', 'qualified']);
  });
});

describe('the job lifecycle', () => {
  it('starts, completes or cancels a scheduled job', () => {
    expect(canMoveJob('scheduled', 'in_progress')).toBe(true);
    expect(canMoveJob('scheduled', 'completed')).toBe(true);
    expect(canMoveJob('scheduled', 'cancelled')).toBe(true);
    expect(canMoveJob('in_progress', 'completed')).toBe(true);
    expect(canMoveJob('in_progress', 'cancelled')).toBe(true);
  });

  it('never goes back to scheduled and keeps completed and cancelled jobs final', () => {
    expect(canMoveJob('in_progress', 'scheduled')).toBe(false);
    for (const to of jobStatuses) {
      expect(canMoveJob('completed', to), to).toBe(false);
      expect(canMoveJob('cancelled', to), to).toBe(false);
    }
  });
});

describe('duplicate detection keys', () => {
  it('an open lead holds its lower-cased email and the digits of its phone', () => {
    expect(
      contactKeys({ status: 'contacted', email: 'Anna@Example.com', phone: '+1 (312) 555-0101' }),
    ).toEqual([
      { kind: 'email', value: 'anna@example.com' },
      { kind: 'phone', value: '13125550101' },
    ]);
  });

  it('treats differently punctuated phone numbers as the same number', () => {
    const a = contactKeys({ status: 'new', email: null, phone: '312.555.0101' });
    const b = contactKeys({ status: 'new', email: null, phone: '(312) 555-0101' });
    expect(a).toEqual(b);
  });

  it('a won or lost lead holds no keys, so a new lead for the same person is allowed', () => {
    expect(contactKeys({ status: 'won', email: 'a@example.com', phone: '3125550101' })).toEqual([]);
    expect(contactKeys({ status: 'lost', email: 'a@example.com', phone: null })).toEqual([]);
  });

  it('releases what a change drops and claims only what it adds', () => {
    const before = contactKeys({ status: 'new', email: 'old@example.com', phone: '3125550101' });
    const after = contactKeys({ status: 'new', email: 'new@example.com', phone: '312-555-0101' });

    expect(contactKeyChanges(before, after)).toEqual({
      release: [{ kind: 'email', value: 'old@example.com' }],
      claim: [{ kind: 'email', value: 'new@example.com' }],
    });
  });

  it('releases everything when a lead closes and claims everything when it reopens', () => {
    const open = contactKeys({ status: 'qualified', email: 'a@example.com', phone: '3125550101' });
    const closed = contactKeys({ status: 'lost', email: 'a@example.com', phone: '3125550101' });

    expect(contactKeyChanges(open, closed)).toEqual({ release: open, claim: [] });
    expect(contactKeyChanges(closed, open)).toEqual({ release: [], claim: open });
  });
});

describe('search', () => {
  it('matches a lead by part of its name, its email or its phone digits', () => {
    const text = leadSearchText({
      name: 'Anna Łukasik',
      email: 'anna@example.com',
      phone: '+1 312 555 0101',
    });

    expect(text).toContain(searchTerm('ŁUKASIK'));
    expect(text).toContain(searchTerm('anna@example'));
    expect(text).toContain(searchTerm('555-0101'));
    expect(text).toContain(searchTerm('(312) 555'));
  });

  it('keeps queries with letters as text', () => {
    expect(searchTerm('  Unit 4B ')).toBe('unit 4b');
    expect(searchTerm('12')).toBe('12');
  });
});
