import { id } from '../http/contracts';
import { defineRoute } from '../http/route';
import { multiLineText, requiredSingleLineText, singleLineText } from '../http/text';
import { email } from '../identity/contracts';
import { timeZone } from '../organizations/contracts';
import * as z from '../schema/zod';
import { agendaItemView, streamState } from './agenda-item-view';
import { sponsorShowcase } from './sponsor-contracts';
import { normalizeStreamUrl, StreamUrlError } from './stream';

/**
 * The event platform: conferences (an "Event" to people), their agenda items ("Sessions"), speakers and
 * per-conference roles. Every path names the organization and the conference; the route policy checks the
 * caller's role in that conference (`conference-member`, `conference-organizer`) before a handler runs.
 */

export const conferenceRoles = ['organizer', 'speaker', 'attendee'] as const;
export const conferenceRole = z.enum(conferenceRoles);
export type ConferenceRole = z.infer<typeof conferenceRole>;

/** How the caller relates to a conference, as the policy decided it. */
export const accessRole = z.enum(['organizer', 'speaker', 'attendee', 'member']);
export type AccessRole = z.infer<typeof accessRole>;

const isRealDate = (value: string) => {
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

export const conferenceDate = z
  .string()
  .check(
    z.regex(/^\d{4}-\d{2}-\d{2}$/, 'Must be a date YYYY-MM-DD'),
    z.refine(isRealDate, 'Must be a date that exists'),
  );

/** Wall-clock time in the conference's zone, to the minute. */
export const wallTime = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'Must be a time like 2027-03-04T09:30 in the event’s zone'),
  z.refine(
    (value) =>
      isRealDate(value.slice(0, 10)) && Number(value.slice(11, 13)) < 24 && Number(value.slice(14, 16)) < 60,
    'Must be a time that exists',
  ),
);

const hexColour = z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, 'Must be a colour such as #1a73e8'));

const httpsLink = z.string().check(
  z.trim(),
  z.maxLength(2048),
  z.refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' && !url.username && !url.password;
    } catch {
      return false;
    }
  }, 'Must be an https link without credentials'),
);

export const venue = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('in-person'),
    name: requiredSingleLineText(200),
    address: z._default(singleLineText(300), ''),
  }),
  z.strictObject({ kind: z.literal('virtual'), url: z.nullable(httpsLink) }),
]);

export const conferenceBranding = z.strictObject({ primaryColor: hexColour, accentColor: hexColour });
export const privacy = z.enum(['public', 'unlisted', 'invitation-only']);
export const features = z.strictObject({ networking: z.boolean(), chat: z.boolean() });

const fieldKey = z.string().check(z.regex(/^[a-z][a-z0-9_]{0,39}$/, 'Lowercase letters, digits and _; 1–40'));

/** Extra questions the registration form asks, as a small typed schema. */
export const registrationField = z.discriminatedUnion('type', [
  z.strictObject({
    key: fieldKey,
    type: z.literal('text'),
    label: requiredSingleLineText(120),
    required: z.boolean(),
  }),
  z.strictObject({
    key: fieldKey,
    type: z.literal('select'),
    label: requiredSingleLineText(120),
    required: z.boolean(),
    options: z.array(requiredSingleLineText(80)).check(
      z.minLength(1, 'Give at least one option'),
      z.maxLength(30),
      z.refine((options) => new Set(options).size === options.length, 'Each option once'),
    ),
  }),
  z.strictObject({
    key: fieldKey,
    type: z.literal('checkbox'),
    label: requiredSingleLineText(200),
    required: z.boolean(),
  }),
]);

const registrationFields = z.array(registrationField).check(
  z.maxLength(20),
  z.refine((fields) => new Set(fields.map((f) => f.key)).size === fields.length, 'Each key once'),
);

const conferenceFields = {
  name: requiredSingleLineText(160),
  description: multiLineText(5000),
  startDate: conferenceDate,
  endDate: conferenceDate,
  timeZone,
  venue,
  branding: conferenceBranding,
  privacy,
  features,
  registrationFields,
  /** Minutes before its start that an agenda item's stream goes live by itself. */
  liveLeadMinutes: z.number().check(z.int(), z.gte(0), z.lte(60)),
};

const datesInOrder = (value: { startDate?: string; endDate?: string }) =>
  !value.startDate || !value.endDate || value.startDate <= value.endDate;
const endDateIssue = { path: ['endDate'], message: 'Must not be before the start date' };
/** Long enough for a festival, short enough that an agenda stays one partition's worth. */
const maxDays = 31;
const spanWithin = (value: { startDate?: string; endDate?: string }) =>
  !value.startDate ||
  !value.endDate ||
  Date.parse(value.endDate) - Date.parse(value.startDate) < maxDays * 86_400_000;
const spanIssue = { path: ['endDate'], message: `An event lasts at most ${maxDays} days` };

export const createConferenceInput = z
  .strictObject({
    ...conferenceFields,
    description: z._default(conferenceFields.description, ''),
    venue: z._default(conferenceFields.venue, { kind: 'virtual', url: null }),
    branding: z._default(conferenceFields.branding, { primaryColor: '#3b5bdb', accentColor: '#f08c00' }),
    privacy: z._default(conferenceFields.privacy, 'invitation-only'),
    features: z._default(conferenceFields.features, { networking: true, chat: true }),
    registrationFields: z._default(conferenceFields.registrationFields, []),
    liveLeadMinutes: z._default(conferenceFields.liveLeadMinutes, 5),
  })
  .check(z.refine(datesInOrder, endDateIssue), z.refine(spanWithin, spanIssue));
export type CreateConferenceInput = z.infer<typeof createConferenceInput>;

export const updateConferenceInput = z
  .extend(z.partial(z.strictObject(conferenceFields)), { version: z.number().check(z.int(), z.gte(1)) })
  .check(z.refine(datesInOrder, endDateIssue), z.refine(spanWithin, spanIssue));
export type UpdateConferenceInput = z.infer<typeof updateConferenceInput>;

export const conferenceView = z.object({
  id,
  orgId: id,
  name: z.string(),
  description: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  timeZone: z.string(),
  venue,
  branding: conferenceBranding,
  privacy,
  features,
  registrationFields: z.array(registrationField),
  liveLeadMinutes: z.number().check(z.int()),
  /** The uploaded logo's same-origin link (`image-contracts.ts`), or none. */
  logoUrl: z.nullable(z.string()),
  status: z.enum(['active', 'archived']),
  version: z.number().check(z.int()),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The caller's relation to it: organizers may edit, the rest only read. */
  myRole: accessRole,
});
export type ConferenceView = z.infer<typeof conferenceView>;

export const conferenceSummary = z.pick(conferenceView, {
  id: true,
  orgId: true,
  name: true,
  startDate: true,
  endDate: true,
  timeZone: true,
  privacy: true,
  status: true,
});
export const conferenceList = z.object({ items: z.array(conferenceSummary) });
export const myConferenceList = z.object({
  items: z.array(z.extend(conferenceSummary, { myRole: accessRole, organizationName: z.string() })),
});

// Roster -----------------------------------------------------------------------------------------------

export const addAttendeeInput = z.strictObject({
  email,
  name: requiredSingleLineText(120),
  role: z._default(z.enum(['attendee', 'organizer']), 'attendee'),
});
export const attendeeView = z.object({
  userId: id,
  email: z.string(),
  name: z.string(),
  role: conferenceRole,
  addedAt: z.string(),
  /** Whether an invitation email went out (the person had no account yet). */
  invited: z.boolean(),
});
export const attendeeList = z.object({ items: z.array(attendeeView) });

// Agenda -----------------------------------------------------------------------------------------------

export {
  type AgendaItemView,
  agendaItemView,
  type StreamState,
  streamState,
  streamStates,
  streamView,
} from './agenda-item-view';

/** A stream link checked against the provider allow-list; the stored value is the normalized one. */
export const streamUrl = z.pipe(
  singleLineText(2048),
  z.transform((value, ctx) => {
    try {
      return normalizeStreamUrl(value);
    } catch (error) {
      if (!(error instanceof StreamUrlError)) throw error;
      ctx.issues.push({ code: 'custom', message: error.message, input: value });
      return z.NEVER;
    }
  }),
);

const agendaFields = {
  title: requiredSingleLineText(200),
  description: multiLineText(4000),
  start: wallTime,
  end: wallTime,
  track: singleLineText(60),
  room: singleLineText(60),
  speakerIds: z.array(id).check(
    z.maxLength(12),
    z.refine((ids) => new Set(ids).size === ids.length, 'Each speaker once'),
  ),
  stream: z.nullable(streamUrl),
};

const endsAfterStart = (value: { start?: string; end?: string }) =>
  !value.start || !value.end || value.start < value.end;
const endIssue = { path: ['end'], message: 'Must end after it starts' };

export const createAgendaItemInput = z
  .strictObject({
    ...agendaFields,
    description: z._default(agendaFields.description, ''),
    track: z._default(agendaFields.track, ''),
    room: z._default(agendaFields.room, ''),
    speakerIds: z._default(agendaFields.speakerIds, []),
    stream: z._default(agendaFields.stream, null),
  })
  .check(z.refine(endsAfterStart, endIssue));
export type CreateAgendaItemInput = z.infer<typeof createAgendaItemInput>;

export const updateAgendaItemInput = z
  .strictObject({
    version: z.number().check(z.int(), z.gte(1)),
    title: z.optional(agendaFields.title),
    description: z.optional(agendaFields.description),
    start: z.optional(agendaFields.start),
    end: z.optional(agendaFields.end),
    track: z.optional(agendaFields.track),
    room: z.optional(agendaFields.room),
    speakerIds: z.optional(agendaFields.speakerIds),
    stream: z.optional(agendaFields.stream),
  })
  .check(z.refine(endsAfterStart, endIssue));
export type UpdateAgendaItemInput = z.infer<typeof updateAgendaItemInput>;

export const agendaItemDetail = z.extend(agendaItemView, { description: z.string(), saved: z.boolean() });

export const overlapView = z.object({
  kind: z.enum(['speaker', 'room']),
  /** The speaker id or the room name the items share. */
  subject: z.string(),
  itemIds: z.tuple([id, id]),
});

/** Links a speaker may list (a website, profiles); the form offers no more rows than this. */
export const maxSpeakerLinks = 8;

/** A speaker's whole list of links: created with it and replaced as a whole by an edit. */
export const speakerLinks = z
  .array(z.strictObject({ label: requiredSingleLineText(40), url: httpsLink }))
  .check(z.maxLength(maxSpeakerLinks, `At most ${maxSpeakerLinks} links`));

/** What anyone who may see the agenda reads about a speaker. */
export const publicSpeakerView = z.object({
  id,
  name: z.string(),
  title: z.string(),
  company: z.string(),
  bio: z.string(),
  photoUrl: z.nullable(z.string()),
  links: z.array(z.object({ label: z.string(), url: z.string() })),
});
/** Organizers also read contact details and who the speaker is in Portico. */
export const speakerView = z.extend(publicSpeakerView, {
  email: z.nullable(z.string()),
  phone: z.nullable(z.string()),
  userId: z.nullable(id),
  version: z.number().check(z.int()),
});
export type SpeakerView = z.infer<typeof speakerView>;

export const agendaView = z.object({
  conference: conferenceView,
  items: z.array(agendaItemView),
  speakers: z.array(z.union([speakerView, publicSpeakerView])),
  overlaps: z.array(overlapView),
  savedItemIds: z.array(id),
});
export type AgendaView = z.infer<typeof agendaView>;

export const liveStateView = z.object({
  version: z.number().check(z.int()),
  states: z.record(z.string(), streamState),
});

export const setStreamStateInput = z.strictObject({
  state: streamState,
  /** Replaces the embed with the recording; required for `recording`. */
  recordingUrl: z.optional(streamUrl),
});

export const versionQuery = z.strictObject({ version: z.coerce.number().check(z.int(), z.gte(1)) });

// Speakers ---------------------------------------------------------------------------------------------

const phone = z.string().check(
  z.trim(),
  z.maxLength(40),
  z.refine((value) => value === '' || /^\+?[\d\s().-]{7,40}$/.test(value), 'A phone number'),
);

const speakerFields = {
  name: requiredSingleLineText(120),
  title: singleLineText(120),
  company: singleLineText(120),
  bio: multiLineText(3000),
  links: speakerLinks,
  email: z.nullable(email),
  phone: z.nullable(phone),
};

export const createSpeakerInput = z.strictObject({
  ...speakerFields,
  title: z._default(speakerFields.title, ''),
  company: z._default(speakerFields.company, ''),
  bio: z._default(speakerFields.bio, ''),
  links: z._default(speakerFields.links, []),
  email: z._default(speakerFields.email, null),
  phone: z._default(speakerFields.phone, null),
  /** Link an existing Portico user by email, or invite the speaker (with `email`) to sign in. */
  invite: z._default(z.boolean(), false),
});
export type CreateSpeakerInput = z.infer<typeof createSpeakerInput>;

export const updateSpeakerInput = z.strictObject({
  version: z.number().check(z.int(), z.gte(1)),
  name: z.optional(speakerFields.name),
  title: z.optional(speakerFields.title),
  company: z.optional(speakerFields.company),
  bio: z.optional(speakerFields.bio),
  links: z.optional(speakerFields.links),
  email: z.optional(speakerFields.email),
  phone: z.optional(speakerFields.phone),
});
export type UpdateSpeakerInput = z.infer<typeof updateSpeakerInput>;

export const speakerList = z.object({ items: z.array(z.union([speakerView, publicSpeakerView])) });
export const speakingHistory = z.object({
  items: z.array(
    z.object({ conferenceId: id, conferenceName: z.string(), startDate: z.string(), speakerId: id }),
  ),
});

// Calendar ---------------------------------------------------------------------------------------------

export const calendarFeedView = z.object({ url: z.string() });
export const feedTokenParams = z.strictObject({ token: z.string().check(z.regex(/^[A-Za-z0-9_-]{43}$/)) });

// Public page ------------------------------------------------------------------------------------------

export const publicConferenceView = z.object({
  conference: z.omit(conferenceView, { myRole: true, version: true, registrationFields: true }),
  items: z.array(z.omit(agendaItemView, { version: true, notes: true })),
  speakers: z.array(publicSpeakerView),
  /** Sponsors by tier, most prominent tier first. */
  sponsorTiers: sponsorShowcase,
});

// Routes -----------------------------------------------------------------------------------------------

const base = '/api/orgs/{orgId}/conferences' as const;
const one = `${base}/{conferenceId}` as const;
const item = `${one}/agenda/{itemId}` as const;
const speaker = `${one}/speakers/{speakerId}` as const;

export const conferenceRoutes = {
  myConferences: defineRoute({
    method: 'GET',
    path: '/api/me/conferences',
    name: 'list-my-conferences',
    access: 'user',
    summary: 'Conferences the signed-in user organizes, speaks at or attends, across organizations',
    response: myConferenceList,
  }),
  listConferences: defineRoute({
    method: 'GET',
    path: base,
    name: 'list-conferences',
    access: 'org-member',
    summary: "The organization's conferences, by start date",
    response: conferenceList,
  }),
  createConference: defineRoute({
    method: 'POST',
    path: base,
    name: 'create-conference',
    access: 'org-owner',
    summary: 'Create a conference',
    body: createConferenceInput,
    response: conferenceView,
    status: 201,
  }),
  getConference: defineRoute({
    method: 'GET',
    path: one,
    name: 'get-conference',
    access: 'conference-member',
    summary: 'One conference, with the caller’s role in it',
    response: conferenceView,
  }),
  updateConference: defineRoute({
    method: 'PATCH',
    path: one,
    name: 'update-conference',
    access: 'conference-organizer',
    summary: 'Change a conference (version-checked: a stale version answers 409)',
    body: updateConferenceInput,
    response: conferenceView,
  }),
  archiveConference: defineRoute({
    method: 'POST',
    path: `${one}/archive`,
    name: 'archive-conference',
    access: 'conference-organizer',
    summary: 'Archive a conference: it stays readable, nothing more goes live',
    response: conferenceView,
  }),
  listAttendees: defineRoute({
    method: 'GET',
    path: `${one}/attendees`,
    name: 'list-attendees',
    access: 'conference-organizer',
    summary: 'Who has a role in the conference',
    response: attendeeList,
  }),
  addAttendee: defineRoute({
    method: 'POST',
    path: `${one}/attendees`,
    name: 'add-attendee',
    access: 'conference-organizer',
    summary: 'Give a person (existing or invited by email) a role in the conference',
    body: addAttendeeInput,
    response: attendeeView,
    status: 201,
  }),
  removeAttendee: defineRoute({
    method: 'DELETE',
    path: `${one}/attendees/{attendeeId}`,
    name: 'remove-attendee',
    access: 'conference-organizer',
    summary: "Take a person's role in the conference away",
  }),
  getAgenda: defineRoute({
    method: 'GET',
    path: `${one}/agenda`,
    name: 'get-agenda',
    access: 'conference-member',
    summary: 'The whole agenda with speakers, overlaps and stream states (one query)',
    response: agendaView,
  }),
  createAgendaItem: defineRoute({
    method: 'POST',
    path: `${one}/agenda`,
    name: 'create-agenda-item',
    access: 'conference-organizer',
    summary: 'Add a session; times are wall times in the conference’s zone',
    body: createAgendaItemInput,
    response: agendaItemDetail,
    status: 201,
  }),
  getAgendaItem: defineRoute({
    method: 'GET',
    path: item,
    name: 'get-agenda-item',
    access: 'conference-member',
    summary: 'One session with its description',
    response: agendaItemDetail,
  }),
  updateAgendaItem: defineRoute({
    method: 'PATCH',
    path: item,
    name: 'update-agenda-item',
    access: 'conference-organizer',
    summary: 'Change or move a session (version-checked); moving it moves its going-live moments',
    body: updateAgendaItemInput,
    response: agendaItemDetail,
  }),
  deleteAgendaItem: defineRoute({
    method: 'DELETE',
    path: item,
    name: 'delete-agenda-item',
    access: 'conference-organizer',
    summary: 'Remove a session (version-checked)',
    query: versionQuery,
  }),
  setStreamState: defineRoute({
    method: 'PUT',
    path: `${item}/stream-state`,
    name: 'set-stream-state',
    access: 'conference-organizer',
    summary: 'Override a session’s stream state, or swap its embed for a recording',
    body: setStreamStateInput,
    response: agendaItemDetail,
  }),
  liveState: defineRoute({
    method: 'GET',
    path: `${one}/live`,
    name: 'get-live-state',
    access: 'conference-member',
    summary: 'Stream state of every session; send If-None-Match to get 304 while nothing changed',
    response: liveStateView,
  }),
  saveAgendaItem: defineRoute({
    method: 'PUT',
    path: `${item}/saved`,
    name: 'save-agenda-item',
    access: 'conference-member',
    summary: 'Put a session on my agenda',
  }),
  unsaveAgendaItem: defineRoute({
    method: 'DELETE',
    path: `${item}/saved`,
    name: 'unsave-agenda-item',
    access: 'conference-member',
    summary: 'Take a session off my agenda',
  }),
  agendaItemCalendar: defineRoute({
    method: 'GET',
    path: `${item}/calendar`,
    name: 'get-agenda-item-calendar',
    access: 'conference-member',
    summary: 'The session as an iCalendar (.ics) file',
  }),
  createCalendarFeed: defineRoute({
    method: 'POST',
    path: `${one}/calendar-feed`,
    name: 'create-calendar-feed',
    access: 'conference-member',
    summary: 'A private calendar feed of my saved sessions (a new link revokes the old one)',
    response: calendarFeedView,
    status: 201,
  }),
  revokeCalendarFeed: defineRoute({
    method: 'DELETE',
    path: `${one}/calendar-feed`,
    name: 'revoke-calendar-feed',
    access: 'conference-member',
    summary: 'Revoke my calendar feed link',
  }),
  calendarFeed: defineRoute({
    method: 'GET',
    path: '/api/public/calendar-feeds/{token}',
    name: 'get-calendar-feed',
    access: 'public',
    summary: 'A private calendar feed (iCalendar) of one person’s saved sessions',
    params: feedTokenParams,
  }),
  listSpeakers: defineRoute({
    method: 'GET',
    path: `${one}/speakers`,
    name: 'list-speakers',
    access: 'conference-member',
    summary: 'The conference’s speakers (contact details for organizers only)',
    response: speakerList,
  }),
  createSpeaker: defineRoute({
    method: 'POST',
    path: `${one}/speakers`,
    name: 'create-speaker',
    access: 'conference-organizer',
    summary: 'Add a speaker; with `invite`, link their Portico account or invite them by email',
    body: createSpeakerInput,
    response: speakerView,
    status: 201,
  }),
  updateSpeaker: defineRoute({
    method: 'PATCH',
    path: speaker,
    name: 'update-speaker',
    access: 'conference-organizer',
    summary: 'Change a speaker’s profile (version-checked)',
    body: updateSpeakerInput,
    response: speakerView,
  }),
  speakingHistory: defineRoute({
    method: 'GET',
    path: `${speaker}/history`,
    name: 'get-speaking-history',
    access: 'conference-organizer',
    summary: "Where this person spoke across the organization's conferences",
    response: speakingHistory,
  }),
  publicConference: defineRoute({
    method: 'GET',
    path: '/api/public/orgs/{orgId}/conferences/{conferenceId}',
    name: 'get-public-conference',
    access: 'public',
    summary: 'The public page of a public or unlisted conference: agenda and speakers',
    response: publicConferenceView,
  }),
} as const;
