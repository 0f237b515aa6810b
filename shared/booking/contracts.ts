import { authorizationView, oauthCallbackInput } from '../google/contracts';
import { id, multiLineText, page, pageQuery, requiredText } from '../http/contracts';
import { defineRoute } from '../http/route';
import * as z from '../schema/zod';
import { availabilitySettings, calendarDate, slotDay } from './availability-contracts';

/**
 * Booking: the operator connects one Google Calendar; clients book free slots in it.
 *
 * Connection states: `not-configured` (no OAuth client in the deployment), `not-connected`,
 * `connected`, and `revoked` (Google refused the stored grant: booking is paused until an admin
 * authorizes again).
 */
export const connectionStatus = z.enum(['not-configured', 'not-connected', 'connected', 'revoked']);
export type ConnectionStatus = z.infer<typeof connectionStatus>;

export const connectionView = z.object({
  status: connectionStatus,
  /** The Google account (its primary calendar id). */
  account: z.nullable(z.string()),
  connectedAt: z.nullable(z.string()),
  connectedBy: z.nullable(z.string()),
  revokedAt: z.nullable(z.string()),
  /** True when the local stand-in answers instead of Google (local development and demos). */
  standIn: z.boolean(),
  lastSyncAt: z.nullable(z.string()),
});
export type ConnectionView = z.infer<typeof connectionView>;

export { authorizationView, oauthCallbackInput } from '../google/contracts';

export const calendarView = z.object({
  id: z.string(),
  name: z.string(),
  primary: z.boolean(),
  canWrite: z.boolean(),
  timeZone: z.nullable(z.string()),
});

const calendarId = requiredText(1024);

/** Everything an admin configures about booking, edited as one versioned document. */
export const bookingSettingsFields = z.strictObject({
  availability: availabilitySettings,
  /** Calendars whose busy times block slots (the target calendar is always checked too). */
  checkCalendarIds: z.array(calendarId).check(z.maxLength(20, 'At most 20 calendars')),
  /** Calendar that receives the booked events; null means the account's primary calendar. */
  targetCalendarId: z.nullable(calendarId),
  /** Cancelling or moving a booking must happen at least this many hours before it starts. */
  changeNoticeHours: z.number().check(z.int(), z.gte(0), z.lte(720)),
});
export type BookingSettingsFields = z.infer<typeof bookingSettingsFields>;

export const bookingSettingsView = z.extend(bookingSettingsFields, {
  version: z.number().check(z.int()),
  updatedAt: z.nullable(z.string()),
});
export type BookingSettingsView = z.infer<typeof bookingSettingsView>;

export const saveBookingSettingsInput = z.extend(bookingSettingsFields, {
  /** 0 for the first save; then the version that was loaded. */
  version: z.number().check(z.int(), z.gte(0)),
});

export const bookingStatus = z.enum(['confirmed', 'cancelled']);

export const bookingView = z.object({
  id,
  orgId: id,
  organizationName: z.string(),
  projectName: z.nullable(z.string()),
  engagementId: z.nullable(id),
  kickoff: z.boolean(),
  start: z.string(),
  end: z.string(),
  notes: z.string(),
  status: bookingStatus,
  bookedBy: z.string(),
  bookedByEmail: z.string(),
  createdAt: z.string(),
  cancelledAt: z.nullable(z.string()),
  /** Who cancelled: a person's name, or "Google Calendar" when the event was deleted there. */
  cancelledBy: z.nullable(z.string()),
  /** Set when the meeting was moved (by the client or in the operator's calendar). */
  movedAt: z.nullable(z.string()),
  /** Whether the client may still cancel or move it (change notice not yet passed). */
  changeable: z.boolean(),
});
export type BookingView = z.infer<typeof bookingView>;

/** What a client sees when choosing a slot. */
export const slotsView = z.object({
  /** `open`, or why booking is unavailable right now. */
  availability: z.enum(['open', 'paused', 'not-connected', 'not-configured']),
  standIn: z.boolean(),
  /** The organization's zone: slots are labelled and grouped in it. */
  timeZone: z.string(),
  slotMinutes: z.number().check(z.int()),
  changeNoticeHours: z.number().check(z.int()),
  days: z.array(slotDay),
});
export type SlotsView = z.infer<typeof slotsView>;

export const slotsQuery = z.strictObject({
  /** First local date to show (organization's zone); today when absent. */
  from: z.optional(calendarDate),
  days: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(31)), 14),
  /** The booking being moved: its own time and buffers do not block the slots around it. */
  moving: z.optional(id),
});

const instant = z.pipe(
  z.iso.datetime({ offset: true }),
  z.transform((value) => new Date(value).toISOString()),
);

export const createBookingInput = z.strictObject({
  start: instant,
  notes: z._default(multiLineText(2000), ''),
  /** The engagement the meeting is about; the organization's newest when absent. */
  engagementId: z.optional(id),
  /** A kickoff call ticks the engagement's kickoff task once booked. */
  kickoff: z._default(z.boolean(), false),
});

export const rescheduleBookingInput = z.strictObject({ start: instant });
export const cancelBookingInput = z.strictObject({ reason: z._default(multiLineText(500), '') });

export const bookingListQuery = z.extend(pageQuery, {
  when: z._default(z.enum(['upcoming', 'past']), 'upcoming'),
});

const orgParams = z.strictObject({ orgId: id });
const bookingParams = z.strictObject({ orgId: id, bookingId: id });

export const bookingRoutes = {
  connection: defineRoute({
    method: 'GET',
    path: '/api/booking/connection',
    name: 'get-calendar-connection',
    access: 'admin',
    summary: 'Whether Google Calendar is connected, by whom, and whether Google revoked access',
    response: connectionView,
  }),
  authorize: defineRoute({
    method: 'POST',
    path: '/api/booking/connection/authorize',
    name: 'authorize-calendar',
    access: 'admin',
    summary: "Start Google's consent screen (authorization code with PKCE; state bound to this admin)",
    response: authorizationView,
  }),
  completeAuthorization: defineRoute({
    method: 'POST',
    path: '/api/booking/connection/callback',
    name: 'complete-calendar-authorization',
    access: 'admin',
    summary: "Finish the consent: Google's code and state, sent on by the dashboard's callback page",
    body: oauthCallbackInput,
    response: connectionView,
  }),
  disconnect: defineRoute({
    method: 'DELETE',
    path: '/api/booking/connection',
    name: 'disconnect-calendar',
    access: 'admin',
    summary: 'Revoke the grant at Google and forget the refresh token',
  }),
  calendars: defineRoute({
    method: 'GET',
    path: '/api/booking/calendars',
    name: 'list-calendars',
    access: 'admin',
    summary: "The connected account's calendars, to choose which to check and which receives events",
    response: z.object({ items: z.array(calendarView) }),
  }),
  settings: defineRoute({
    method: 'GET',
    path: '/api/booking/settings',
    name: 'get-booking-settings',
    access: 'admin',
    summary: 'Availability, calendars and change notice',
    response: bookingSettingsView,
  }),
  saveSettings: defineRoute({
    method: 'PUT',
    path: '/api/booking/settings',
    name: 'save-booking-settings',
    access: 'admin',
    summary: 'Save availability, calendars and change notice (version-checked)',
    body: saveBookingSettingsInput,
    response: bookingSettingsView,
    maxBodyBytes: 64 * 1024,
  }),
  allBookings: defineRoute({
    method: 'GET',
    path: '/api/bookings',
    name: 'list-all-bookings',
    access: 'admin',
    summary: "Every organization's confirmed bookings by start time",
    query: bookingListQuery,
    response: page(bookingView),
  }),
  slots: defineRoute({
    method: 'GET',
    path: '/api/orgs/{orgId}/booking/slots',
    name: 'list-free-slots',
    access: 'org-member',
    summary: "Free slots in the organization's time zone, or why booking is paused",
    params: orgParams,
    query: slotsQuery,
    response: slotsView,
  }),
  list: defineRoute({
    method: 'GET',
    path: '/api/orgs/{orgId}/bookings',
    name: 'list-bookings',
    access: 'org-member',
    summary: "The organization's bookings, upcoming (soonest first) or past (latest first)",
    params: orgParams,
    query: bookingListQuery,
    response: page(bookingView),
  }),
  create: defineRoute({
    method: 'POST',
    path: '/api/orgs/{orgId}/bookings',
    name: 'create-booking',
    access: 'org-member',
    summary: 'Book a free slot: claimed atomically, checked against Google again, then put in the calendar',
    params: orgParams,
    body: createBookingInput,
    response: bookingView,
    status: 201,
  }),
  reschedule: defineRoute({
    method: 'PATCH',
    path: '/api/orgs/{orgId}/bookings/{bookingId}',
    name: 'reschedule-booking',
    access: 'org-member',
    summary: 'Move a booking to another free slot (before the change notice)',
    params: bookingParams,
    body: rescheduleBookingInput,
    response: bookingView,
  }),
  cancel: defineRoute({
    method: 'POST',
    path: '/api/orgs/{orgId}/bookings/{bookingId}/cancel',
    name: 'cancel-booking',
    access: 'org-member',
    summary: 'Cancel a booking (before the change notice) and remove the calendar event',
    params: bookingParams,
    body: cancelBookingInput,
    response: bookingView,
  }),
} as const;
