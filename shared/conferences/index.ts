/** What other modules may use of conferences: the streams' due-item runners and invitation bounces. */

export { networkingAccess } from './attendee-contracts';
export { type AttendeeItem, getAttendeesByEmail } from './attendee-repository';
export { type AttendeeUpsertRow, upsertAttendeesByEmail, upsertBatchSize } from './attendees';
export { csvHeaders } from './csv-reply';
export { applyInvitationFeedback } from './invitation-feedback';
export { streamRunners } from './live';
export { getRole } from './repository';
export { loadConference } from './service';
export { listSponsors } from './sponsors';
