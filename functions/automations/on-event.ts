import {
  onBookingCancelled,
  onBookingScheduled,
  onJobCancelled,
  onJobCompleted,
  onJobScheduled,
} from '../../shared/automations/appointment-reactions';
import { onOrganizationUpdated } from '../../shared/automations/digest';
import { onLeadCreated, onLeadUpdated, onUnsubscribed } from '../../shared/automations/lead-reactions';
import { onRetryRequested } from '../../shared/automations/retries';
import { eventConsumers } from '../../shared/events/consumer';

/**
 * The automations' reactions to domain events: Lead Capture, Follow-Up Sequence, Appointment Helper and
 * Review Request, plus admins' retries. Each event id is claimed once; a failure releases the claim and
 * throws, so EventBridge retries and finally dead-letters the event.
 */
export const handler = eventConsumers('automations', {
  'lead.created': onLeadCreated,
  'lead.updated': onLeadUpdated,
  'job.scheduled': onJobScheduled,
  'job.completed': onJobCompleted,
  'job.cancelled': onJobCancelled,
  'booking.created': onBookingScheduled,
  'booking.rescheduled': onBookingScheduled,
  'booking.cancelled': onBookingCancelled,
  'email.unsubscribed': onUnsubscribed,
  'organization.updated': onOrganizationUpdated,
  'automation.retry-requested': onRetryRequested,
});
