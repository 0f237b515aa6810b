import { useCallback } from 'react';
import { conferenceRoutes } from '../../../shared/conferences/contracts';
import { dashboardUrl } from '../../../shared/dashboard/pages';
import type { NavItem } from '../components/app-shell';
import { call } from './api';
import { useLoaded } from './use-loaded';

/** What the menu needs of the event: which of its features are on (unknown until it has loaded). */
export type ConferenceNavFeatures = { readonly chat: boolean } | null | undefined;

/**
 * The organizer pages of one conference. "Chat" (the event's rooms, where organizers also open private
 * rooms) appears once the event is known to have its chat on, so a menu never links to a page that would
 * only say chat is off.
 */
export const conferenceNav = (
  orgId: string,
  conferenceId: string,
  features?: ConferenceNavFeatures,
): NavItem[] => [
  { to: dashboardUrl('conferences'), label: 'All events' },
  { to: dashboardUrl('conference', { orgId, conferenceId }), label: 'Agenda' },
  { to: dashboardUrl('conferenceManage', { orgId, conferenceId }), label: 'Sessions & speakers' },
  { to: dashboardUrl('conferenceAgendaBuilder', { orgId, conferenceId }), label: 'Agenda builder' },
  { to: dashboardUrl('conferenceAttendees', { orgId, conferenceId }), label: 'Attendees' },
  { to: dashboardUrl('conferenceSponsors', { orgId, conferenceId }), label: 'Sponsors' },
  { to: dashboardUrl('conferenceAnalytics', { orgId, conferenceId }), label: 'Analytics' },
  ...(features?.chat ? [{ to: dashboardUrl('conferenceChat', { orgId, conferenceId }), label: 'Chat' }] : []),
  { to: dashboardUrl('conferenceModeration', { orgId, conferenceId }), label: 'Moderation' },
];

/** The menu for an organizer page that does not load the conference for itself: it loads it here. */
export const useConferenceNav = (orgId: string, conferenceId: string): NavItem[] => {
  const load = useCallback(
    (signal: AbortSignal) =>
      call(conferenceRoutes.getConference, { params: { orgId, conferenceId }, signal }),
    [orgId, conferenceId],
  );
  const conference = useLoaded(load);
  return conferenceNav(orgId, conferenceId, conference.data?.features);
};
