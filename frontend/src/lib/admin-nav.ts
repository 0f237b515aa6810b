import { dashboardUrl } from '../../../shared/dashboard/pages';
import type { NavItem } from '../components/app-shell';

export const adminNav: readonly NavItem[] = [
  { to: dashboardUrl('organizations'), label: 'Organizations' },
  { to: dashboardUrl('engagements'), label: 'Engagements' },
  { to: dashboardUrl('booking'), label: 'Booking' },
  { to: dashboardUrl('adminAutomations'), label: 'Automations' },
  { to: dashboardUrl('users'), label: 'Users' },
];
