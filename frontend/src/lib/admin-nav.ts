import type { NavItem } from '../components/app-shell';

export const adminNav: readonly NavItem[] = [
  { to: '/admin/organizations', label: 'Organizations' },
  { to: '/admin/engagements', label: 'Engagements' },
  { to: '/admin/booking', label: 'Booking' },
  { to: '/admin/automations', label: 'Automations' },
  { to: '/admin/users', label: 'Users' },
];
