import { ulid } from 'ulid';
import { isOperatorAdmin, type Principal } from '../auth/policy';
import { appLink } from '../email/links';
import { outboxPut } from '../events/outbox';
import { googleConfig } from '../google/config';
import {
  BadRequestError,
  BookingPausedError,
  ChangeNoticePassedError,
  NotFoundError,
  SlotUnavailableError,
  ValidationError,
} from '../http/errors';
import { logger } from '../observability/logger';
import { localDate } from '../time/zones';
import { computeSlots, groupByLocalDay, isSlotOffered } from './availability';
import type { AvailabilitySettings, TimeRange } from './availability-contracts';
import { withCalendar } from './connection';
import type { BookingSettingsFields, BookingSettingsView, BookingView, SlotsView } from './contracts';
import { eventIdFor } from './event-id';
import type { BookingItem, ConnectionItem, SettingsItem } from './repository';
import * as repository from './repository';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const weekday = [
  { start: '09:00', end: '12:00' },
  { start: '13:00', end: '17:00' },
];

/** What booking offers before an admin saved settings: weekdays 9–17 with lunch, 30-minute slots. */
export const defaultSettings = (
  timeZone = 'UTC',
  calendarId: string | null = null,
): BookingSettingsFields => ({
  availability: {
    timeZone,
    workingHours: [[], weekday, weekday, weekday, weekday, weekday, []],
    slotMinutes: 30,
    bufferBeforeMinutes: 0,
    bufferAfterMinutes: 15,
    minimumNoticeHours: 24,
    maxPerDay: 6,
    horizonDays: 60,
    dateOverrides: [],
  },
  checkCalendarIds: calendarId ? [calendarId] : [],
  targetCalendarId: calendarId,
  changeNoticeHours: 24,
});

const effective = (settings: SettingsItem | undefined): BookingSettingsFields =>
  settings ?? defaultSettings();

export const toSettingsView = (settings: SettingsItem | undefined): BookingSettingsView => {
  if (!settings) return { ...defaultSettings(), version: 0, updatedAt: null };
  const { updatedBy: _updatedBy, ...view } = settings;
  return view;
};

export const getSettings = async () => toSettingsView(await repository.getSettings());

/**
 * Calendars the settings name must exist in the connected account, and the target must take events:
 * otherwise slots would show open while every booking fails. Calendars already in the stored settings
 * pass unchecked, so hours can be edited while Google is not connected.
 */
const checkCalendars = async (fields: BookingSettingsFields) => {
  const stored = await repository.getSettings();
  const storedChecks = new Set([...(stored?.checkCalendarIds ?? []), stored?.targetCalendarId]);
  const changed = [
    { path: 'targetCalendarId', id: fields.targetCalendarId, write: true },
    ...fields.checkCalendarIds.map((id, index) => ({ path: `checkCalendarIds.${index}`, id, write: false })),
  ].filter(
    (entry): entry is { path: string; id: string; write: boolean } =>
      entry.id !== null &&
      entry.id !== 'primary' &&
      (entry.write ? entry.id !== stored?.targetCalendarId : !storedChecks.has(entry.id)),
  );
  if (changed.length === 0) return;
  const connection = await repository.getConnection();
  if (connection?.status !== 'connected')
    throw new ValidationError(
      changed.map(({ path }) => ({ path, message: 'Connect Google Calendar before choosing calendars' })),
    );
  const calendars = new Map(
    (await withCalendar(connection, (calendar) => calendar.listCalendars())).map((c) => [c.id, c]),
  );
  const errors = changed.flatMap(({ path, id, write }) => {
    const calendar = calendars.get(id);
    if (!calendar) return [{ path, message: `The connected Google account has no calendar "${id}"` }];
    if (write && !calendar.canWrite)
      return [{ path, message: `The connected Google account may not add events to "${calendar.name}"` }];
    return [];
  });
  if (errors.length > 0) throw new ValidationError(errors);
};

export const saveSettings = async (
  principal: Principal,
  input: BookingSettingsFields & { version: number },
): Promise<BookingSettingsView> => {
  const { version, ...fields } = input;
  await checkCalendars(fields);
  const settings: SettingsItem = {
    ...fields,
    checkCalendarIds: [...new Set(fields.checkCalendarIds)],
    version: version + 1,
    updatedAt: new Date().toISOString(),
    updatedBy: principal.name,
  };
  await repository.saveSettings(settings, version);
  return toSettingsView(settings);
};

/** First connection: settings start in the calendar's own zone, checking and writing its primary calendar. */
export const adoptCalendarDefaults = async (
  principal: Principal,
  timeZone: string | undefined,
  calendarId: string | null,
) => {
  if (await repository.getSettings()) return;
  const zone = timeZone && isKnownZone(timeZone) ? timeZone : 'UTC';
  try {
    await saveSettings(principal, { ...defaultSettings(zone, calendarId), version: 0 });
  } catch (error) {
    logger.warn('Could not store default booking settings', { error: error as Error });
  }
};

const isKnownZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const targetCalendar = (settings: BookingSettingsFields, connection: ConnectionItem | undefined) =>
  settings.targetCalendarId ?? connection?.account ?? 'primary';

const calendarsToCheck = (settings: BookingSettingsFields, connection: ConnectionItem | undefined) => [
  ...new Set([targetCalendar(settings, connection), ...settings.checkCalendarIds]),
];

const isChangeable = (booking: BookingItem, settings: BookingSettingsFields, now: number) =>
  booking.status === 'confirmed' && Date.parse(booking.start) - now >= settings.changeNoticeHours * HOUR;

export const toBookingView = (
  booking: BookingItem,
  settings: BookingSettingsFields,
  now = Date.now(),
): BookingView => ({
  id: booking.id,
  orgId: booking.orgId,
  organizationName: booking.organizationName,
  projectName: booking.projectName,
  engagementId: booking.engagementId,
  kickoff: booking.kickoff,
  start: booking.start,
  end: booking.end,
  notes: booking.notes,
  status: booking.status,
  bookedBy: booking.bookedBy,
  bookedByEmail: booking.bookedByEmail,
  createdAt: booking.createdAt,
  cancelledAt: booking.cancelledAt,
  cancelledBy: booking.cancelledBy,
  movedAt: booking.movedAt,
  changeable: isChangeable(booking, settings, now),
});

/** Why booking is unavailable right now, or `open`. */
const availabilityOf = async (connection: ConnectionItem | undefined) => {
  const config = await googleConfig();
  if (!config) return { availability: 'not-configured' as const, standIn: false };
  if (!connection) return { availability: 'not-connected' as const, standIn: config.standIn };
  if (connection.status !== 'connected') return { availability: 'paused' as const, standIn: config.standIn };
  return { availability: 'open' as const, standIn: config.standIn };
};

const widen = (range: TimeRange, settings: AvailabilitySettings): TimeRange => ({
  start: new Date(Date.parse(range.start) - settings.bufferBeforeMinutes * MINUTE).toISOString(),
  end: new Date(Date.parse(range.end) + settings.bufferAfterMinutes * MINUTE).toISOString(),
});

/** The bookings without the one being moved: it must not block its own neighbourhood. */
const withoutBooking = (booked: readonly TimeRange[], own: TimeRange) => {
  const index = booked.findIndex((entry) => entry.start === own.start && entry.end === own.end);
  return index < 0 ? [...booked] : booked.toSpliced(index, 1);
};

/** Bookings that can affect slots in [from, to): two days of margin cover every zone's day limit. */
const bookedAround = (from: number, to: number) =>
  repository.bookedBetween(new Date(from - 2 * DAY).toISOString(), new Date(to + 2 * DAY).toISOString());

/**
 * Free slots for the client's chosen days, in their organization's zone: working hours, buffers,
 * notice, day limits and overrides, minus Google's busy times and the bookings already made.
 */
export const freeSlots = async (
  orgId: string,
  query: { from?: string; days: number; moving?: string },
  now = new Date(),
): Promise<SlotsView> => {
  const {
    settings: stored,
    connection,
    organization,
    booking: moving,
  } = await repository.loadContext(orgId, { bookingId: query.moving });
  if (!organization) throw new NotFoundError();
  // Another organization's booking, or one that is gone, cannot be moved: the same 404 as moving it.
  if (query.moving && moving?.status !== 'confirmed') throw new NotFoundError();
  const own = moving ? { start: moving.start, end: moving.end } : undefined;
  const settings = effective(stored);
  const { availability, standIn } = await availabilityOf(connection);
  const base = {
    availability,
    standIn,
    timeZone: organization.timeZone,
    slotMinutes: settings.availability.slotMinutes,
    changeNoticeHours: settings.changeNoticeHours,
  };
  if (availability !== 'open') return { ...base, days: [] };

  const firstDate = query.from ?? localDate(now, organization.timeZone);
  const lastDate = new Date(Date.parse(firstDate) + query.days * DAY).toISOString().slice(0, 10);
  // Local dates span at most ±14 h around UTC midnight; the exact cut is made on local dates below.
  const from = Math.max(Date.parse(firstDate) - 14 * HOUR, now.getTime());
  const to = Math.min(
    Date.parse(lastDate) + 14 * HOUR,
    now.getTime() + settings.availability.horizonDays * DAY,
  );
  if (to <= from) return { ...base, days: [] };

  const window = widen(
    { start: new Date(from).toISOString(), end: new Date(to).toISOString() },
    settings.availability,
  );
  const [booked, busy] = await Promise.all([
    bookedAround(from, to),
    withCalendar(connection, (calendar) =>
      calendar.freeBusy(calendarsToCheck(settings, connection), window.start, window.end),
    ).catch((error: unknown) => {
      // Google revoked access just now: show booking as paused rather than fail.
      if (error instanceof BookingPausedError) return null;
      throw error;
    }),
  ]);
  if (!busy) return { ...base, availability: 'paused', days: [] };
  const slots = computeSlots({
    settings: settings.availability,
    busy: own ? without(busy, own) : busy,
    booked: own ? withoutBooking(booked, own) : booked,
    now,
  }).filter((slot) => {
    const date = localDate(slot.start, organization.timeZone);
    return (
      date >= firstDate && date < lastDate && Date.parse(slot.start) >= from && Date.parse(slot.end) <= to
    );
  });
  return { ...base, days: groupByLocalDay(slots, organization.timeZone) };
};

const overlaps = (blocks: readonly TimeRange[], range: TimeRange) =>
  blocks.some(
    (block) =>
      Date.parse(block.start) < Date.parse(range.end) && Date.parse(block.end) > Date.parse(range.start),
  );

/** Removes `own` from busy blocks, so a booking's own event does not block its move. */
const without = (blocks: readonly TimeRange[], own: TimeRange): TimeRange[] =>
  blocks.flatMap((block) => {
    const [start, end, ownStart, ownEnd] = [block.start, block.end, own.start, own.end].map(Date.parse) as [
      number,
      number,
      number,
      number,
    ];
    if (ownEnd <= start || ownStart >= end) return [block];
    const parts: TimeRange[] = [];
    if (start < ownStart) parts.push({ start: block.start, end: own.start });
    if (ownEnd < end) parts.push({ start: own.end, end: block.end });
    return parts;
  });

const slotAt = (start: string, settings: AvailabilitySettings): TimeRange => ({
  start,
  end: new Date(Date.parse(start) + settings.slotMinutes * MINUTE).toISOString(),
});

const notOffered = () =>
  new SlotUnavailableError('This time is not free (any more). Please pick one of the free slots shown.');

/** The event as the operator sees it in Google Calendar. */
const eventFor = (booking: BookingItem) => ({
  id: booking.eventId,
  summary: `${booking.kickoff ? 'Kickoff' : 'Meeting'}: ${booking.projectName ?? booking.organizationName} (${booking.organizationName})`,
  description: [
    booking.notes ? `Notes from ${booking.bookedBy}:\n${booking.notes}` : `Booked by ${booking.bookedBy}.`,
    `Booked through Portico: ${appLink('booking')}`,
  ].join('\n\n'),
  start: booking.start,
  end: booking.end,
  attendees: [{ email: booking.bookedByEmail, displayName: booking.bookedBy }],
  privateProperties: { porticoBookingId: booking.id, porticoOrgId: booking.orgId },
});

/**
 * Books a slot: offered? → claim (guard item, day count, booking, activity: one transaction; a racing
 * booker gets 409) → Google free/busy again → create the event. If anything after the claim fails,
 * the event (should it exist) and the claim are removed, and the client gets a clear error.
 */
export const book = async (
  principal: Principal,
  orgId: string,
  input: { start: string; notes: string; engagementId?: string; kickoff: boolean },
  now = new Date(),
): Promise<BookingView> => {
  // The bookings around the requested start do not depend on the settings: read both at once.
  const requested = Date.parse(input.start);
  const [context, booked] = await Promise.all([
    repository.loadContext(orgId, { engagementId: input.engagementId }),
    bookedAround(requested, requested + DAY),
  ]);
  const { connection, organization, engagement } = context;
  if (!organization) throw new NotFoundError();
  if (organization.status !== 'active') throw new BadRequestError('This organization is archived');
  if (input.engagementId && !engagement) throw new NotFoundError('No such engagement');
  const settings = effective(context.settings);
  if ((await availabilityOf(connection)).availability !== 'open')
    throw new BookingPausedError('Booking is not available right now. Please try again later.');

  const slot = slotAt(input.start, settings.availability);
  if (!isSlotOffered(slot, { settings: settings.availability, busy: [], booked, now })) throw notOffered();

  const booking: BookingItem = {
    id: ulid(),
    orgId,
    organizationName: organization.name,
    projectName: engagement?.projectName ?? null,
    engagementId: engagement?.id ?? null,
    kickoff: input.kickoff,
    start: slot.start,
    end: slot.end,
    operatorDate: localDate(slot.start, settings.availability.timeZone),
    notes: input.notes,
    status: 'confirmed',
    bookedBy: principal.name,
    bookedByUserId: principal.userId,
    bookedByEmail: principal.email,
    calendarId: targetCalendar(settings, connection),
    eventId: '',
    createdAt: now.toISOString(),
    cancelledAt: null,
    cancelledBy: null,
    movedAt: null,
    revision: 1,
  };
  const claimed: BookingItem = { ...booking, eventId: eventIdFor(booking.orgId, booking.id) };
  const activityKey = await repository.claimSlot(claimed, settings.availability.maxPerDay, {
    actor: principal.name,
    kind: 'booking.created',
    summary: `${principal.name} booked ${claimed.kickoff ? 'the kickoff call' : 'a meeting'} for ${claimed.start}`,
  });
  let inserted = false;
  try {
    await withCalendar(connection, async (calendar) => {
      const busy = await calendar.freeBusy(
        calendarsToCheck(settings, connection),
        widen(slot, settings.availability).start,
        widen(slot, settings.availability).end,
      );
      if (overlaps(busy, widen(slot, settings.availability))) throw notOffered();
      inserted = true;
      await calendar.insertEvent(claimed.calendarId, {
        ...eventFor(claimed),
        timeZone: settings.availability.timeZone,
      });
    });
  } catch (error) {
    // A timed-out insert may still have reached Google: remove the event before freeing the slot.
    if (inserted) await removeEventQuietly(connection, claimed);
    await repository.releaseClaim(claimed, activityKey);
    throw error;
  }
  // Announced only now that Google holds the event: a claim released above never announces anything.
  await repository.announceBooking(
    claimed,
    outboxPut('booking.created', {
      version: 1,
      orgId,
      bookingId: claimed.id,
      engagementId: claimed.engagementId,
      kickoff: claimed.kickoff,
      start: claimed.start,
      userId: principal.userId,
    }),
  );
  return toBookingView(claimed, settings, now.getTime());
};

const removeEventQuietly = async (connection: ConnectionItem | undefined, booking: BookingItem) => {
  try {
    await withCalendar(connection, (calendar) => calendar.deleteEvent(booking.calendarId, booking.eventId));
  } catch (error) {
    logger.error('A failed booking left an event that could not be removed', {
      bookingId: booking.id,
      eventId: booking.eventId,
      error: error as Error,
    });
  }
};

const loadBooking = async (orgId: string, bookingId: string) => {
  const context = await repository.loadContext(orgId, { bookingId });
  if (!context.booking || !context.organization) throw new NotFoundError();
  return { ...context, booking: context.booking, settings: effective(context.settings) };
};

const assertChangeable = (
  principal: Principal,
  booking: BookingItem,
  settings: BookingSettingsFields,
  now: Date,
) => {
  if (booking.status !== 'confirmed') throw new BadRequestError('This booking is already cancelled');
  if (!isOperatorAdmin(principal) && !isChangeable(booking, settings, now.getTime()))
    throw new ChangeNoticePassedError(
      `Bookings can be changed up to ${settings.changeNoticeHours} hours before they start. Please contact the agency.`,
    );
};

const actorKind = (principal: Principal) => (isOperatorAdmin(principal) ? 'operator' : 'client');

/** Cancels a booking and deletes its calendar event (an event already gone at Google is fine). */
export const cancel = async (
  principal: Principal,
  orgId: string,
  bookingId: string,
  input: { reason: string },
  now = new Date(),
): Promise<BookingView> => {
  const { booking, settings, connection } = await loadBooking(orgId, bookingId);
  assertChangeable(principal, booking, settings, now);
  await withCalendar(connection, (calendar) => calendar.deleteEvent(booking.calendarId, booking.eventId));
  const cancelled: BookingItem = {
    ...booking,
    status: 'cancelled',
    cancelledAt: now.toISOString(),
    cancelledBy: principal.name,
    notes: input.reason
      ? `${booking.notes}${booking.notes ? '\n\n' : ''}Cancelled: ${input.reason}`
      : booking.notes,
  };
  await repository.saveCancellation(
    booking,
    cancelled,
    {
      actor: principal.name,
      kind: 'booking.cancelled',
      summary: `${principal.name} cancelled the meeting of ${booking.start}`,
    },
    [
      outboxPut('booking.cancelled', {
        version: 1,
        orgId,
        bookingId,
        by: actorKind(principal),
        userId: principal.userId,
      }),
    ],
  );
  return toBookingView({ ...cancelled, revision: booking.revision + 1 }, settings, now.getTime());
};

/** Moves a booking to another free slot: claimed like a new booking, then the event follows. */
export const reschedule = async (
  principal: Principal,
  orgId: string,
  bookingId: string,
  input: { start: string },
  now = new Date(),
): Promise<BookingView> => {
  // The bookings around the requested start do not depend on the booking or the settings: read them at
  // once (two days either side cover the slot the start falls in).
  const requested = Date.parse(input.start);
  const [{ booking, settings, connection }, around] = await Promise.all([
    loadBooking(orgId, bookingId),
    bookedAround(requested, requested + DAY),
  ]);
  assertChangeable(principal, booking, settings, now);
  if ((await availabilityOf(connection)).availability !== 'open')
    throw new BookingPausedError('Booking is not available right now. Please try again later.');
  const slot = slotAt(input.start, settings.availability);
  if (slot.start === booking.start) return toBookingView(booking, settings, now.getTime());
  const own = { start: booking.start, end: booking.end };
  const booked = withoutBooking(around, own);
  if (!isSlotOffered(slot, { settings: settings.availability, busy: [], booked, now })) throw notOffered();

  const moved: BookingItem = {
    ...booking,
    start: slot.start,
    end: slot.end,
    operatorDate: localDate(slot.start, settings.availability.timeZone),
    movedAt: now.toISOString(),
    revision: booking.revision + 1,
  };
  const limits = { enforceLimits: true, maxPerDay: settings.availability.maxPerDay };
  await repository.saveMove(
    booking,
    moved,
    {
      actor: principal.name,
      kind: 'booking.rescheduled',
      summary: `${principal.name} moved the meeting from ${booking.start} to ${moved.start}`,
    },
    limits,
  );
  try {
    await withCalendar(connection, async (calendar) => {
      const window = widen(slot, settings.availability);
      const busy = without(
        await calendar.freeBusy(calendarsToCheck(settings, connection), window.start, window.end),
        own,
      );
      if (overlaps(busy, window)) throw notOffered();
      await calendar.moveEvent(
        booking.calendarId,
        booking.eventId,
        moved.start,
        moved.end,
        settings.availability.timeZone,
      );
    });
  } catch (error) {
    // Put it back where it was: the calendar still shows the old time.
    await repository.saveMove(
      moved,
      { ...booking, revision: moved.revision },
      {
        actor: principal.name,
        kind: 'booking.reschedule-failed',
        summary: `Moving the meeting of ${booking.start} failed; it stays at its time`,
      },
      { enforceLimits: false, maxPerDay: settings.availability.maxPerDay },
    );
    throw error;
  }
  // As for a new booking: announced once Google moved the event, and only if nothing moved it back.
  await repository.announceBooking(
    moved,
    outboxPut('booking.rescheduled', {
      version: 1,
      orgId,
      bookingId,
      previousStart: booking.start,
      start: moved.start,
      by: actorKind(principal),
      userId: principal.userId,
    }),
  );
  return toBookingView({ ...moved, revision: moved.revision + 1 }, settings, now.getTime());
};

export const listForOrganization = async (
  orgId: string,
  query: { when: repository.BookingWindow; limit: number; cursor?: string },
) => {
  const [page, settings] = await Promise.all([
    repository.listForOrganization(orgId, query.when, query.limit, query.cursor),
    repository.getSettings(),
  ]);
  return {
    items: page.items.map((item) => toBookingView(item, effective(settings))),
    nextCursor: page.nextCursor,
  };
};

export const listSchedule = async (query: {
  when: repository.BookingWindow;
  limit: number;
  cursor?: string;
}) => {
  const [page, settings] = await Promise.all([
    repository.listSchedule(query.when, query.limit, query.cursor),
    repository.getSettings(),
  ]);
  return {
    items: page.items.map((item) => toBookingView(item, effective(settings))),
    nextCursor: page.nextCursor,
  };
};
