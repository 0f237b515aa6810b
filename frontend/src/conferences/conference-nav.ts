import { dashboardUrl } from '../../../shared/dashboard/pages';
import type { UserView } from '../../../shared/identity/contracts';
import type { NavItem } from '../components/app-shell';
import { adminNav } from '../lib/admin-nav';
import { clientNav } from '../lib/client-nav';

/**
 * Guests (external speakers and attendees) have only their events; operator admins their console with
 * events; organization users the whole menu.
 */
export const navFor = (user: UserView | null | undefined): readonly NavItem[] => {
  if (user?.role === 'guest') return [{ to: dashboardUrl('conferences'), label: 'Events' }];
  if (user?.role === 'admin') return [...adminNav, { to: dashboardUrl('conferences'), label: 'Events' }];
  return clientNav;
};
