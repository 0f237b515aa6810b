import { messageText, catchUpResult as roomCatchUpResult } from '../chat/contracts';
import { conferenceRole } from '../conferences/contracts';
import { cursor, id, page, pageQuery } from '../http/contracts';
import { defineRoute } from '../http/route';
import { multiLineText, singleLineText, webUrl } from '../http/text';
import { email } from '../identity/contracts';
import { defineAction } from '../realtime/contracts';
import * as z from '../schema/zod';

/**
 * Networking inside one conference: each attendee's card and directory opt-in, connection requests,
 * blocks and direct messages. Everything is per conference; who may meet whom follows the attendee's
 * networking access (`all`, `groups`, `none`) and the conference's `networking` toggle.
 */

/** Most unanswered requests a person may have out at once in one conference. */
export const maxPendingRequests = 50;

/**
 * Direct messages per sender over all their conversations, so spreading messages over many people sends
 * no more: a burst of ten, then one a second on average.
 */
export const directMessageLimit = { messages: 10, windowSeconds: 10 };

export const linkStates = ['incoming', 'outgoing', 'connected'] as const;
export const linkState = z.enum(linkStates);
export type LinkState = z.infer<typeof linkState>;

const phone = singleLineText(40).check(
  z.refine((value) => /^[+\d\s().-]*$/.test(value), 'Digits, spaces, + ( ) - . only'),
);

/** What a person writes on their card; contact details show only to their connections. Omitted fields stay. */
export const profileInput = z.strictObject({
  /** Opt-in: only listed people appear in the directory and can be found. */
  listed: z.optional(z.boolean()),
  company: z.optional(singleLineText(120)),
  title: z.optional(singleLineText(120)),
  bio: z.optional(multiLineText(1000)),
  /** Out of the organization's focus topics. */
  interests: z.optional(z.array(singleLineText(60)).check(z.maxLength(20))),
  contactEmail: z.optional(z.union([email, z.literal('')])),
  phone: z.optional(phone),
  website: z.optional(z.nullable(webUrl())),
});
export type ProfileInput = z.infer<typeof profileInput>;

export const contactView = z.object({
  email: z.string(),
  phone: z.string(),
  website: z.nullable(z.string()),
});

/** A person as others see them: a directory card. */
export const cardView = z.object({
  userId: id,
  name: z.string(),
  role: conferenceRole,
  company: z.string(),
  title: z.string(),
  bio: z.string(),
  interests: z.array(z.string()),
  /** The viewer's link with them, from the viewer's side. */
  link: z.nullable(linkState),
});
export type CardView = z.infer<typeof cardView>;

/** One person's card, with their contact details once the two are connected. */
export const personView = z.extend(cardView, { contact: z.nullable(contactView) });
export type PersonView = z.infer<typeof personView>;

export const myProfileView = z.object({
  listed: z.boolean(),
  company: z.string(),
  title: z.string(),
  bio: z.string(),
  interests: z.array(z.string()),
  contactEmail: z.string(),
  phone: z.string(),
  website: z.nullable(z.string()),
  /** What the organizers set for the caller. */
  networking: z.enum(['all', 'groups', 'none']),
  group: z.nullable(z.string()),
  /** The organization's focus topics, to pick interests from. */
  availableInterests: z.array(z.string()),
  /** Whether the conference's networking is on. */
  enabled: z.boolean(),
  /** Whether the organizers let people message without being connected. */
  messagesWithoutConnection: z.boolean(),
});
export type MyProfileView = z.infer<typeof myProfileView>;

export const linkView = z.object({
  userId: id,
  name: z.string(),
  state: linkState,
  /** The requester's note. */
  note: z.string(),
  updatedAt: z.string(),
});
export type LinkView = z.infer<typeof linkView>;

export const blockView = z.object({ userId: id, name: z.string(), blockedAt: z.string() });

export const directMessageView = z.object({
  id,
  authorId: id,
  authorName: z.string(),
  recipientId: id,
  text: z.string(),
  createdAt: z.string(),
});
export type DirectMessageView = z.infer<typeof directMessageView>;

export const conversationView = z.object({
  userId: id,
  name: z.string(),
  lastMessageAt: z.string(),
  lastText: z.string(),
  unread: z.number().check(z.int(), z.nonnegative()),
  /** The other person's presence in this event's organization, from their heartbeats; read, never pushed. */
  presence: z.enum(['online', 'away', 'offline']),
});
export type ConversationView = z.infer<typeof conversationView>;

export const networkingSettings = z.strictObject({ messagesWithoutConnection: z.boolean() });
export type NetworkingSettings = z.infer<typeof networkingSettings>;

const conferenceParams = z.strictObject({ orgId: id, conferenceId: id });
const personParams = z.extend(conferenceParams, { userId: id });
const base = '/api/orgs/{orgId}/conferences/{conferenceId}/networking' as const;

export const networkingRoutes = {
  getProfile: defineRoute({
    method: 'GET',
    path: `${base}/profile`,
    name: 'get-networking-profile',
    access: 'conference-member',
    summary: 'The caller’s own card, directory opt-in and contact details, with the interests to choose from',
    params: conferenceParams,
    response: myProfileView,
  }),
  saveProfile: defineRoute({
    method: 'PUT',
    path: `${base}/profile`,
    name: 'save-networking-profile',
    access: 'conference-member',
    summary: 'Saves the caller’s card; `listed` opts into the directory',
    params: conferenceParams,
    body: profileInput,
    response: myProfileView,
  }),
  directory: defineRoute({
    method: 'GET',
    path: `${base}/directory`,
    name: 'list-networking-directory',
    access: 'conference-member',
    summary:
      'Listed people the caller may meet, by name; search by name or company, filter by interest and role',
    params: conferenceParams,
    query: z.extend(pageQuery, {
      limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(25)), 25),
      q: z.optional(singleLineText(100).check(z.toLowerCase())),
      interest: z.optional(singleLineText(60)),
      role: z.optional(conferenceRole),
    }),
    response: page(cardView),
  }),
  getPerson: defineRoute({
    method: 'GET',
    path: `${base}/people/{userId}`,
    name: 'get-networking-person',
    access: 'conference-member',
    summary: 'One person’s card; contact details once connected',
    params: personParams,
    response: personView,
  }),
  listLinks: defineRoute({
    method: 'GET',
    path: `${base}/links`,
    name: 'list-networking-links',
    access: 'conference-member',
    summary: 'Incoming or outgoing requests, or connections, newest first',
    params: conferenceParams,
    query: z.extend(pageQuery, { state: linkState }),
    response: page(linkView),
  }),
  sendRequest: defineRoute({
    method: 'POST',
    path: `${base}/requests`,
    name: 'send-connection-request',
    access: 'conference-member',
    summary: `Asks someone to connect, with a note; at most ${maxPendingRequests} unanswered at once (429)`,
    params: conferenceParams,
    body: z.strictObject({ userId: id, note: z._default(multiLineText(500), '') }),
    response: linkView,
    status: 201,
  }),
  acceptRequest: defineRoute({
    method: 'POST',
    path: `${base}/requests/{userId}/accept`,
    name: 'accept-connection-request',
    access: 'conference-member',
    summary: 'Accepts their request: both become connections and see each other’s contact details',
    params: personParams,
    response: linkView,
  }),
  declineRequest: defineRoute({
    method: 'POST',
    path: `${base}/requests/{userId}/decline`,
    name: 'decline-connection-request',
    access: 'conference-member',
    summary: 'Declines their request',
    params: personParams,
  }),
  withdrawRequest: defineRoute({
    method: 'DELETE',
    path: `${base}/requests/{userId}`,
    name: 'withdraw-connection-request',
    access: 'conference-member',
    summary: 'Withdraws the caller’s unanswered request',
    params: personParams,
  }),
  listBlocks: defineRoute({
    method: 'GET',
    path: `${base}/blocks`,
    name: 'list-networking-blocks',
    access: 'conference-member',
    summary: 'People the caller blocked',
    params: conferenceParams,
    query: pageQuery,
    response: page(blockView),
  }),
  block: defineRoute({
    method: 'POST',
    path: `${base}/blocks`,
    name: 'block-person',
    access: 'conference-member',
    summary: 'Blocks someone: ends requests and messages between the two, and each disappears for the other',
    params: conferenceParams,
    body: z.strictObject({ userId: id }),
  }),
  unblock: defineRoute({
    method: 'DELETE',
    path: `${base}/blocks/{userId}`,
    name: 'unblock-person',
    access: 'conference-member',
    summary: 'Lifts a block (no connection comes back)',
    params: personParams,
  }),
  listConversations: defineRoute({
    method: 'GET',
    path: `${base}/conversations`,
    name: 'list-conversations',
    access: 'conference-member',
    summary: 'The caller’s direct conversations, latest first, with unread counts',
    params: conferenceParams,
    query: pageQuery,
    response: page(conversationView),
  }),
  listDirectMessages: defineRoute({
    method: 'GET',
    path: `${base}/conversations/{userId}/messages`,
    name: 'list-direct-messages',
    access: 'conference-member',
    summary: 'A conversation’s history, newest first, paged backwards with an opaque cursor',
    params: personParams,
    query: z.strictObject({
      cursor: z.optional(cursor),
      limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 50),
    }),
    response: page(directMessageView),
  }),
  getSettings: defineRoute({
    method: 'GET',
    path: `${base}/settings`,
    name: 'get-networking-settings',
    access: 'conference-member',
    summary: 'The conference’s networking settings',
    params: conferenceParams,
    response: networkingSettings,
  }),
  saveSettings: defineRoute({
    method: 'PUT',
    path: `${base}/settings`,
    name: 'save-networking-settings',
    access: 'conference-organizer',
    summary: 'Organizers: whether attendees may message people they are not connected with',
    params: conferenceParams,
    body: networkingSettings,
    response: networkingSettings,
  }),
} as const;

const conferenceRef = { orgId: id, conferenceId: id };

export const directMessageActions = {
  subscribe: defineAction(
    'dm.subscribe',
    'Subscribes this connection to the caller’s direct messages and requests in one conference',
    conferenceRef,
    z.object({ unread: z.number().check(z.int(), z.nonnegative()) }),
  ),
  send: defineAction(
    'dm.send',
    'Sends a direct message; delivered to both people’s connections as dm.message',
    { ...conferenceRef, to: id, text: messageText },
    directMessageView,
  ),
  read: defineAction(
    'dm.read',
    'Marks the conversation with someone read',
    { ...conferenceRef, with: id },
    z.object({ unread: z.literal(0) }),
  ),
  catchUp: defineAction(
    'dm.catch-up',
    'Messages of a conversation after the last one this client saw, oldest first; `more` when cut short',
    {
      ...conferenceRef,
      with: id,
      after: id,
      limit: z._default(z.number().check(z.int(), z.gte(1), z.lte(100)), 50),
    },
    z.extend(roomCatchUpResult, { messages: z.array(directMessageView) }),
  ),
} as const;

/** What the server pushes to a person's connections subscribed to a conference. */
export const networkingFrames = {
  message: z.object({
    type: z.literal('dm.message'),
    orgId: id,
    conferenceId: id,
    message: directMessageView,
  }),
  /** Someone asked to connect, or accepted the caller's request. */
  link: z.object({ type: z.literal('networking.link'), orgId: id, conferenceId: id, link: linkView }),
};
export const networkingFrame = z.discriminatedUnion('type', [
  networkingFrames.message,
  networkingFrames.link,
]);
export type NetworkingFrame = z.infer<typeof networkingFrame>;
