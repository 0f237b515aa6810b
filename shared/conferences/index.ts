/** What other modules may use of conferences: the streams' due-item runners and invitation bounces. */
export { applyInvitationFeedback } from './invitation-feedback';
export { streamRunners } from './live';
