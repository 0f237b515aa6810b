import type { NavItem } from '../components/app-shell';

/** The main navigation of client users (owners and members). */
export const clientNav: readonly NavItem[] = [
  { to: '/dashboard', label: 'Dashboard' },
  { to: '/leads', label: 'Leads' },
  { to: '/jobs', label: 'Jobs' },
  { to: '/automations', label: 'Automations' },
  { to: '/conferences', label: 'Events' },
  { to: '/chat', label: 'Chat' },
];
