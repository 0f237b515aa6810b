import { cursor, id } from '../http/contracts';
import { defineRoute } from '../http/route';
import { multiLineText, requiredSingleLineText, singleLineText } from '../http/text';
import { email, password, sessionView } from '../identity/contracts';
import * as z from '../schema/zod';
import { conferenceRole, registrationField } from './contracts';

/**
 * Attendees of a conference and their invitations. An attendee is one person (by email) invited to or
 * registered for one conference; the invitation's tracking state is the attendee's `status`:
 * `sent` → `delivered` | `bounced` (SES feedback) → `accepted`, or `revoked` by an organizer. Accepting
 * gives the person their role in the conference's roster, which is what lets them in.
 */

export const attendeeStatuses = ['sent', 'delivered', 'bounced', 'accepted', 'revoked'] as const;
export const attendeeStatus = z.enum(attendeeStatuses);
export type AttendeeStatus = z.infer<typeof attendeeStatus>;

/** Whom an attendee may meet in the networking features: everyone, their own group, or nobody. */
export const networkingAccesses = ['all', 'groups', 'none'] as const;
export const networkingAccess = z.enum(networkingAccesses);
export type NetworkingAccess = z.infer<typeof networkingAccess>;

export const attendeeGroup = requiredSingleLineText(60);

/** An answer to a registration field: text or a chosen option (strings), or a checkbox (boolean). */
export const registrationAnswers = z.record(singleLineText(40), z.union([multiLineText(4000), z.boolean()]));
export type RegistrationAnswers = z.infer<typeof registrationAnswers>;

export const attendeeView = z.object({
  id,
  email: z.string(),
  name: z.string(),
  role: conferenceRole,
  status: attendeeStatus,
  networking: networkingAccess,
  group: z.nullable(z.string()),
  answers: registrationAnswers,
  /** The Portico account, once they accepted. */
  userId: z.nullable(id),
  source: z.enum(['invitation', 'import']),
  invitedAt: z.string(),
  lastSentAt: z.nullable(z.string()),
  sendCount: z.number().check(z.int()),
  /** Why the invitation did not arrive, for `bounced`. */
  bounceReason: z.nullable(z.string()),
  registeredAt: z.nullable(z.string()),
  version: z.number().check(z.int()),
  updatedAt: z.string(),
});
export type AttendeeView = z.infer<typeof attendeeView>;

const person = z.strictObject({ email, name: requiredSingleLineText(120) });

const uniqueEmails = (people: readonly { email: string }[]) =>
  new Set(people.map((p) => p.email)).size === people.length;

export const inviteAttendeesInput = z.strictObject({
  people: z
    .array(person)
    .check(
      z.minLength(1, 'Invite at least one person'),
      z.maxLength(100),
      z.refine(uniqueEmails, 'Each email once'),
    ),
  role: z._default(conferenceRole, 'attendee'),
  group: z._default(z.nullable(attendeeGroup), null),
  networking: z._default(networkingAccess, 'all'),
});
export type InviteAttendeesInput = z.infer<typeof inviteAttendeesInput>;

export const inviteOutcome = z.enum(['invited', 'already-invited', 'suppressed', 'failed']);
export const inviteResult = z.object({
  items: z.array(z.object({ email: z.string(), outcome: inviteOutcome, attendeeId: z.nullable(id) })),
  invited: z.number().check(z.int()),
});

const searchQuery = singleLineText(100).check(z.toLowerCase());

/** The attendee list's filters; the same filters pick the attendees of a mass update. */
export const attendeeFilter = z.strictObject({
  status: z.optional(attendeeStatus),
  role: z.optional(conferenceRole),
  group: z.optional(attendeeGroup),
  networking: z.optional(networkingAccess),
  q: z.optional(searchQuery),
});
export type AttendeeFilter = z.infer<typeof attendeeFilter>;

export const listAttendeesQuery = z.extend(attendeeFilter, {
  cursor: z.optional(cursor),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 50),
});
export type ListAttendeesQuery = z.infer<typeof listAttendeesQuery>;

export const attendeePage = z.object({ items: z.array(attendeeView), nextCursor: z.nullable(z.string()) });

export const updateAttendeeInput = z
  .strictObject({
    version: z.number().check(z.int(), z.gte(1)),
    name: z.optional(requiredSingleLineText(120)),
    role: z.optional(conferenceRole),
    group: z.optional(z.nullable(attendeeGroup)),
    networking: z.optional(networkingAccess),
  })
  .check(z.refine((value) => Object.keys(value).length > 1, 'Nothing to change'));
export type UpdateAttendeeInput = z.infer<typeof updateAttendeeInput>;

/** What a mass update sets: revoking, networking access or the group (`null` takes it away). */
export const massChange = z
  .strictObject({
    status: z.optional(z.literal('revoked')),
    networking: z.optional(networkingAccess),
    group: z.optional(z.nullable(attendeeGroup)),
  })
  .check(z.refine((value) => Object.keys(value).length > 0, 'Choose something to change'));
export type MassChange = z.infer<typeof massChange>;

/** Most attendees one mass-update request touches; a filter's larger result continues by `cursor`. */
export const massUpdateBatch = 100;

export const massUpdateInput = z.strictObject({
  change: massChange,
  target: z.union([
    z.strictObject({
      ids: z.array(id).check(
        z.minLength(1),
        z.maxLength(massUpdateBatch),
        z.refine((ids) => new Set(ids).size === ids.length, 'Each attendee once'),
      ),
    }),
    z.strictObject({ filter: attendeeFilter, cursor: z.optional(cursor) }),
  ]),
});
export type MassUpdateInput = z.infer<typeof massUpdateInput>;

export const massUpdateSummary = z.object({
  matched: z.number().check(z.int()),
  updated: z.number().check(z.int()),
  unchanged: z.number().check(z.int()),
  /** Ids of the selection that are not (or no longer) attendees of this conference. */
  missing: z.array(id),
  /** For a filter: where the next batch starts; null when the filter's result is done. */
  nextCursor: z.nullable(z.string()),
});
export type MassUpdateSummary = z.infer<typeof massUpdateSummary>;

export const exportAttendeesQuery = z.extend(attendeeFilter, { cursor: z.optional(cursor) });

// The invitation page --------------------------------------------------------------------------------

export const invitationTokenParams = z.strictObject({
  token: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)),
});

export const conferenceInvitationView = z.object({
  email: z.string(),
  name: z.string(),
  role: conferenceRole,
  status: attendeeStatus,
  conference: z.object({
    orgId: id,
    id,
    name: z.string(),
    startDate: z.string(),
    endDate: z.string(),
    timeZone: z.string(),
  }),
  organizationName: z.string(),
  registrationFields: z.array(registrationField),
  /** Whether a Portico account has this email: then the person signs in to accept. */
  hasAccount: z.boolean(),
});

const acceptToken = z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/, 'Not a valid invitation link'));

export const acceptConferenceInvitationInput = z.strictObject({
  token: acceptToken,
  answers: z._default(registrationAnswers, {}),
});

export const registerForConferenceInput = z.strictObject({
  token: acceptToken,
  name: requiredSingleLineText(120),
  password,
  answers: z._default(registrationAnswers, {}),
});

export const acceptedInvitationView = z.object({ orgId: id, conferenceId: id, attendee: attendeeView });

// Routes -----------------------------------------------------------------------------------------------

const one = '/api/orgs/{orgId}/conferences/{conferenceId}' as const;
const registration = `${one}/registrations/{attendeeId}` as const;

export const attendeeRoutes = {
  listRegistrations: defineRoute({
    method: 'GET',
    path: `${one}/registrations`,
    name: 'list-registrations',
    access: 'conference-organizer',
    summary: 'Attendees and invitations, filtered and searched, a page at a time',
    query: listAttendeesQuery,
    response: attendeePage,
  }),
  inviteAttendees: defineRoute({
    method: 'POST',
    path: `${one}/registrations`,
    name: 'invite-attendees',
    access: 'conference-organizer',
    summary: 'Invite one or many people by email; each gets a link to register',
    body: inviteAttendeesInput,
    response: inviteResult,
    maxBodyBytes: 64 * 1024,
  }),
  updateRegistration: defineRoute({
    method: 'PATCH',
    path: registration,
    name: 'update-registration',
    access: 'conference-organizer',
    summary: "Change one attendee's name, role, group or networking access (version-checked)",
    body: updateAttendeeInput,
    response: attendeeView,
  }),
  resendInvitation: defineRoute({
    method: 'POST',
    path: `${registration}/resend`,
    name: 'resend-conference-invitation',
    access: 'conference-organizer',
    summary: 'Send the invitation again with a new link (the old link stops working); rate-limited',
    response: attendeeView,
  }),
  revokeInvitation: defineRoute({
    method: 'POST',
    path: `${registration}/revoke`,
    name: 'revoke-conference-invitation',
    access: 'conference-organizer',
    summary: 'Revoke an invitation or registration: the link stops working and the role is taken away',
    response: attendeeView,
  }),
  massUpdateRegistrations: defineRoute({
    method: 'POST',
    path: `${one}/registrations/mass-update`,
    name: 'mass-update-registrations',
    access: 'conference-organizer',
    summary: 'Revoke, or set networking access or group, for a selection or a filter result, in batches',
    body: massUpdateInput,
    response: massUpdateSummary,
  }),
  exportRegistrations: defineRoute({
    method: 'GET',
    path: `${one}/registrations/export`,
    name: 'export-registrations',
    access: 'conference-organizer',
    summary: 'The attendee list as CSV (with registration answers), in parts continued by x-next-cursor',
    query: exportAttendeesQuery,
  }),
  getConferenceInvitation: defineRoute({
    method: 'GET',
    path: '/api/public/conference-invitations/{token}',
    name: 'get-conference-invitation',
    access: 'public',
    summary: 'What a conference invitation link is for, with the registration questions',
    params: invitationTokenParams,
    response: conferenceInvitationView,
  }),
  registerForConference: defineRoute({
    method: 'POST',
    path: '/api/public/conference-invitations/register',
    name: 'register-for-conference',
    access: 'public',
    summary: 'Accept an invitation as a new person: a guest account, the answers, then signed in',
    body: registerForConferenceInput,
    response: sessionView,
  }),
  acceptConferenceInvitation: defineRoute({
    method: 'POST',
    path: '/api/conference-invitations/accept',
    name: 'accept-conference-invitation',
    access: 'user',
    summary: 'Accept an invitation to your own email address while signed in, with the answers',
    body: acceptConferenceInvitationInput,
    response: acceptedInvitationView,
  }),
} as const;
