import { httpsUrl, id, page, pageQuery, requiredMultiLineText, requiredText } from '../http/contracts';
import { defineRoute } from '../http/route';
import * as z from '../schema/zod';

/**
 * Automations: five templates an operator admin enables and configures per organization. The
 * organization's owner and members see the configuration, every run and every queued step, read-only —
 * except that they may cancel a queued step of their own leads and jobs.
 */

export const automationIds = [
  'lead-capture',
  'appointment-helper',
  'follow-up-sequence',
  'review-request',
  'daily-digest',
] as const;
export const automationId = z.enum(automationIds);
export type AutomationId = z.infer<typeof automationId>;

/** What each template does and what starts it, for lists and headings. */
export const automationTemplates: Record<
  AutomationId,
  { readonly name: string; readonly trigger: string; readonly description: string }
> = {
  'lead-capture': {
    name: 'Lead Capture',
    trigger: 'A lead arrives (lead.created)',
    description:
      "Emails the organization's users about every new lead, and can add it to a Google Sheet of the organization's Google Workspace.",
  },
  'appointment-helper': {
    name: 'Appointment Helper',
    trigger: 'A job is scheduled or moved (job.scheduled), a call is booked or moved (booking.created)',
    description:
      'Confirms a scheduled job to the customer and reminds them a set time before. Bookings get the reminder (the booking itself already confirms).',
  },
  'follow-up-sequence': {
    name: 'Follow-Up Sequence',
    trigger: 'A lead arrives and is still new at each step',
    description:
      'Emails a new lead a sequence of messages at set delays; stops when the lead moves on or unsubscribes.',
  },
  'review-request': {
    name: 'Job Completion → Review Request',
    trigger: 'A job is completed (job.completed)',
    description:
      'Asks every customer for a review after a delay, outside quiet hours. Never gated on satisfaction.',
  },
  'daily-digest': {
    name: 'Daily Digest',
    trigger: "Every morning at the organization's local hour",
    description:
      "Yesterday's leads, leads waiting for a first response and the median response time, today's jobs, and automation runs and failures.",
  },
};

/** A wall-clock time of day, `HH:MM` (24-hour), in the organization's time zone. */
export const timeOfDay = z.string().check(z.regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time HH:MM (24-hour)'));

export const leadCaptureSettings = z.strictObject({
  enabled: z.boolean(),
  /** Email every active user of the organization about each new lead. */
  notifyUsers: z._default(z.boolean(), true),
  /**
   * Append each lead as a row to a Google Sheet of the organization's own Google Workspace. Recorded as
   * configured until the organization connects Google Workspace (the view says `needs-google-workspace`).
   */
  googleSheetsRow: z._default(
    z.strictObject({
      enabled: z.boolean(),
      /** The spreadsheet's link, `https://docs.google.com/spreadsheets/d/<id>/…`. */
      spreadsheetUrl: z._default(
        z.nullable(
          httpsUrl.check(
            z.refine(
              (url) => spreadsheetIdOf(url) !== null,
              'A Google Sheets link: https://docs.google.com/spreadsheets/d/…',
            ),
          ),
        ),
        null,
      ),
      /**
       * Where rows go, in A1 notation: a sheet (tab) name such as `Leads`, or a range such as `Leads!A:H`.
       * Absent: the spreadsheet's first sheet.
       */
      range: z.optional(requiredText(100)),
    }),
    { enabled: false, spreadsheetUrl: null },
  ),
});

/** The spreadsheet id in a Google Sheets link, or null for any other link. */
export const spreadsheetIdOf = (url: string): string | null => {
  const match = /^https:\/\/docs\.google\.com\/spreadsheets\/d\/([A-Za-z0-9_-]+)(?:[/?#]|$)/.exec(url);
  return match?.[1] ?? null;
};

export const appointmentHelperSettings = z.strictObject({
  enabled: z.boolean(),
  /** Confirm a scheduled (or moved) job to its customer right away. */
  sendConfirmation: z._default(z.boolean(), true),
  /**
   * Put each scheduled job into the organization's primary Google Calendar, and move it with the job,
   * while the organization has Google Workspace connected (with calendar access).
   */
  addToCalendar: z._default(z.boolean(), true),
  /** How long before the appointment the reminder goes out; `null`: no reminder. */
  reminderMinutesBefore: z._default(
    z.nullable(z.number().check(z.int(), z.gte(15), z.lte(7 * 24 * 60))),
    24 * 60,
  ),
  /** Which appointments: the organization's jobs, its booked calls with the agency, or both. */
  jobs: z._default(z.boolean(), true),
  bookings: z._default(z.boolean(), true),
});

export const followUpStep = z.strictObject({
  /** Hours after the lead arrived. */
  afterHours: z.number().check(z.int(), z.gte(1), z.lte(90 * 24)),
  subject: requiredText(150),
  /**
   * Plain text; blank lines separate paragraphs. `{name}` (the lead's name), `{business}` (the
   * organization) and `{service}` (the service the lead asked for) are filled in.
   */
  body: requiredMultiLineText(4000),
});
export type FollowUpStep = z.infer<typeof followUpStep>;

export const followUpSequenceSettings = z.strictObject({
  enabled: z.boolean(),
  steps: z.array(followUpStep).check(
    z.minLength(1, 'At least one step'),
    z.maxLength(5, 'At most five steps'),
    z.refine(
      (steps) => steps.every((step, index) => index === 0 || step.afterHours > steps[index - 1]!.afterHours),
      'Each step comes later than the one before',
    ),
  ),
});

export const quietHours = z
  .strictObject({ start: timeOfDay, end: timeOfDay })
  .check(z.refine((value) => value.start !== value.end, 'Start and end must differ'));

export const reviewRequestSettings = z
  .strictObject({
    enabled: z.boolean(),
    /** Where customers leave a review (Google, Yelp, …). */
    reviewUrl: z.nullable(httpsUrl),
    delayHours: z._default(z.number().check(z.int(), z.gte(0), z.lte(30 * 24)), 24),
    /**
     * The organization's quiet hours: no review request or follow-up is sent between `start` and `end`
     * (local); one due then waits until `end`. `null`: none.
     */
    quietHours: z._default(z.nullable(quietHours), { start: '20:00', end: '08:00' }),
  })
  .check(
    z.superRefine((value, ctx) => {
      if (value.enabled && !value.reviewUrl)
        ctx.addIssue({ code: 'custom', path: ['reviewUrl'], message: 'Required to turn review requests on' });
    }),
  );

export const dailyDigestSettings = z.strictObject({
  enabled: z.boolean(),
  /** The hour of the organization's morning the digest goes out (its time zone). */
  hour: z._default(z.number().check(z.int(), z.gte(0), z.lte(23)), 7),
});

/** The defaults a new organization starts with: everything off. */
export const defaultFollowUpSteps: FollowUpStep[] = [
  {
    afterHours: 24,
    subject: 'Following up on your request',
    body: 'Hi {name},\n\nThanks for reaching out to {business} about {service}. We would love to help: just reply to this email or give us a call, and we will find a time that suits you.',
  },
  {
    afterHours: 72,
    subject: 'Still looking for help?',
    body: 'Hi {name},\n\nWe wanted to check in once more about {service}. If you still need a hand, {business} is ready when you are.',
  },
];

export const automationSettings = z.strictObject({
  leadCapture: leadCaptureSettings,
  appointmentHelper: appointmentHelperSettings,
  followUpSequence: followUpSequenceSettings,
  reviewRequest: reviewRequestSettings,
  dailyDigest: dailyDigestSettings,
});
export type AutomationSettings = z.infer<typeof automationSettings>;

export const updateAutomationsInput = z
  .strictObject({
    /** The version the editor loaded; a newer one answers 409 with the current version. */
    version: z.number().check(z.int(), z.gte(0)),
    leadCapture: z.optional(leadCaptureSettings),
    appointmentHelper: z.optional(appointmentHelperSettings),
    followUpSequence: z.optional(followUpSequenceSettings),
    reviewRequest: z.optional(reviewRequestSettings),
    dailyDigest: z.optional(dailyDigestSettings),
  })
  .check(z.refine((value) => Object.keys(value).length > 1, 'Nothing to change'));
export type UpdateAutomationsInput = z.infer<typeof updateAutomationsInput>;

export const automationsView = z.object({
  orgId: id,
  /** 0 until an admin first saves. */
  version: z.number().check(z.int()),
  updatedAt: z.nullable(z.string()),
  updatedBy: z.nullable(z.string()),
  timeZone: z.string(),
  leadCapture: z.extend(leadCaptureSettings, {
    googleSheetsRow: z.object({
      enabled: z.boolean(),
      spreadsheetUrl: z.nullable(z.string()),
      range: z.optional(z.string()),
      /**
       * `active`: each lead is appended. `needs-google-workspace`: nothing is written until the organization
       * connects Google Workspace (or reconnects it after Google revoked it). `needs-spreadsheet`:
       * connected, but no spreadsheet link is set.
       */
      status: z.enum(['off', 'needs-google-workspace', 'needs-spreadsheet', 'active']),
    }),
  }),
  appointmentHelper: appointmentHelperSettings,
  followUpSequence: followUpSequenceSettings,
  reviewRequest: z.object({
    enabled: z.boolean(),
    reviewUrl: z.nullable(z.string()),
    delayHours: z.number().check(z.int()),
    quietHours: z.nullable(z.object({ start: z.string(), end: z.string() })),
  }),
  dailyDigest: z.extend(dailyDigestSettings, {
    /** The next digest (UTC) when on. */
    nextDigestAt: z.nullable(z.string()),
  }),
  templates: z.array(
    z.object({
      id: automationId,
      name: z.string(),
      trigger: z.string(),
      description: z.string(),
      enabled: z.boolean(),
    }),
  ),
});
export type AutomationsView = z.infer<typeof automationsView>;

// Runs

/**
 * `running` while it works, `retrying` after an admin asked to run it again, `skipped` when there was
 * nothing to do (the reason says why), `failed` when something broke (`error` says what; it can be retried).
 */
export const runOutcomes = ['running', 'retrying', 'succeeded', 'skipped', 'failed'] as const;
export const runOutcome = z.enum(runOutcomes);
export type RunOutcome = z.infer<typeof runOutcome>;

export const runView = z.object({
  id,
  orgId: id,
  organizationName: z.string(),
  automation: automationId,
  /** What the run does, e.g. "Review request to Ada Lovelace". */
  action: z.string(),
  /** What started it: a domain event, a queued step coming due, or the digest schedule. */
  trigger: z.object({
    kind: z.enum(['event', 'step', 'schedule']),
    /** The event's detail type, the step's kind, or `digest.due`. */
    type: z.string(),
    /** The event id (the same on every redelivery), the step id, or the digest's date. */
    ref: z.string(),
  }),
  /** Why it fired, in words. */
  reason: z.string(),
  leadId: z.nullable(id),
  jobId: z.nullable(id),
  bookingId: z.nullable(id),
  outcome: runOutcome,
  /** What happened: who got mail, or why nothing was sent. */
  detail: z.string(),
  error: z.nullable(z.string()),
  /**
   * The failure is one no automatic retry can fix (an address that would inject a header, a detail that
   * does not parse): the platform did not retry it. An admin may still retry once the cause is fixed.
   */
  permanent: z.boolean(),
  attempts: z.number().check(z.int()),
  emailsSent: z.number().check(z.int()),
  startedAt: z.string(),
  finishedAt: z.nullable(z.string()),
  durationMs: z.nullable(z.number().check(z.int())),
  retryable: z.boolean(),
  retriedBy: z.nullable(z.string()),
});
export type RunView = z.infer<typeof runView>;

export const listRunsQuery = z.extend(pageQuery, {
  automation: z.optional(automationId),
  /** Only runs with this outcome. Without it, the admin list shows failed runs first. */
  outcome: z.optional(runOutcome),
});
export type ListRunsQuery = z.infer<typeof listRunsQuery>;

// Steps: work queued for a moment (due items)

export const stepStatuses = ['queued', 'done', 'skipped', 'failed', 'cancelled'] as const;
export const stepStatus = z.enum(stepStatuses);
export type StepStatus = z.infer<typeof stepStatus>;

export const stepView = z.object({
  id,
  orgId: id,
  automation: automationId,
  /** e.g. "Follow-up 2 of 3: Still looking for help?" */
  label: z.string(),
  /** ISO-8601 UTC, and the same moment on the organization's clock. */
  dueAt: z.string(),
  dueAtLocal: z.string(),
  status: stepStatus,
  /** Why it is queued for that moment, or why it did not run. */
  reason: z.string(),
  recipient: z.nullable(z.string()),
  leadId: z.nullable(id),
  jobId: z.nullable(id),
  bookingId: z.nullable(id),
  /** The run it became, once due. */
  runId: z.nullable(id),
  createdAt: z.string(),
  cancelledAt: z.nullable(z.string()),
  cancelledBy: z.nullable(z.string()),
});
export type StepView = z.infer<typeof stepView>;

export const listStepsQuery = z.extend(pageQuery, { status: z._default(stepStatus, 'queued') });
export type ListStepsQuery = z.infer<typeof listStepsQuery>;

export const leadAutomationsView = z.object({
  /** What is queued next for the lead (and its jobs), soonest first; each can be cancelled. */
  queued: z.array(stepView),
  /** Steps cancelled before they ran, latest due first. */
  cancelled: z.array(stepView),
  /** What fired and why, newest first. */
  runs: page(runView),
});
export type LeadAutomationsView = z.infer<typeof leadAutomationsView>;

const orgParams = z.strictObject({ orgId: id });

export const automationRoutes = {
  get: defineRoute({
    method: 'GET',
    path: '/api/orgs/{orgId}/automations',
    name: 'get-automations',
    access: 'org-member',
    summary: "The organization's five automation templates: on or off, settings, next digest",
    params: orgParams,
    response: automationsView,
  }),
  update: defineRoute({
    method: 'PATCH',
    path: '/api/orgs/{orgId}/automations',
    name: 'update-automations',
    access: 'admin',
    summary:
      'Turn templates on or off and configure them; send only the templates that change (version-checked)',
    params: orgParams,
    body: updateAutomationsInput,
    response: automationsView,
    maxBodyBytes: 64 * 1024,
  }),
  listRuns: defineRoute({
    method: 'GET',
    path: '/api/orgs/{orgId}/automation-runs',
    name: 'list-automation-runs',
    access: 'org-member',
    summary: "The organization's automation runs, newest first; filter by automation and outcome",
    params: orgParams,
    query: listRunsQuery,
    response: page(runView),
  }),
  getRun: defineRoute({
    method: 'GET',
    path: '/api/orgs/{orgId}/automation-runs/{runId}',
    name: 'get-automation-run',
    access: 'org-member',
    summary: 'One automation run',
    params: z.strictObject({ orgId: id, runId: id }),
    response: runView,
  }),
  retryRun: defineRoute({
    method: 'POST',
    path: '/api/orgs/{orgId}/automation-runs/{runId}/retry',
    name: 'retry-automation-run',
    access: 'admin',
    summary:
      'Run a failed run again (202; it runs at once, in the background). Recipients who got the email already get nothing twice',
    params: z.strictObject({ orgId: id, runId: id }),
    response: runView,
    status: 202,
  }),
  listAllRuns: defineRoute({
    method: 'GET',
    path: '/api/automation-runs',
    name: 'list-all-automation-runs',
    access: 'admin',
    summary: 'Automation runs of every organization: failed runs first, then the rest, each newest first',
    query: listRunsQuery,
    response: page(runView),
  }),
  listSteps: defineRoute({
    method: 'GET',
    path: '/api/orgs/{orgId}/automation-steps',
    name: 'list-automation-steps',
    access: 'org-member',
    summary: "The organization's automation steps of one status (default: queued), soonest first",
    params: orgParams,
    query: listStepsQuery,
    response: page(stepView),
  }),
  cancelStep: defineRoute({
    method: 'POST',
    path: '/api/orgs/{orgId}/automation-steps/{stepId}/cancel',
    name: 'cancel-automation-step',
    access: 'org-member',
    summary: 'Cancel a queued step (409 once it ran or was cancelled)',
    params: z.strictObject({ orgId: id, stepId: id }),
    response: stepView,
  }),
  leadAutomations: defineRoute({
    method: 'GET',
    path: '/api/orgs/{orgId}/leads/{leadId}/automations',
    name: 'get-lead-automations',
    access: 'org-member',
    summary:
      "A lead's automation timeline: what is queued next and when, what was cancelled, what fired and why",
    params: z.strictObject({ orgId: id, leadId: id }),
    query: pageQuery,
    response: leadAutomationsView,
  }),
} as const;
