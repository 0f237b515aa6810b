import { dashboardUrl } from '../../../shared/dashboard/pages';
import type { NavItem } from '../components/app-shell';

/** The organizer pages of one conference. */
export const conferenceNav = (orgId: string, conferenceId: string): NavItem[] => [
  { to: dashboardUrl('conferences'), label: 'All events' },
  { to: dashboardUrl('conference', { orgId, conferenceId }), label: 'Agenda' },
  { to: dashboardUrl('conferenceManage', { orgId, conferenceId }), label: 'Sessions & speakers' },
  { to: dashboardUrl('conferenceAgendaBuilder', { orgId, conferenceId }), label: 'Agenda builder' },
  { to: dashboardUrl('conferenceAttendees', { orgId, conferenceId }), label: 'Attendees' },
  { to: dashboardUrl('conferenceSponsors', { orgId, conferenceId }), label: 'Sponsors' },
  { to: dashboardUrl('conferenceAnalytics', { orgId, conferenceId }), label: 'Analytics' },
  { to: dashboardUrl('conferenceModeration', { orgId, conferenceId }), label: 'Moderation' },
];
