import { dashboardUrl } from '../../../shared/dashboard/pages';
import type { UserView } from '../../../shared/identity/contracts';
import type { NavItem } from '../components/app-shell';
import { clientNav } from '../lib/client-nav';

/** Guests (external speakers and attendees) have only their events; organization users the whole menu. */
export const navFor = (user: UserView | null | undefined): readonly NavItem[] =>
  user?.role === 'guest' ? [{ to: dashboardUrl('conferences'), label: 'Events' }] : clientNav;
