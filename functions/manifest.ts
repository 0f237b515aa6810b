import { automationRoutes } from '../shared/automations/contracts';
import { bookingRoutes } from '../shared/booking/contracts';
import { chatActions, chatRoutes } from '../shared/chat/contracts';
import { eventRoomRoutes } from '../shared/chat/event-room-contracts';
import { moderationActions, moderationRoutes } from '../shared/chat/moderation-contracts';
import { sponsorRoomRoutes } from '../shared/chat/sponsor-room-contracts';
import { chatStatsRoutes } from '../shared/chat/stats-contracts';
import { analyticsRoutes } from '../shared/conferences/analytics-contracts';
import { attendeeRoutes } from '../shared/conferences/attendee-contracts';
import { conferenceRoutes } from '../shared/conferences/contracts';
import { imageRoutes } from '../shared/conferences/image-contracts';
import { liveActions } from '../shared/conferences/live-contracts';
import { sponsorRoutes } from '../shared/conferences/sponsor-contracts';
import { sponsorLeadRoutes } from '../shared/conferences/sponsor-lead-contracts';
import { crmRoutes } from '../shared/crm/contracts';
import { outboxStream } from '../shared/db/table';
import { engagementRoutes } from '../shared/engagements/contracts';
import type { DetailType } from '../shared/events/catalog';
import type { RouteDefinition } from '../shared/http/route';
import { identityRoutes } from '../shared/identity/contracts';
import { importRoutes } from '../shared/imports/contracts';
import { leadFormRoutes, leadFormSettingsRoutes } from '../shared/lead-form/contracts';
import { directMessageActions, networkingRoutes } from '../shared/networking/contracts';
import { notificationRoutes } from '../shared/notifications/contracts';
import { organizationRoutes } from '../shared/organizations/contracts';
import { platformRoutes } from '../shared/platform/contracts';
import { realtimeActions } from '../shared/realtime/contracts';
import { workspaceRoutes } from '../shared/workspace/contracts';

/**
 * Every function Portico runs, as data. The CDK stack and the local cloud both read this list; a route,
 * rule or schedule that is not here does not exist anywhere.
 */
export interface FunctionDefinition {
  /** kebab-case; the Lambda's logical name. */
  readonly name: string;
  /** Handler file, relative to the repository root; it exports `handler`. */
  readonly entry: string;
  readonly description: string;
  readonly routes?: readonly RouteDefinition[];
  /** WebSocket route keys (`$connect`, `$disconnect`, action names). */
  readonly wsRoutes?: readonly string[];
  /** EventBridge rules: each matches `source: portico` and these detail types. */
  readonly consumes?: readonly { readonly rule: string; readonly detailTypes: readonly DetailType[] }[];
  /** Standard five-field cron in UTC (`m h dom mon dow`). */
  readonly schedules?: readonly { readonly name: string; readonly cron: string }[];
  /**
   * The table's stream invokes the function with the items inserted under this partition-key prefix
   * (in AWS a Lambda event source filter, locally the same filter on DynamoDB Local's stream).
   */
  readonly tableStream?: { readonly keyPrefix: string };
  /** SNS topics whose notifications invoke the function (`email-feedback`: SES bounces and complaints). */
  readonly topics?: readonly TopicName[];
  /** What the function may touch; CDK turns this into least-privilege grants. */
  readonly permissions: {
    readonly table: 'read' | 'readWrite';
    readonly engagementsBucket?: 'read' | 'readWrite';
    /** The staging bucket of CSV imports (uploads and the files between import steps). */
    readonly importsBucket?: 'readWrite';
    readonly sendEmail?: boolean;
    readonly publishEvents?: boolean;
    readonly manageConnections?: boolean;
    /**
     * The access-token key: `sign` reads the private key (identity only, which issues tokens), `verify` the
     * public key alone.
     */
    readonly jwtKey?: 'sign' | 'verify';
    /** Read the Google OAuth client and encrypt / decrypt Google refresh tokens with the KMS key. */
    readonly googleTokens?: boolean;
    /** Read the key that signs unsubscribe links. */
    readonly emailLinks?: boolean;
  };
  /** @default 512 */
  readonly memoryMb?: number;
  /** @default 10 */
  readonly timeoutSeconds?: number;
}

/** The SNS topics the stack creates; `email-feedback` receives SES bounce and complaint notifications. */
export type TopicName = 'email-feedback';

/** WebSocket route keys of a module's action contracts. */
const actionsOf = (actions: Record<string, { readonly action: string }>) =>
  Object.values(actions).map((definition) => definition.action);

export const functions: readonly FunctionDefinition[] = [
  {
    name: 'identity',
    entry: 'functions/identity/handler.ts',
    description: 'Sign-in, tokens, password reset, invitations, user admin, dashboard layout',
    routes: Object.values(identityRoutes),
    permissions: { table: 'readWrite', sendEmail: true, publishEvents: true, jwtKey: 'sign' },
    // scrypt at N=2^17 wants 128 MiB per hash and benefits from a full vCPU.
    memoryMb: 1024,
  },
  {
    name: 'organizations',
    entry: 'functions/organizations/handler.ts',
    description: 'Client organizations, profiles, members, activity and lead form settings',
    routes: [...Object.values(organizationRoutes), ...Object.values(leadFormSettingsRoutes)],
    permissions: { table: 'readWrite', publishEvents: true, jwtKey: 'verify' },
  },
  {
    name: 'engagements',
    entry: 'functions/engagements/handler.ts',
    description: 'Engagement checklists (markdown in S3), progress, history, notes and the admin overview',
    routes: Object.values(engagementRoutes),
    permissions: {
      table: 'readWrite',
      engagementsBucket: 'readWrite',
      publishEvents: true,
      jwtKey: 'verify',
    },
  },
  {
    name: 'crm',
    entry: 'functions/crm/handler.ts',
    description: 'Leads (pipeline, timeline, CSV export) and jobs (scheduling, lifecycle)',
    routes: Object.values(crmRoutes),
    permissions: { table: 'readWrite', publishEvents: true, jwtKey: 'verify' },
  },
  {
    name: 'conferences',
    entry: 'functions/conferences/handler.ts',
    description:
      'Events: conferences, roles, agenda with time zones and tracks, speakers, streams, calendars, public pages',
    routes: [
      ...Object.values(conferenceRoutes),
      ...Object.values(attendeeRoutes),
      ...Object.values(sponsorRoutes),
      ...Object.values(analyticsRoutes),
      ...Object.values(sponsorLeadRoutes),
      ...Object.values(imageRoutes),
    ],
    // sendEmail: inviting an external speaker or attendee; jwtKey: verifying access tokens;
    // engagementsBucket: the documents bucket keeps event logos and speaker photos.
    permissions: {
      table: 'readWrite',
      sendEmail: true,
      publishEvents: true,
      jwtKey: 'verify',
      engagementsBucket: 'readWrite',
    },
  },
  {
    name: 'conference-live',
    entry: 'functions/conferences/live-handler.ts',
    description:
      "A page's subscription to a conference's live stream states and agenda changes over the WebSocket API",
    wsRoutes: actionsOf(liveActions),
    permissions: { table: 'readWrite', manageConnections: true },
  },
  {
    name: 'conference-live-fan-out',
    entry: 'functions/conferences/on-live-change.ts',
    description:
      "Pushes a conference's stream states and agenda changes to its live channel, one shard of connections a job",
    consumes: [
      {
        rule: 'conference-live-fan-out',
        detailTypes: [
          'agenda-item.created',
          'agenda-item.updated',
          'agenda-item.deleted',
          'agenda-item.stream-state-changed',
          'conference.live-fan-out',
        ],
      },
    ],
    permissions: { table: 'readWrite', publishEvents: true, manageConnections: true },
    timeoutSeconds: 30,
  },
  {
    name: 'imports',
    entry: 'functions/imports/handler.ts',
    description: 'CSV imports: presigned upload, detection, preview and mapping, dry run, run, rejected rows',
    routes: Object.values(importRoutes),
    permissions: { table: 'readWrite', importsBucket: 'readWrite', publishEvents: true, jwtKey: 'verify' },
    // Detection and preview read the whole file (at most 20 MB) once.
    memoryMb: 1024,
    timeoutSeconds: 29,
  },
  {
    name: 'import-steps',
    entry: 'functions/imports/on-import-step.ts',
    description:
      'Background steps of CSV imports: check the file, then dry-run or import one chunk of rows a step',
    consumes: [{ rule: 'import-step-due', detailTypes: ['import.step-due'] }],
    // sendEmail: an attendee import mails each new attendee their invitation.
    permissions: { table: 'readWrite', importsBucket: 'readWrite', publishEvents: true, sendEmail: true },
    // The prepare step reads and checks a whole file of up to 20 MB; a chunk takes a few seconds.
    memoryMb: 1024,
    timeoutSeconds: 120,
  },
  {
    name: 'lead-form',
    entry: 'functions/lead-form/handler.ts',
    description: 'The public lead form: form configuration, submissions, CORS per organization',
    // OPTIONS routes too: API Gateway's CORS is one list per API, so this function answers preflights.
    routes: Object.values(leadFormRoutes),
    // Public and unauthenticated: no signing key, no email; leads reach people through lead.created.
    permissions: { table: 'readWrite', publishEvents: true },
  },
  {
    name: 'engagement-events',
    entry: 'functions/engagements/on-organization-updated.ts',
    description: "Keeps the engagement overview's copy of an organization's name current",
    consumes: [{ rule: 'organization-renamed', detailTypes: ['organization.updated'] }],
    permissions: { table: 'readWrite' },
  },
  {
    name: 'engagement-kickoff',
    entry: 'functions/engagements/on-booking-created.ts',
    description: "Ticks the engagement's kickoff task when the kickoff call is booked",
    consumes: [{ rule: 'kickoff-booked', detailTypes: ['booking.created'] }],
    permissions: { table: 'readWrite', engagementsBucket: 'readWrite', publishEvents: true },
  },
  {
    name: 'booking',
    entry: 'functions/booking/handler.ts',
    description: 'Google Calendar connection, availability, free slots, bookings',
    routes: Object.values(bookingRoutes),
    permissions: { table: 'readWrite', publishEvents: true, jwtKey: 'verify', googleTokens: true },
    // A booking waits on Google twice (free/busy, then the event) with an 8 s timeout each.
    timeoutSeconds: 29,
  },
  {
    name: 'booking-emails',
    entry: 'functions/booking/on-booking-event.ts',
    description: 'Booking confirmations, cancellations and moves; tells the admin when Google revokes access',
    consumes: [
      {
        rule: 'booking-changed',
        detailTypes: [
          'booking.created',
          'booking.cancelled',
          'booking.rescheduled',
          'calendar.access-revoked',
        ],
      },
    ],
    permissions: { table: 'readWrite', sendEmail: true },
  },
  {
    name: 'calendar-sync',
    entry: 'functions/booking/tick-calendar-sync.ts',
    description: "Follows events moved or deleted in the operator's Google Calendar (incremental sync)",
    schedules: [{ name: 'every-five-minutes', cron: '*/5 * * * *' }],
    permissions: { table: 'readWrite', publishEvents: true, googleTokens: true },
    timeoutSeconds: 60,
  },
  {
    name: 'google-workspace',
    entry: 'functions/workspace/handler.ts',
    description: "An organization's Google Workspace connection (Gmail, Sheets): consent, status, disconnect",
    routes: Object.values(workspaceRoutes),
    permissions: { table: 'readWrite', jwtKey: 'verify', googleTokens: true },
  },
  {
    name: 'platform',
    entry: 'functions/platform/handler.ts',
    description: 'OpenAPI document and API reference page',
    routes: Object.values(platformRoutes),
    permissions: { table: 'read' },
  },
  {
    name: 'realtime',
    entry: 'functions/realtime/handler.ts',
    description: 'WebSocket connections: ticket check on connect, cleanup, ping, presence heartbeats',
    wsRoutes: ['$connect', '$disconnect', '$default', ...actionsOf(realtimeActions)],
    permissions: { table: 'readWrite', manageConnections: true },
  },
  {
    name: 'chat',
    entry: 'functions/chat/handler.ts',
    description:
      "Chat rooms: rooms, members with presence, history; an event's moderation, sponsor rooms, networking analytics",
    routes: [
      ...Object.values(chatRoutes),
      ...Object.values(eventRoomRoutes),
      ...Object.values(moderationRoutes),
      ...Object.values(sponsorRoomRoutes),
      ...Object.values(chatStatsRoutes),
    ],
    // publishEvents: a moderator's delete reaches every screen through the fan-out's jobs.
    permissions: { table: 'readWrite', publishEvents: true, jwtKey: 'verify' },
  },
  {
    name: 'chat-rooms',
    entry: 'functions/chat/rooms-handler.ts',
    description: 'Chat room actions over the WebSocket API: join, leave, send, edit, delete, read, catch up',
    wsRoutes: [...actionsOf(chatActions), ...actionsOf(moderationActions)],
    permissions: { table: 'readWrite', publishEvents: true, manageConnections: true },
  },
  {
    name: 'chat-fan-out',
    entry: 'functions/chat/on-fan-out.ts',
    description: "Posts a room's frame to one shard of its connections; removes connections that are gone",
    consumes: [{ rule: 'chat-fan-out', detailTypes: ['chat.fan-out'] }],
    permissions: { table: 'readWrite', manageConnections: true },
    timeoutSeconds: 30,
  },
  {
    name: 'chat-followed-rooms',
    entry: 'functions/chat/on-conference-change.ts',
    description: "Keeps an event's lobby and one room per session in step with the event and its agenda",
    consumes: [
      {
        rule: 'chat-followed-rooms',
        detailTypes: [
          'conference.created',
          'conference.updated',
          'agenda-item.created',
          'agenda-item.updated',
          'agenda-item.deleted',
        ],
      },
    ],
    permissions: { table: 'readWrite' },
    // Switching chat on for a large agenda creates a room per session in one go.
    timeoutSeconds: 30,
  },
  {
    name: 'networking',
    entry: 'functions/networking/handler.ts',
    description: 'Networking per conference: cards and directory, connection requests, blocks, conversations',
    routes: Object.values(networkingRoutes),
    permissions: { table: 'readWrite', jwtKey: 'verify', manageConnections: true },
  },
  {
    name: 'direct-messages',
    entry: 'functions/networking/messages-handler.ts',
    description: 'Direct messages over the WebSocket API: subscribe, send, read, catch up',
    wsRoutes: actionsOf(directMessageActions),
    permissions: { table: 'readWrite', manageConnections: true },
  },
  {
    name: 'notifications',
    entry: 'functions/notifications/on-user-joined.ts',
    description: 'Tells whoever sent an invitation that it was accepted',
    consumes: [{ rule: 'user-joined', detailTypes: ['user.joined'] }],
    // readWrite: the consumer records each processed event id, so a redelivery sends nothing twice.
    permissions: { table: 'readWrite', sendEmail: true },
  },
  {
    name: 'outbox-relay',
    entry: 'functions/platform/relay-outbox.ts',
    description: 'Puts each domain event written to the outbox (table stream) on the EventBridge bus',
    tableStream: outboxStream,
    permissions: { table: 'read', publishEvents: true },
  },
  {
    name: 'due-work',
    entry: 'functions/platform/tick-due.ts',
    description: 'Runs the due items of the current minute (and any missed ones)',
    schedules: [{ name: 'every-minute', cron: '* * * * *' }],
    // googleTokens: automation steps send through an organization's Gmail when it connected one.
    permissions: { table: 'readWrite', sendEmail: true, emailLinks: true, googleTokens: true },
    timeoutSeconds: 60,
  },
  {
    name: 'automations',
    entry: 'functions/automations/handler.ts',
    description: 'Automation settings, runs and retries, queued steps, lead automation timelines',
    routes: Object.values(automationRoutes),
    permissions: { table: 'readWrite', publishEvents: true, jwtKey: 'verify' },
  },
  {
    name: 'automation-events',
    entry: 'functions/automations/on-event.ts',
    description: 'Lead Capture, Follow-Up Sequence, Appointment Helper and Review Request; admin retries',
    consumes: [
      {
        rule: 'automation-triggers',
        detailTypes: [
          'lead.created',
          'lead.updated',
          'job.scheduled',
          'job.completed',
          'job.cancelled',
          'booking.created',
          'booking.rescheduled',
          'booking.cancelled',
          'email.unsubscribed',
          'organization.updated',
          'automation.retry-requested',
        ],
      },
    ],
    // googleTokens: Gmail and Sheets of organizations that connected Google Workspace.
    permissions: { table: 'readWrite', sendEmail: true, emailLinks: true, googleTokens: true },
    timeoutSeconds: 30,
  },
  {
    name: 'digest-fan-out',
    entry: 'functions/automations/tick-digest.ts',
    description:
      'Hourly: one digest.due event per organization whose digest hour it is (schedule index query)',
    schedules: [{ name: 'hourly', cron: '0 * * * *' }],
    permissions: { table: 'read', publishEvents: true },
    timeoutSeconds: 60,
  },
  {
    name: 'daily-digest',
    entry: 'functions/automations/on-digest-due.ts',
    description: "One organization's daily digest per invocation",
    consumes: [{ rule: 'digest-due', detailTypes: ['digest.due'] }],
    permissions: { table: 'readWrite', sendEmail: true, emailLinks: true, googleTokens: true },
    timeoutSeconds: 30,
  },
  {
    name: 'email-preferences',
    entry: 'functions/notifications/handler.ts',
    description: 'Unsubscribe page and one-click unsubscribe; the suppression list for admins',
    routes: Object.values(notificationRoutes),
    permissions: { table: 'readWrite', publishEvents: true, jwtKey: 'verify', emailLinks: true },
  },
  {
    name: 'email-feedback',
    entry: 'functions/notifications/on-email-feedback.ts',
    description: 'SES bounce and complaint notifications (SNS): suppresses addresses that must not be mailed',
    topics: ['email-feedback'],
    permissions: { table: 'readWrite' },
  },
];

export const httpRoutes = functions.flatMap((fn) => (fn.routes ?? []).map((route) => ({ fn, route })));
