import type { NavItem } from '../components/app-shell';

/** The organizer pages of one conference. */
export const conferenceNav = (orgId: string, conferenceId: string): NavItem[] => {
  const base = `/conferences/${orgId}/${conferenceId}`;
  return [
    { to: `${base}/manage`, label: 'Sessions & speakers' },
    { to: `${base}/attendees`, label: 'Attendees' },
    { to: `${base}/sponsors`, label: 'Sponsors' },
    { to: `${base}/analytics`, label: 'Analytics' },
  ];
};
