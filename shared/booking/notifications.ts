import { appLink } from '../email/links';
import { type Block, renderEmail } from '../email/render';
import { sendEmail } from '../email/send';
import type { EventDetail } from '../events/catalog';
import { getUser } from '../identity';
import { getOrganization } from '../organizations';
import type { BookingItem } from './repository';
import * as repository from './repository';

/** "Tuesday 24 November 2026, 10:00 (Europe/Berlin)": the reader's zone, named. */
export const formatWhen = (instant: string, timeZone: string): string =>
  `${new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant))} (${timeZone})`;

/** The booking, the client's zone and the operator admin who connected the calendar. */
const load = async (orgId: string, bookingId: string) => {
  const [booking, organization, connection, settings] = await Promise.all([
    repository.getBooking(orgId, bookingId),
    getOrganization(orgId),
    repository.getConnection(),
    repository.getSettings(),
  ]);
  const operator = connection ? await getUser(connection.connectedBy) : undefined;
  return {
    booking,
    clientZone: organization?.timeZone ?? 'UTC',
    operatorZone: settings?.availability.timeZone ?? organization?.timeZone ?? 'UTC',
    operator: operator?.status === 'active' ? operator : undefined,
  };
};

const meeting = (booking: BookingItem) =>
  `${booking.kickoff ? 'kickoff call' : 'meeting'}${booking.projectName ? ` about ${booking.projectName}` : ''}`;

const notesBlock = (booking: BookingItem): Block[] =>
  booking.notes ? [{ kind: 'note', text: `Notes: ${booking.notes}` }] : [];

/** Confirmation to the client who booked and to the operator. */
export const notifyBookingCreated = async (detail: EventDetail<'booking.created'>) => {
  const { booking, clientZone, operatorZone, operator } = await load(detail.orgId, detail.bookingId);
  if (booking?.status !== 'confirmed') return;
  await sendEmail(
    [booking.bookedByEmail],
    renderEmail(`Booked: your ${meeting(booking)}`, [
      { kind: 'paragraph', text: `Hello ${booking.bookedBy},` },
      {
        kind: 'paragraph',
        text: `Your ${meeting(booking)} is booked for ${formatWhen(booking.start, clientZone)}.`,
      },
      ...notesBlock(booking),
      { kind: 'paragraph', text: 'You can move or cancel it from your dashboard.' },
      { kind: 'button', label: 'Open your dashboard', url: appLink('home') },
    ]),
  );
  if (!operator) return;
  await sendEmail(
    [operator.email],
    renderEmail(`New booking: ${booking.organizationName}, ${formatWhen(booking.start, operatorZone)}`, [
      {
        kind: 'paragraph',
        text: `${booking.bookedBy} (${booking.organizationName}) booked a ${meeting(booking)} for ${formatWhen(booking.start, operatorZone)}. It is in your calendar.`,
      },
      ...notesBlock(booking),
      { kind: 'button', label: 'See bookings', url: appLink('booking') },
    ]),
  );
};

const cancelledBy = (detail: EventDetail<'booking.cancelled'>, booking: BookingItem) =>
  detail.by === 'calendar' ? 'the agency' : (booking.cancelledBy ?? 'someone');

export const notifyBookingCancelled = async (detail: EventDetail<'booking.cancelled'>) => {
  const { booking, clientZone, operatorZone, operator } = await load(detail.orgId, detail.bookingId);
  if (booking?.status !== 'cancelled') return;
  await sendEmail(
    [booking.bookedByEmail],
    renderEmail(`Cancelled: your ${meeting(booking)}`, [
      { kind: 'paragraph', text: `Hello ${booking.bookedBy},` },
      {
        kind: 'paragraph',
        text: `Your ${meeting(booking)} on ${formatWhen(booking.start, clientZone)} was cancelled by ${cancelledBy(detail, booking)}.`,
      },
      { kind: 'paragraph', text: 'You can book another time from your dashboard.' },
      { kind: 'button', label: 'Book another time', url: appLink('home') },
    ]),
  );
  if (!operator || detail.by === 'calendar') return;
  await sendEmail(
    [operator.email],
    renderEmail(`Cancelled: ${booking.organizationName}, ${formatWhen(booking.start, operatorZone)}`, [
      {
        kind: 'paragraph',
        text: `${booking.cancelledBy ?? 'Someone'} cancelled the ${meeting(booking)} of ${booking.organizationName} on ${formatWhen(booking.start, operatorZone)}. The event is gone from your calendar.`,
      },
    ]),
  );
};

export const notifyBookingRescheduled = async (detail: EventDetail<'booking.rescheduled'>) => {
  const { booking, clientZone, operatorZone, operator } = await load(detail.orgId, detail.bookingId);
  if (booking?.status !== 'confirmed' || booking.start !== detail.start) return;
  const by = detail.by === 'calendar' ? 'The agency' : booking.bookedBy;
  await sendEmail(
    [booking.bookedByEmail],
    renderEmail(`Moved: your ${meeting(booking)}`, [
      { kind: 'paragraph', text: `Hello ${booking.bookedBy},` },
      {
        kind: 'paragraph',
        text: `${by === booking.bookedBy ? 'You moved' : `${by} moved`} your ${meeting(booking)} from ${formatWhen(detail.previousStart, clientZone)} to ${formatWhen(booking.start, clientZone)}.`,
      },
      { kind: 'button', label: 'Open your dashboard', url: appLink('home') },
    ]),
  );
  if (!operator || detail.by === 'calendar') return;
  await sendEmail(
    [operator.email],
    renderEmail(`Moved: ${booking.organizationName}, now ${formatWhen(booking.start, operatorZone)}`, [
      {
        kind: 'paragraph',
        text: `${booking.bookedBy} (${booking.organizationName}) moved the ${meeting(booking)} from ${formatWhen(detail.previousStart, operatorZone)} to ${formatWhen(booking.start, operatorZone)}. Your calendar is updated.`,
      },
    ]),
  );
};

/** Google refused the grant: the admin who connected it hears once, with the way back. */
export const notifyAccessRevoked = async (detail: EventDetail<'calendar.access-revoked'>) => {
  const admin = await getUser(detail.connectedBy);
  if (admin?.status !== 'active') return;
  await sendEmail(
    [admin.email],
    renderEmail('Booking is paused: reconnect Google Calendar', [
      { kind: 'paragraph', text: `Hello ${admin.name},` },
      {
        kind: 'paragraph',
        text: `Google no longer accepts Portico's access to the calendar${detail.account ? ` of ${detail.account}` : ''} (the access was revoked or expired). Clients see booking as paused until you authorize again.`,
      },
      { kind: 'button', label: 'Reconnect the calendar', url: appLink('booking') },
    ]),
  );
};
