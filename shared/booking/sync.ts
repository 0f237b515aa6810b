import { outboxPut } from '../events/outbox';
import type { CalendarConnection, CalendarEventChange } from '../google/calendar';
import { googleConfig } from '../google/config';
import { GoogleSyncTokenExpiredError } from '../google/errors';
import { logger } from '../observability/logger';
import { localDate } from '../time/zones';
import type { AvailabilitySettings } from './availability-contracts';
import { withCalendar } from './connection';
import { bookingOfEvent } from './event-id';
import type { BookingItem } from './repository';
import * as repository from './repository';
import { defaultSettings } from './service';

/** A first sync looks this far back, so events of the last day that moved are noticed too. */
const fullSyncLookBackMs = 24 * 3_600_000;

const googleActor = 'Google Calendar';

/**
 * Two-way sync, run on a schedule: Google's incremental sync (a sync token per calendar) lists the
 * events changed since last time. A booking whose event was deleted there is cancelled; one whose
 * event was moved follows it. Each change tells the client through a booking event.
 */
export const syncCalendar = async (now = new Date()): Promise<{ changed: number }> => {
  if (!(await googleConfig())) return { changed: 0 };
  const [connection, stored] = await Promise.all([repository.getConnection(), repository.getSettings()]);
  if (connection?.status !== 'connected') return { changed: 0 };
  const settings = stored ?? defaultSettings();
  const calendarId = settings.targetCalendarId ?? connection.account ?? 'primary';
  const since = new Date(now.getTime() - fullSyncLookBackMs).toISOString();
  // A token belongs to the calendar it was issued for: a new target calendar starts with a full sync.
  const token = connection.syncCalendarId === calendarId ? (connection.syncToken ?? undefined) : undefined;

  let changed = 0;
  const nextSyncToken = await withCalendar(connection, async (calendar) => {
    const result = await listChanges(calendar, calendarId, token, since);
    for (const change of result.changes) {
      if (await applyChange(calendar, calendarId, change, settings.availability, now)) changed++;
    }
    return result.nextSyncToken;
  });
  await repository.saveSyncState(connection.sealedRefreshToken, {
    syncCalendarId: calendarId,
    syncToken: nextSyncToken ?? null,
    lastSyncAt: now.toISOString(),
  });
  return { changed };
};

const listChanges = async (
  calendar: CalendarConnection,
  calendarId: string,
  token: string | undefined,
  since: string,
) => {
  try {
    return await calendar.listChanges(calendarId, token, since);
  } catch (error) {
    if (!(error instanceof GoogleSyncTokenExpiredError)) throw error;
    logger.info('Sync token expired; running a full sync');
    return calendar.listChanges(calendarId, undefined, since);
  }
};

/** True when the change altered a booking. Events Portico did not create are not bookings. */
const applyChange = async (
  calendar: CalendarConnection,
  calendarId: string,
  change: CalendarEventChange,
  settings: AvailabilitySettings,
  now: Date,
) => {
  const ids = bookingOfEvent(change.id);
  if (!ids) return false;
  const booking = await repository.getBooking(ids.orgId, ids.bookingId);
  if (!booking && !change.cancelled) {
    // A booking rolled back after its insert timed out, yet the insert reached Google after all:
    // the event belongs to no booking, so it goes.
    await calendar.deleteEvent(calendarId, change.id);
    logger.warn('Removed a calendar event whose booking does not exist', { ...ids, eventId: change.id });
    return true;
  }
  if (booking?.status !== 'confirmed' || booking.eventId !== change.id) return false;
  // Booked into an earlier target calendar: what this calendar says about the id is not its event.
  if (booking.calendarId !== calendarId) return false;
  if (change.cancelled) {
    await cancelFromCalendar(booking, now);
    return true;
  }
  if (!change.start || !change.end) return false;
  if (change.start === booking.start && change.end === booking.end) return false;
  await moveFromCalendar(booking, { start: change.start, end: change.end }, settings, now);
  return true;
};

const cancelFromCalendar = async (booking: BookingItem, now: Date) => {
  await repository.saveCancellation(
    booking,
    { ...booking, status: 'cancelled', cancelledAt: now.toISOString(), cancelledBy: googleActor },
    {
      actor: googleActor,
      kind: 'booking.cancelled',
      summary: `The meeting of ${booking.start} was deleted in the agency's calendar`,
    },
    [
      outboxPut('booking.cancelled', {
        version: 1,
        orgId: booking.orgId,
        bookingId: booking.id,
        by: 'calendar',
        userId: null,
      }),
    ],
  );
};

const moveFromCalendar = async (
  booking: BookingItem,
  to: { start: string; end: string },
  settings: AvailabilitySettings,
  now: Date,
) => {
  const moved: BookingItem = {
    ...booking,
    ...to,
    operatorDate: localDate(to.start, settings.timeZone),
    movedAt: now.toISOString(),
  };
  await repository.saveMove(
    booking,
    moved,
    {
      actor: googleActor,
      kind: 'booking.rescheduled',
      summary: `The meeting of ${booking.start} was moved to ${to.start} in the agency's calendar`,
    },
    { enforceLimits: false, maxPerDay: settings.maxPerDay },
    [
      outboxPut('booking.rescheduled', {
        version: 1,
        orgId: booking.orgId,
        bookingId: booking.id,
        previousStart: booking.start,
        start: to.start,
        by: 'calendar',
        userId: null,
      }),
    ],
  );
};
