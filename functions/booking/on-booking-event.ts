import {
  notifyAccessRevoked,
  notifyBookingCancelled,
  notifyBookingCreated,
  notifyBookingRescheduled,
} from '../../shared/booking/notifications';
import { eventConsumers } from '../../shared/events/consumer';

/** Emails about bookings: confirmations, cancellations, moves, and a revoked calendar grant. */
export const handler = eventConsumers('booking-emails', {
  'booking.created': notifyBookingCreated,
  'booking.cancelled': notifyBookingCancelled,
  'booking.rescheduled': notifyBookingRescheduled,
  'calendar.access-revoked': notifyAccessRevoked,
});
