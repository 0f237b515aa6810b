export { networkingAccess } from './attendee-contracts';
export { type AttendeeItem, getAttendeesByEmail } from './attendee-repository';
export { type AttendeeUpsertRow, upsertAttendeesByEmail, upsertBatchSize } from './attendees';
export { csvHeaders } from './csv-reply';
export { applyInvitationFeedback } from './invitation-feedback';
export { streamRunners } from './live';
export { getConferenceAndItem, getRole, readAgenda } from './repository';
export { loadConference } from './service';
export { listSponsors } from './sponsors';
