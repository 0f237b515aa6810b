import { monotonicFactory } from 'ulid';
import type { Principal } from '../auth/policy';
import { hashOpaqueToken, newOpaqueToken } from '../auth/tokens';
import { ttlIn } from '../db/ttl';
import { appLink } from '../email/links';
import { renderEmail } from '../email/render';
import { sendEmail } from '../email/send';
import { outboxPut } from '../events/outbox';
import { ConflictError, ForbiddenError, NotFoundError, TooManyRequestsError } from '../http/errors';
import { findUserIdByEmail, getUser, registerGuest } from '../identity';
import { logger } from '../observability/logger';
import { getOrganization } from '../organizations';
import type { InviteAttendeesInput, RegistrationAnswers } from './attendee-contracts';
import type { AttendeeItem, Invitees } from './attendee-repository';
import * as attendees from './attendee-repository';
import type { ConferenceItem } from './model';
import { validateAnswers } from './registration';
import * as repo from './repository';
import { loadConference } from './service';

/** Who sends invitations: their name signs the email, their id is recorded. */
export type Inviter = Pick<Principal, 'userId' | 'name'>;

/** Monotonic: a batch's attendees keep the order they were invited in, even within one millisecond. */
const ulid = monotonicFactory();

const linkLifetimeSeconds = 30 * 86400;
/** SES feedback arrives within days; the message → invitation record outlives that. */
const sentMessageSeconds = 14 * 86400;
/** A resend waits this long after the last send, and an invitation goes out at most `maxSends` times. */
export const resendLimits = { waitSeconds: 10 * 60, maxSends: 5 } as const;

const roleWords = { attendee: 'an attendee', speaker: 'a speaker', organizer: 'an organizer' } as const;

/** Drops the link's hash: nothing outside this module ever sees it. */
export const toAttendeeView = ({
  orgId: _o,
  conferenceId: _c,
  invitedBy: _i,
  tokenHash: _t,
  ...view
}: AttendeeItem) => view;

const newLink = () => {
  const link = newOpaqueToken();
  return {
    token: link.token,
    stored: {
      hash: link.hash,
      expiresAt: new Date(Date.now() + linkLifetimeSeconds * 1000).toISOString(),
      ttl: ttlIn(linkLifetimeSeconds),
    },
  };
};

const invitationEmail = (
  attendee: AttendeeItem,
  conference: ConferenceItem,
  organizationName: string,
  inviter: string,
  token: string,
) =>
  renderEmail(
    `${inviter} invited you to ${conference.name}`,
    [
      { kind: 'paragraph', text: `Hello ${attendee.name},` },
      {
        kind: 'paragraph',
        text: `${inviter} invited you to ${conference.name} (${organizationName}) as ${roleWords[attendee.role]}.`,
      },
      {
        kind: 'facts',
        rows: [
          [
            'When',
            conference.startDate === conference.endDate
              ? conference.startDate
              : `${conference.startDate} – ${conference.endDate}`,
          ],
          ['Time zone', conference.timeZone],
        ],
      },
      {
        kind: 'button',
        label: 'Register',
        url: appLink('conferenceInvitation', {}, { token }),
      },
      { kind: 'note', text: 'The link works for 30 days. A newer invitation replaces it.' },
    ],
    { name: conference.name, color: conference.branding.primaryColor, logoUrl: null },
  );

interface Mailing {
  readonly attendee: AttendeeItem;
  readonly token: string;
}

/**
 * SES calls in flight at once: one call is a round trip of tens of milliseconds, so a batch of 100 mailed
 * one after the other spends seconds waiting; 16 hides that latency and stays well inside the SDK's
 * 50 sockets and what SES's per-second send rate absorbs with the SDK's own retries.
 */
export const invitationSendConcurrency = 16;

/**
 * Mails each invitation and records which SES message it was, so its bounce or delivery finds it. An
 * address SES refuses is marked bounced at once, with SES's reason; the others are mailed all the same.
 */
const mailInvitations = async (
  principal: Inviter,
  conference: ConferenceItem,
  mailings: readonly Mailing[],
) => {
  const organizationName = (await getOrganization(conference.orgId))?.name ?? 'Portico';
  const sent: { messageId: string; attendee: AttendeeItem }[] = [];
  const failed: AttendeeItem[] = [];
  let next = 0;
  const worker = async () => {
    while (next < mailings.length) {
      const { attendee, token } = mailings[next++]!;
      try {
        const messageId = await sendEmail(
          [attendee.email],
          invitationEmail(attendee, conference, organizationName, principal.name, token),
        );
        if (messageId) sent.push({ messageId, attendee });
      } catch (error) {
        logger.warn('Invitation not accepted by SES', {
          attendeeId: attendee.id,
          error: (error as Error).name,
        });
        failed.push(attendee);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(invitationSendConcurrency, mailings.length) }, worker));
  await attendees.recordSentMessages(sent, ttlIn(sentMessageSeconds));
  const now = new Date().toISOString();
  for (const attendee of failed) {
    await attendees.markDelivery(
      { ...attendee, attendeeId: attendee.id },
      'bounced',
      ['sent'],
      'Could not be sent; try again later',
      now,
    );
  }
  return new Set(failed.map((attendee) => attendee.id));
};

const activeConference = async (orgId: string, conferenceId: string) => {
  const conference = await loadConference(orgId, conferenceId);
  if (conference.status !== 'active') throw new ConflictError('This event is archived');
  return conference;
};

/** A new attendee's record, as an invitation or an import creates it. */
export const draftAttendee = (
  principal: Inviter,
  conference: ConferenceItem,
  person: { email: string; name: string },
  settings: { role: AttendeeItem['role']; group: string | null; networking: AttendeeItem['networking'] },
  source: AttendeeItem['source'],
  suppressed: boolean,
  tokenHash: string | null,
): AttendeeItem => {
  const now = new Date().toISOString();
  return {
    id: ulid(),
    orgId: conference.orgId,
    conferenceId: conference.id,
    email: person.email,
    name: person.name,
    ...settings,
    status: suppressed ? 'bounced' : 'sent',
    answers: {},
    userId: null,
    source,
    invitedAt: now,
    invitedBy: principal.userId,
    lastSentAt: suppressed ? null : now,
    sendCount: suppressed ? 0 : 1,
    bounceReason: suppressed ? 'This address bounced or complained before; Portico does not mail it' : null,
    registeredAt: null,
    version: 1,
    updatedAt: now,
    tokenHash,
  };
};

type InvitationSettings = Pick<InviteAttendeesInput, 'role' | 'group' | 'networking'>;

/** A person to invite; an import's row may bring its own settings, which win over the batch's. */
export type Invitee = { readonly email: string; readonly name: string } & Partial<
  Readonly<InvitationSettings>
>;

/**
 * Creates and mails invitations for people not yet invited to the conference (matched by email), and
 * reports per person: invited, already invited, suppressed (the address bounced before, so nothing is
 * sent and the attendee starts as bounced), or failed (SES refused it).
 */
export const createInvitations = async (
  principal: Inviter,
  conference: ConferenceItem,
  people: readonly Invitee[],
  settings: InvitationSettings,
  source: AttendeeItem['source'],
  /** The invitee lookups of these people's emails when the caller has just made them. */
  lookedUp?: Invitees,
) => {
  const known =
    lookedUp ??
    (await attendees.findInvitees(
      conference.orgId,
      conference.id,
      people.map((p) => p.email),
    ));
  const fresh = people.filter((person) => !known.get(person.email)?.attendeeId);
  const rows = fresh.map((person) => {
    const suppressed = known.get(person.email)?.suppressed ?? false;
    const link = suppressed ? null : newLink();
    const attendee = draftAttendee(
      principal,
      conference,
      { email: person.email, name: person.name },
      {
        role: person.role ?? settings.role,
        group: person.group === undefined ? settings.group : person.group,
        networking: person.networking ?? settings.networking,
      },
      source,
      suppressed,
      link?.stored.hash ?? null,
    );
    return { attendee, link };
  });
  const raced = await attendees.createAttendees(
    conference.orgId,
    conference.id,
    rows.map(({ attendee, link }) => ({ attendee, token: link?.stored ?? null })),
    (attendee) =>
      outboxPut('attendee.invited', {
        version: 1,
        orgId: conference.orgId,
        conferenceId: conference.id,
        attendeeId: attendee.id,
        role: attendee.role,
        userId: principal.userId,
      }),
  );
  const created = rows.filter((row) => !raced.has(row.attendee.email));
  const failed = await mailInvitations(
    principal,
    conference,
    created.flatMap(({ attendee, link }) => (link ? [{ attendee, token: link.token }] : [])),
  );
  const byEmail = new Map(created.map((row) => [row.attendee.email, row.attendee]));
  const items = people.map((person) => {
    const attendee = byEmail.get(person.email);
    if (!attendee)
      return {
        email: person.email,
        outcome: 'already-invited' as const,
        attendeeId: known.get(person.email)?.attendeeId ?? null,
      };
    const outcome =
      attendee.status === 'bounced'
        ? ('suppressed' as const)
        : failed.has(attendee.id)
          ? ('failed' as const)
          : ('invited' as const);
    return { email: person.email, outcome, attendeeId: attendee.id };
  });
  return { items, created: created.map((row) => row.attendee) };
};

export const inviteAttendees = async (
  principal: Principal,
  orgId: string,
  conferenceId: string,
  input: InviteAttendeesInput,
) => {
  const conference = await activeConference(orgId, conferenceId);
  const { items } = await createInvitations(principal, conference, input.people, input, 'invitation');
  return { items, invited: items.filter((item) => item.outcome === 'invited').length };
};

const loadAttendee = async (orgId: string, conferenceId: string, attendeeId: string) => {
  const attendee = await attendees.getAttendee(orgId, conferenceId, attendeeId);
  if (!attendee) throw new NotFoundError();
  return attendee;
};

/**
 * Mails the invitation again under a new link; the previous link stops working. Waits
 * `resendLimits.waitSeconds` between sends and stops at `resendLimits.maxSends` (429 with Retry-After).
 * A revoked invitation can be sent again; an accepted one cannot.
 */
export const resendInvitation = async (
  principal: Principal,
  orgId: string,
  conferenceId: string,
  attendeeId: string,
) => {
  const conference = await activeConference(orgId, conferenceId);
  const current = await loadAttendee(orgId, conferenceId, attendeeId);
  if (current.status === 'accepted') throw new ConflictError('This person has already registered');
  if (current.sendCount >= resendLimits.maxSends)
    throw new TooManyRequestsError(
      `This invitation was sent ${current.sendCount} times; it is not sent again.`,
    );
  const waited = current.lastSentAt
    ? (Date.now() - Date.parse(current.lastSentAt)) / 1000
    : Number.POSITIVE_INFINITY;
  if (waited < resendLimits.waitSeconds) {
    const retryAfterSeconds = Math.ceil(resendLimits.waitSeconds - waited);
    throw new TooManyRequestsError(
      `The invitation went out ${Math.floor(waited / 60)} minutes ago. Send it again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`,
      { retryAfterSeconds },
    );
  }
  const link = newLink();
  const now = new Date().toISOString();
  const next: AttendeeItem = {
    ...current,
    status: 'sent',
    bounceReason: null,
    tokenHash: link.stored.hash,
    lastSentAt: now,
    sendCount: current.sendCount + 1,
    version: current.version + 1,
    updatedAt: now,
  };
  await attendees.writeAttendee(next, current.version, [
    attendees.newTokenPut(next, link.stored),
    ...(current.tokenHash ? [attendees.tokenDelete(current.tokenHash)] : []),
  ]);
  const failed = await mailInvitations(principal, conference, [{ attendee: next, token: link.token }]);
  return toAttendeeView(failed.size ? await loadAttendee(orgId, conferenceId, attendeeId) : next);
};

/** The writes that take an attendee's access away: their link and, once accepted, their roster role. */
export const revocationWrites = (attendee: AttendeeItem) => [
  ...(attendee.tokenHash ? [attendees.tokenDelete(attendee.tokenHash)] : []),
  ...(attendee.userId && attendee.status === 'accepted'
    ? [attendees.roleDelete(attendee.orgId, attendee.conferenceId, attendee.userId)]
    : []),
];

export const revokeInvitation = async (
  principal: Principal,
  orgId: string,
  conferenceId: string,
  attendeeId: string,
) => {
  const current = await loadAttendee(orgId, conferenceId, attendeeId);
  if (current.status === 'revoked') return toAttendeeView(current);
  const next: AttendeeItem = {
    ...current,
    status: 'revoked',
    tokenHash: null,
    version: current.version + 1,
    updatedAt: new Date().toISOString(),
  };
  await attendees.writeAttendee(next, current.version, [
    ...revocationWrites(current),
    outboxPut('attendee.revoked', { version: 1, orgId, conferenceId, attendeeId, userId: principal.userId }),
  ]);
  return toAttendeeView(next);
};

// The invitation page ----------------------------------------------------------------------------------

const openableStatuses = new Set<AttendeeItem['status']>(['sent', 'delivered', 'bounced']);

/** The link's attendee and conference, or 404 for a link that is unknown, expired, replaced or used. */
const openLink = async (token: string) => {
  const hash = hashOpaqueToken(token);
  const link = await attendees.getInvitationToken(hash);
  const attendee = link
    ? await attendees.getAttendee(link.orgId, link.conferenceId, link.attendeeId)
    : undefined;
  if (!link || !attendee || attendee.tokenHash !== hash || !openableStatuses.has(attendee.status))
    throw new NotFoundError('This invitation link is no longer valid. Ask the organizers for a new one.');
  const conference = await repo.getConference(link.orgId, link.conferenceId);
  if (conference?.status !== 'active') throw new NotFoundError('This event is no longer open.');
  return { hash, attendee, conference };
};

export const getConferenceInvitation = async (token: string) => {
  const { attendee, conference } = await openLink(token);
  const [organization, existingUserId] = await Promise.all([
    getOrganization(conference.orgId),
    findUserIdByEmail(attendee.email),
  ]);
  return {
    email: attendee.email,
    name: attendee.name,
    role: attendee.role,
    status: attendee.status,
    conference: {
      orgId: conference.orgId,
      id: conference.id,
      name: conference.name,
      startDate: conference.startDate,
      endDate: conference.endDate,
      timeZone: conference.timeZone,
    },
    organizationName: organization?.name ?? '',
    registrationFields: conference.registrationFields,
    hasAccount: existingUserId !== undefined,
  };
};

/**
 * Registers the link's person as `userId`: the answers, status accepted and their roster role in one
 * transaction that also retires the link. A role that outranks the invited one (an organizer invited as
 * an attendee) is kept.
 */
const completeRegistration = async (
  opened: Awaited<ReturnType<typeof openLink>>,
  userId: string,
  answers: RegistrationAnswers,
) => {
  const { hash, attendee, conference } = opened;
  const existingRole = await repo.getRole(conference.orgId, conference.id, userId);
  const now = new Date().toISOString();
  const next: AttendeeItem = {
    ...attendee,
    status: 'accepted',
    userId,
    answers,
    tokenHash: null,
    bounceReason: null,
    registeredAt: now,
    version: attendee.version + 1,
    updatedAt: now,
  };
  const keepsRole = existingRole && existingRole.role !== 'attendee' && next.role === 'attendee';
  await attendees.writeAttendee(next, attendee.version, [
    attendees.tokenDelete(hash),
    ...(keepsRole ? [] : [attendees.rolePutFor(next, now)]),
    attendees.funnelUpdate(conference.orgId, conference.id, { registered: 1 }),
    outboxPut('attendee.registered', {
      version: 1,
      orgId: conference.orgId,
      conferenceId: conference.id,
      attendeeId: attendee.id,
      personId: userId,
      userId,
    }),
  ]);
  return { orgId: conference.orgId, conferenceId: conference.id, attendee: toAttendeeView(next) };
};

/** A signed-in person accepts an invitation sent to their own address. */
export const acceptConferenceInvitation = async (
  principal: Principal,
  token: string,
  answers: RegistrationAnswers,
) => {
  const opened = await openLink(token);
  if (opened.attendee.email !== principal.email.toLowerCase())
    throw new ForbiddenError(
      `This invitation is for another email address. Sign in as ${opened.attendee.email}.`,
    );
  return completeRegistration(
    opened,
    principal.userId,
    validateAnswers(opened.conference.registrationFields, answers),
  );
};

/**
 * A person new to Portico accepts: the answers are checked before anything is written, then their guest
 * account is created (the link proved the address is theirs) and they are signed in.
 */
export const registerForConference = async (input: {
  token: string;
  name: string;
  password: string;
  answers: RegistrationAnswers;
}) => {
  const opened = await openLink(input.token);
  const answers = validateAnswers(opened.conference.registrationFields, input.answers);
  const existingId = await findUserIdByEmail(opened.attendee.email);
  if (existingId) {
    const existing = await getUser(existingId);
    throw new ConflictError(
      existing?.status === 'invited'
        ? 'This address has a Portico invitation waiting: accept that one first, then this one.'
        : 'This address has a Portico account: sign in to accept the invitation.',
    );
  }
  const session = await registerGuest(
    { email: opened.attendee.email, name: input.name, password: input.password },
    opened.attendee.invitedBy,
  );
  await completeRegistration(opened, session.session.user.id, answers);
  return session;
};
