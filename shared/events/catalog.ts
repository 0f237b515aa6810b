import { roomFrame } from '../chat/frame-contracts';
import { liveChannelFrame } from '../conferences/live-contracts';
import { builtOnce } from '../http/built-once';
import { id } from '../http/contracts';
import * as z from '../schema/zod';

/**
 * Every domain event Portico publishes, with a versioned schema each. Consumers parse with these
 * schemas; a publisher cannot send a `detail` its schema does not accept. Each schema is built on first
 * use (`eventSchema`): every function loads the catalog, and most publish or consume a few of its events.
 */
export const eventSource = 'portico';

const actor = z.object({ userId: z.nullable(id) });

const definitions = {
  'organization.created': () =>
    z.merge(z.object({ version: z.literal(1), orgId: id, name: z.string(), slug: z.string() }), actor),
  'organization.updated': () =>
    z.merge(z.object({ version: z.literal(1), orgId: id, fields: z.array(z.string()) }), actor),
  'organization.archived': () => z.merge(z.object({ version: z.literal(1), orgId: id }), actor),
  'organization.restored': () => z.merge(z.object({ version: z.literal(1), orgId: id }), actor),
  'profile.updated': () =>
    z.merge(z.object({ version: z.literal(1), orgId: id, profileVersion: z.number().check(z.int()) }), actor),
  'user.invited': () =>
    z.merge(
      z.object({ version: z.literal(1), invitedUserId: id, orgId: z.nullable(id), role: z.string() }),
      actor,
    ),
  'user.joined': () =>
    z.object({
      version: z.literal(1),
      joinedUserId: id,
      orgId: z.nullable(id),
      invitedBy: z.nullable(id),
    }),
  'user.deactivated': () =>
    z.merge(z.object({ version: z.literal(1), deactivatedUserId: id, orgId: z.nullable(id) }), actor),
  'engagement.updated': () =>
    z.merge(
      z.object({
        version: z.literal(1),
        orgId: id,
        engagementId: id,
        engagementVersion: z.number().check(z.int()),
        change: z.enum(['created', 'task', 'content', 'settings', 'note']),
      }),
      actor,
    ),
  'booking.created': () =>
    z.merge(
      z.object({
        version: z.literal(1),
        orgId: id,
        bookingId: id,
        engagementId: z.nullable(id),
        kickoff: z.boolean(),
        start: z.string(),
      }),
      actor,
    ),
  'booking.cancelled': () =>
    z.merge(
      z.object({
        version: z.literal(1),
        orgId: id,
        bookingId: id,
        /** `calendar` when the event was deleted in the operator's Google Calendar. */
        by: z.enum(['client', 'operator', 'calendar']),
      }),
      actor,
    ),
  'booking.rescheduled': () =>
    z.merge(
      z.object({
        version: z.literal(1),
        orgId: id,
        bookingId: id,
        previousStart: z.string(),
        start: z.string(),
        by: z.enum(['client', 'operator', 'calendar']),
      }),
      actor,
    ),
  /** Google refused the stored grant: booking is paused until an admin authorizes again. */
  'calendar.access-revoked': () =>
    z.object({
      version: z.literal(1),
      connectedBy: id,
      account: z.nullable(z.string()),
    }),
  /** A lead was stored (typed in, imported, or from the public form: then `userId` is null). */
  'lead.created': () =>
    z.merge(
      z.object({
        version: z.literal(1),
        orgId: id,
        leadId: id,
        source: z.enum(['form', 'embed', 'manual', 'import']),
      }),
      actor,
    ),
  /** A lead's status or details changed; `previousStatus` equals `status` when only details changed. */
  'lead.updated': () =>
    z.merge(
      z.object({
        version: z.literal(1),
        orgId: id,
        leadId: id,
        leadVersion: z.number().check(z.int()),
        status: z.string(),
        previousStatus: z.string(),
        fields: z.array(z.string()),
      }),
      actor,
    ),
  /** A job was created or rescheduled; times are ISO-8601 UTC, `timeZone` the organization's. */
  'job.scheduled': () =>
    z.merge(
      z.object({
        version: z.literal(1),
        orgId: id,
        jobId: id,
        leadId: z.nullable(id),
        scheduledAt: z.string(),
        previousScheduledAt: z.nullable(z.string()),
        durationMinutes: z.number().check(z.int()),
        timeZone: z.string(),
      }),
      actor,
    ),
  'job.completed': () =>
    z.merge(
      z.object({
        version: z.literal(1),
        orgId: id,
        jobId: id,
        leadId: z.nullable(id),
        completedAt: z.string(),
      }),
      actor,
    ),
  'job.cancelled': () =>
    z.merge(
      z.object({
        version: z.literal(1),
        orgId: id,
        jobId: id,
        leadId: z.nullable(id),
        cancelledAt: z.string(),
      }),
      actor,
    ),
  /**
   * One organization's daily digest is due: the hourly fan-out publishes one per organization, so each is
   * built and sent by its own invocation. `digestAt` is the scheduled instant (UTC), `localDate` the
   * organization's date the digest is for.
   */
  'digest.due': () =>
    z.object({
      version: z.literal(1),
      orgId: id,
      digestAt: z.string(),
      localDate: z.string(),
    }),
  /** A recipient left one list of an organization's mail through an unsubscribe link. */
  'email.unsubscribed': () =>
    z.object({
      version: z.literal(1),
      orgId: id,
      list: z.enum(['customer', 'lead-alerts', 'digest']),
      address: z.string(),
    }),
  /**
   * The next step of a CSV import is due: `prepare` reads and checks the whole file, then one `check` (dry
   * run) or `run` step per chunk of rows, each continuing with the next. `attemptId` names the dry run or
   * run the step belongs to, so a step of an earlier attempt is ignored.
   */
  'import.step-due': () =>
    z.object({
      version: z.literal(1),
      orgId: id,
      importId: id,
      attemptId: id,
      phase: z.enum(['prepare', 'check', 'run']),
      chunk: z.number().check(z.int(), z.gte(0)),
    }),
  /** An operator admin asked to run a failed automation run again. */
  'automation.retry-requested': () =>
    z.merge(z.object({ version: z.literal(1), orgId: id, runId: id }), actor),
  /** A conference (an "event" to people) was created, changed (`fields` named) or archived. */
  'conference.created': () =>
    z.merge(z.object({ version: z.literal(1), orgId: id, conferenceId: id, name: z.string() }), actor),
  'conference.updated': () =>
    z.merge(
      z.object({
        version: z.literal(1),
        orgId: id,
        conferenceId: id,
        conferenceVersion: z.number().check(z.int()),
        fields: z.array(z.string()),
      }),
      actor,
    ),
  'conference.archived': () =>
    z.merge(z.object({ version: z.literal(1), orgId: id, conferenceId: id }), actor),
  /** Someone was given a role in a conference (or lost it: `role` null). */
  'conference.role-changed': () =>
    z.merge(
      z.object({
        version: z.literal(1),
        orgId: id,
        conferenceId: id,
        personId: id,
        role: z.nullable(z.enum(['organizer', 'speaker', 'attendee'])),
      }),
      actor,
    ),
  /** An agenda item ("session") was added, changed or moved (times ISO-8601 UTC), or removed. */
  'agenda-item.created': () =>
    z.merge(
      z.object({ version: z.literal(1), orgId: id, conferenceId: id, itemId: id, startUtc: z.string() }),
      actor,
    ),
  'agenda-item.updated': () =>
    z.merge(
      z.object({
        version: z.literal(1),
        orgId: id,
        conferenceId: id,
        itemId: id,
        itemVersion: z.number().check(z.int()),
        startUtc: z.string(),
        previousStartUtc: z.string(),
        fields: z.array(z.string()),
      }),
      actor,
    ),
  'agenda-item.deleted': () =>
    z.merge(z.object({ version: z.literal(1), orgId: id, conferenceId: id, itemId: id }), actor),
  /** A session's stream changed state: by its schedule (`userId` null) or an organizer's override. */
  'agenda-item.stream-state-changed': () =>
    z.merge(
      z.object({
        version: z.literal(1),
        orgId: id,
        conferenceId: id,
        itemId: id,
        state: z.enum(['scheduled', 'live', 'ended', 'recording']),
        by: z.enum(['schedule', 'organizer']),
      }),
      actor,
    ),
  /**
   * One shard of a chat room's connections is to receive a frame (a new, edited or deleted message):
   * the send action publishes one per shard in use, and a fan-out worker posts to each shard's connections.
   */
  'chat.fan-out': () =>
    z.object({
      version: z.literal(1),
      orgId: id,
      roomId: id,
      shard: z.number().check(z.int(), z.nonnegative()),
      frame: roomFrame,
    }),
  /**
   * One shard of the connections subscribed to a conference's live channel is to receive a frame: the
   * current stream states after a state changed, or a session as it is now after it was added, changed or
   * removed. Published per shard in use.
   */
  'conference.live-fan-out': () =>
    z.object({
      version: z.literal(1),
      orgId: id,
      conferenceId: id,
      shard: z.number().check(z.int(), z.nonnegative()),
      frame: liveChannelFrame,
    }),

  /** A person was invited to a conference by email (or imported); they have no role until they accept. */
  'attendee.invited': () =>
    z.merge(
      z.object({
        version: z.literal(1),
        orgId: id,
        conferenceId: id,
        attendeeId: id,
        role: z.enum(['organizer', 'speaker', 'attendee']),
      }),
      actor,
    ),
  /** An invited person accepted and registered (`personId`: their account); they hold their role now. */
  'attendee.registered': () =>
    z.merge(
      z.object({ version: z.literal(1), orgId: id, conferenceId: id, attendeeId: id, personId: id }),
      actor,
    ),
  /** An organizer revoked an invitation or a registration: the link is dead and the role gone. */
  'attendee.revoked': () =>
    z.merge(z.object({ version: z.literal(1), orgId: id, conferenceId: id, attendeeId: id }), actor),
} as const;

export type DetailType = keyof typeof definitions;
export type EventSchema<T extends DetailType> = ReturnType<(typeof definitions)[T]>;
export type EventDetail<T extends DetailType> = z.infer<EventSchema<T>>;
export const detailTypes = Object.keys(definitions) as DetailType[];

export const isDetailType = (value: string): value is DetailType => Object.hasOwn(definitions, value);

const built = builtOnce((detailType: DetailType): z.ZodMiniType => definitions[detailType]());

/** The schema of one kind of event, built the first time it is asked for. */
export const eventSchema = <T extends DetailType>(detailType: T): EventSchema<T> =>
  built(detailType) as EventSchema<T>;
