import { analyticsRoutes } from '../../shared/conferences/analytics-contracts';
import { attendeeRoutes } from '../../shared/conferences/attendee-contracts';
import { conferenceRoutes } from '../../shared/conferences/contracts';
import { imageRoutes } from '../../shared/conferences/image-contracts';
import { sponsorRoutes } from '../../shared/conferences/sponsor-contracts';
import { sponsorLeadRoutes } from '../../shared/conferences/sponsor-lead-contracts';
import { bind, httpModule } from '../../shared/http/module';
import { acceptConferenceInvitationRoute } from './accept-conference-invitation';
import { addAttendeeRoute } from './add-attendee';
import { archiveConferenceRoute } from './archive-conference';
import { completeImageUploadRoute } from './complete-image-upload';
import { createAgendaItemRoute } from './create-agenda-item';
import { createCalendarFeedRoute } from './create-calendar-feed';
import { createConferenceRoute } from './create-conference';
import { createImageUploadRoute } from './create-image-upload';
import { createSpeakerRoute } from './create-speaker';
import { createSponsorRoute } from './create-sponsor';
import { deleteAgendaItemRoute } from './delete-agenda-item';
import { deleteSponsorRoute } from './delete-sponsor';
import { exportConferenceAnalyticsRoute } from './export-conference-analytics';
import { exportRegistrationsRoute } from './export-registrations';
import { exportSponsorLeadsRoute } from './export-sponsor-leads';
import { getAgendaRoute } from './get-agenda';
import { getAgendaItemRoute } from './get-agenda-item';
import { getAgendaItemCalendarRoute } from './get-agenda-item-calendar';
import { getCalendarFeedRoute } from './get-calendar-feed';
import { getConferenceRoute } from './get-conference';
import { getConferenceAnalyticsRoute } from './get-conference-analytics';
import { getConferenceImageRoute } from './get-conference-image';
import { getConferenceInvitationRoute } from './get-conference-invitation';
import { getConferenceParticipationRoute } from './get-conference-participation';
import { getLiveStateRoute } from './get-live-state';
import { getPublicConferenceRoute } from './get-public-conference';
import { getSpeakingHistoryRoute } from './get-speaking-history';
import { getSponsorLeadShareRoute } from './get-sponsor-lead-share';
import { inviteAttendeesRoute } from './invite-attendees';
import { listAttendeeEngagementRoute } from './list-attendee-engagement';
import { listAttendeesRoute } from './list-attendees';
import { listConferencesRoute } from './list-conferences';
import { listMyConferencesRoute } from './list-my-conferences';
import { listRegistrationsRoute } from './list-registrations';
import { listSpeakersRoute } from './list-speakers';
import { listSponsorsRoute } from './list-sponsors';
import { massUpdateRegistrationsRoute } from './mass-update-registrations';
import { recordAttendanceRoute } from './record-attendance';
import { registerForConferenceRoute } from './register-for-conference';
import { removeAttendeeRoute } from './remove-attendee';
import { resendConferenceInvitationRoute } from './resend-conference-invitation';
import { revokeCalendarFeedRoute } from './revoke-calendar-feed';
import { revokeConferenceInvitationRoute } from './revoke-conference-invitation';
import { revokeSponsorLeadRoute } from './revoke-sponsor-lead';
import { saveAgendaItemRoute } from './save-agenda-item';
import { saveSponsorTiersRoute } from './save-sponsor-tiers';
import { setStreamStateRoute } from './set-stream-state';
import { shareSponsorLeadRoute } from './share-sponsor-lead';
import { unsaveAgendaItemRoute } from './unsave-agenda-item';
import { updateAgendaItemRoute } from './update-agenda-item';
import { updateConferenceRoute } from './update-conference';
import { updateRegistrationRoute } from './update-registration';
import { updateSpeakerRoute } from './update-speaker';
import { updateSponsorRoute } from './update-sponsor';

export const handler = httpModule([
  bind(conferenceRoutes.myConferences, listMyConferencesRoute),
  bind(conferenceRoutes.listConferences, listConferencesRoute),
  bind(conferenceRoutes.createConference, createConferenceRoute),
  bind(conferenceRoutes.getConference, getConferenceRoute),
  bind(conferenceRoutes.updateConference, updateConferenceRoute),
  bind(conferenceRoutes.archiveConference, archiveConferenceRoute),
  bind(conferenceRoutes.listAttendees, listAttendeesRoute),
  bind(conferenceRoutes.addAttendee, addAttendeeRoute),
  bind(conferenceRoutes.removeAttendee, removeAttendeeRoute),
  bind(conferenceRoutes.getAgenda, getAgendaRoute),
  bind(conferenceRoutes.createAgendaItem, createAgendaItemRoute),
  bind(conferenceRoutes.getAgendaItem, getAgendaItemRoute),
  bind(conferenceRoutes.updateAgendaItem, updateAgendaItemRoute),
  bind(conferenceRoutes.deleteAgendaItem, deleteAgendaItemRoute),
  bind(conferenceRoutes.setStreamState, setStreamStateRoute),
  bind(conferenceRoutes.liveState, getLiveStateRoute),
  bind(conferenceRoutes.saveAgendaItem, saveAgendaItemRoute),
  bind(conferenceRoutes.unsaveAgendaItem, unsaveAgendaItemRoute),
  bind(conferenceRoutes.agendaItemCalendar, getAgendaItemCalendarRoute),
  bind(conferenceRoutes.createCalendarFeed, createCalendarFeedRoute),
  bind(conferenceRoutes.revokeCalendarFeed, revokeCalendarFeedRoute),
  bind(conferenceRoutes.calendarFeed, getCalendarFeedRoute),
  bind(conferenceRoutes.listSpeakers, listSpeakersRoute),
  bind(conferenceRoutes.createSpeaker, createSpeakerRoute),
  bind(conferenceRoutes.updateSpeaker, updateSpeakerRoute),
  bind(conferenceRoutes.speakingHistory, getSpeakingHistoryRoute),
  bind(conferenceRoutes.publicConference, getPublicConferenceRoute),
  // Attendees and invitations
  bind(attendeeRoutes.listRegistrations, listRegistrationsRoute),
  bind(attendeeRoutes.inviteAttendees, inviteAttendeesRoute),
  bind(attendeeRoutes.updateRegistration, updateRegistrationRoute),
  bind(attendeeRoutes.resendInvitation, resendConferenceInvitationRoute),
  bind(attendeeRoutes.revokeInvitation, revokeConferenceInvitationRoute),
  bind(attendeeRoutes.massUpdateRegistrations, massUpdateRegistrationsRoute),
  bind(attendeeRoutes.exportRegistrations, exportRegistrationsRoute),
  bind(attendeeRoutes.getConferenceInvitation, getConferenceInvitationRoute),
  bind(attendeeRoutes.registerForConference, registerForConferenceRoute),
  bind(attendeeRoutes.acceptConferenceInvitation, acceptConferenceInvitationRoute),
  // Sponsors
  bind(sponsorRoutes.listSponsors, listSponsorsRoute),
  bind(sponsorRoutes.saveSponsorTiers, saveSponsorTiersRoute),
  bind(sponsorRoutes.createSponsor, createSponsorRoute),
  bind(sponsorRoutes.updateSponsor, updateSponsorRoute),
  bind(sponsorRoutes.deleteSponsor, deleteSponsorRoute),
  // Analytics
  bind(analyticsRoutes.recordAttendance, recordAttendanceRoute),
  bind(analyticsRoutes.getAnalytics, getConferenceAnalyticsRoute),
  bind(analyticsRoutes.getParticipation, getConferenceParticipationRoute),
  bind(analyticsRoutes.listEngagement, listAttendeeEngagementRoute),
  bind(analyticsRoutes.exportAnalytics, exportConferenceAnalyticsRoute),
  bind(sponsorLeadRoutes.getLeadShare, getSponsorLeadShareRoute),
  bind(sponsorLeadRoutes.shareLead, shareSponsorLeadRoute),
  bind(sponsorLeadRoutes.revokeLead, revokeSponsorLeadRoute),
  bind(sponsorLeadRoutes.exportLeads, exportSponsorLeadsRoute),
  // Logo and speaker photos
  bind(imageRoutes.createImageUpload, createImageUploadRoute),
  bind(imageRoutes.completeImageUpload, completeImageUploadRoute),
  bind(imageRoutes.conferenceImage, getConferenceImageRoute),
]);
