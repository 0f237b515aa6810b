import { dashboardUrl } from '../../../shared/dashboard/pages';
import type { NavItem } from '../components/app-shell';

/** The main navigation of client users (owners and members). */
export const clientNav: readonly NavItem[] = [
  { to: dashboardUrl('dashboard'), label: 'Dashboard' },
  { to: dashboardUrl('leads'), label: 'Leads' },
  { to: dashboardUrl('jobs'), label: 'Jobs' },
  { to: dashboardUrl('automations'), label: 'Automations' },
  { to: dashboardUrl('conferences'), label: 'Events' },
  { to: dashboardUrl('chat'), label: 'Chat' },
];
