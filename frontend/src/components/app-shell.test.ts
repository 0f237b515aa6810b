import { describe, expect, it } from 'vitest';
import { currentNavItem } from './app-shell';

const nav = [
  { to: '/conferences', label: 'All events' },
  { to: '/conferences/o1/c1', label: 'Agenda' },
  { to: '/conferences/o1/c1/attendees', label: 'Attendees' },
  { to: '/leads', label: 'Leads' },
];

describe('currentNavItem', () => {
  it('marks only the most specific item a path lies under', () => {
    expect(currentNavItem(nav, '/conferences/o1/c1/attendees')).toBe('/conferences/o1/c1/attendees');
    expect(currentNavItem(nav, '/conferences/o1/c1')).toBe('/conferences/o1/c1');
    expect(currentNavItem(nav, '/conferences/o1/c1/chat')).toBe('/conferences/o1/c1');
  });

  it('keeps a list current on its items’ pages, and no item elsewhere', () => {
    expect(currentNavItem(nav, '/leads/01JAB000000000000000000001')).toBe('/leads');
    expect(currentNavItem(nav, '/leadsx')).toBeNull();
    expect(currentNavItem(nav, '/')).toBeNull();
  });
});
