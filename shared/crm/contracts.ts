import { cursor, id, multiLineText, page, pageQuery, requiredText, text } from '../http/contracts';
import { defineRoute } from '../http/route';
import { email } from '../identity/contracts';
import { activityView } from '../organizations/contracts';
import * as z from '../schema/zod';

/**
 * Leads and jobs of one organization. The organization always comes from the path (checked against the
 * caller's token by the route policy), never from a body.
 */

/** Where a lead came from: the public form or its embed (later), typed in by staff, or imported. */
export const leadSources = ['form', 'embed', 'manual', 'import'] as const;
export const leadSource = z.enum(leadSources);
export type LeadSource = z.infer<typeof leadSource>;

/**
 * The lead pipeline. Allowed moves (anything else answers 409):
 * - forward through the open statuses: `new` → `contacted` → `qualified`, skipping steps is fine;
 * - any open status (`new`, `contacted`, `qualified`) → `won` or `lost`;
 * - `lost` → `new` reopens a lead;
 * - `won` is final: a returning customer is a new lead.
 */
export const leadStatuses = ['new', 'contacted', 'qualified', 'won', 'lost'] as const;
export const leadStatus = z.enum(leadStatuses);
export type LeadStatus = z.infer<typeof leadStatus>;

/**
 * The job lifecycle. Allowed moves: `scheduled` → `in_progress`, `completed` or `cancelled`;
 * `in_progress` → `completed` or `cancelled`. `completed` and `cancelled` are final.
 */
export const jobStatuses = ['scheduled', 'in_progress', 'completed', 'cancelled'] as const;
export const jobStatus = z.enum(jobStatuses);
export type JobStatus = z.infer<typeof jobStatus>;

const digitsOf = (value: string) => value.replace(/\D/g, '');

/** A phone number as people type it: digits with optional `+`, spaces, dots, dashes and parentheses. */
export const phone = z.string().check(
  z.trim(),
  z.maxLength(40, 'At most 40 characters'),
  z.refine(
    (value) => /^\+?[\d ().-]+$/.test(value) && digitsOf(value).length >= 7 && digitsOf(value).length <= 15,
    'A phone number: 7–15 digits, with spaces, + ( ) . - if you like',
  ),
);

/** A calendar date `YYYY-MM-DD` that exists, read in the organization's time zone. */
export const localDate = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, 'Must be a date YYYY-MM-DD'),
  z.refine((value) => {
    const [year, month, day] = value.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  }, 'Must be a date that exists'),
);

/**
 * A moment to schedule: local wall-clock time in the organization's time zone (`2026-05-04T09:30`), or
 * an instant with an offset (`2026-05-04T14:30:00Z`, `…+02:00`). Stored as UTC either way.
 */
export const scheduleTime = z.string().check(
  z.regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})?$/,
    'Must be a time like 2026-05-04T09:30 (organization time) or with an offset',
  ),
  z.refine((value) => {
    const date = localDate.safeParse(value.slice(0, 10));
    const hour = Number(value.slice(11, 13));
    const minute = Number(value.slice(14, 16));
    return date.success && hour < 24 && minute < 60;
  }, 'Must be a time that exists'),
);

const dateRange = <T extends { from?: string; to?: string }>(value: T) =>
  !value.from || !value.to || value.from <= value.to;
const dateRangeIssue = { path: ['to'], message: 'Must not be before `from`' };

/** Free-text search: lower-cased; a phone-like query matches by digits. */
const search = z.optional(text(100).check(z.toLowerCase()));

// Leads

/**
 * Where a visitor came from when they sent the lead form: the page's `utm_*` parameters, the referrer and
 * the page the form was on. Kept as text; shown as text, never as a link's target without its scheme checked.
 */
export const leadAttribution = z.object({
  utmSource: z.nullable(z.string()),
  utmMedium: z.nullable(z.string()),
  utmCampaign: z.nullable(z.string()),
  utmTerm: z.nullable(z.string()),
  utmContent: z.nullable(z.string()),
  referrer: z.nullable(z.string()),
  landingPage: z.nullable(z.string()),
});
export type LeadAttribution = z.infer<typeof leadAttribution>;

export const leadView = z.object({
  id,
  orgId: id,
  name: z.string(),
  email: z.nullable(z.string()),
  phone: z.nullable(z.string()),
  message: z.string(),
  serviceWanted: z.string(),
  source: leadSource,
  status: leadStatus,
  /** The organization's own notes on the lead; never shown to the person who sent it. */
  notes: z.string(),
  /** Jobs created from this lead, oldest first. */
  jobIds: z.array(id),
  version: z.number().check(z.int()),
  createdAt: z.string(),
  createdBy: z.nullable(z.string()),
  updatedAt: z.string(),
  statusChangedAt: z.string(),
  /** Only on leads from the lead form (first submission). */
  attribution: z.optional(leadAttribution),
});
export type LeadView = z.infer<typeof leadView>;

export const timelineView = activityView;
export type TimelineEntry = z.infer<typeof timelineView>;

export const leadDetailView = z.extend(leadView, {
  /** The lead's own activity, newest first; page on with the lead activity route. */
  timeline: page(timelineView),
});

const contactRequired = (value: { email?: unknown; phone?: unknown }, ctx: z.core.$RefinementCtx) => {
  if (!value.email && !value.phone)
    ctx.addIssue({ code: 'custom', path: ['email'], message: 'Give an email address or a phone number' });
};

export const createLeadInput = z
  .strictObject({
    name: requiredText(120),
    email: z.optional(email),
    phone: z.optional(phone),
    message: z._default(multiLineText(2000), ''),
    serviceWanted: z._default(text(120), ''),
    /** Leads typed in or imported by staff; form and embed leads arrive through the public lead form. */
    source: z._default(z.enum(['manual', 'import']), 'manual'),
    notes: z._default(multiLineText(2000), ''),
  })
  .check(z.superRefine(contactRequired));
export type CreateLeadInput = z.infer<typeof createLeadInput>;

export const updateLeadInput = z
  .strictObject({
    /** The version the editor loaded; a newer one on the server answers 409 with the current version. */
    version: z.number().check(z.int(), z.gte(1)),
    name: z.optional(requiredText(120)),
    /** `null` removes the email; a lead keeps at least one of email and phone. */
    email: z.optional(z.nullable(email)),
    phone: z.optional(z.nullable(phone)),
    message: z.optional(multiLineText(2000)),
    serviceWanted: z.optional(text(120)),
    notes: z.optional(multiLineText(2000)),
  })
  .check(z.refine((value) => Object.keys(value).length > 1, 'Nothing to change'));
export type UpdateLeadInput = z.infer<typeof updateLeadInput>;

export const setLeadStatusInput = z.strictObject({
  version: z.number().check(z.int(), z.gte(1)),
  status: leadStatus,
  /** Why, e.g. why a lead was lost; kept on the lead's timeline. */
  reason: z.optional(multiLineText(500)),
});
export type SetLeadStatusInput = z.infer<typeof setLeadStatusInput>;

const leadFilters = {
  status: z.optional(leadStatus),
  source: z.optional(leadSource),
  /** Created on or after this date (organization time). */
  from: z.optional(localDate),
  /** Created on or before this date (organization time). */
  to: z.optional(localDate),
  /** Part of the name, email or phone number. */
  q: search,
};

export const listLeadsQuery = z.extend(pageQuery, leadFilters).check(z.refine(dateRange, dateRangeIssue));
export type ListLeadsQuery = z.infer<typeof listLeadsQuery>;

export const exportLeadsQuery = z
  .strictObject({ ...leadFilters, cursor: z.optional(cursor) })
  .check(z.refine(dateRange, dateRangeIssue));
export type ExportLeadsQuery = z.infer<typeof exportLeadsQuery>;

/** Most rows in one CSV part; a larger export continues with the `x-next-cursor` header's cursor. */
export const exportRowsPerPart = 500;

// Jobs

const currencyCodes = new Set(Intl.supportedValuesOf('currency'));

/** Money as an integer count of the currency's minor unit (cents) and an ISO 4217 code. */
export const money = z.strictObject({
  amountMinor: z.number().check(z.int('Whole minor units (cents)'), z.gte(0), z.lte(100_000_000_000)),
  currency: z.string().check(
    z.regex(/^[A-Z]{3}$/, 'An ISO 4217 code such as USD'),
    z.refine((code) => currencyCodes.has(code), 'Not a known currency'),
  ),
});
export type Money = z.infer<typeof money>;

export const customer = z
  .strictObject({
    name: requiredText(120),
    email: z._default(z.nullable(email), null),
    phone: z._default(z.nullable(phone), null),
  })
  .check(z.superRefine(contactRequired));
export type Customer = z.infer<typeof customer>;

export const jobView = z.object({
  id,
  orgId: id,
  title: z.string(),
  customer: z.object({ name: z.string(), email: z.nullable(z.string()), phone: z.nullable(z.string()) }),
  address: z.string(),
  /** ISO-8601 UTC. */
  scheduledAt: z.string(),
  /** The same moment on the organization's wall clock, `YYYY-MM-DDTHH:MM`. */
  scheduledAtLocal: z.string(),
  timeZone: z.string(),
  durationMinutes: z.number().check(z.int()),
  status: jobStatus,
  price: z.object({ amountMinor: z.number().check(z.int()), currency: z.string() }),
  notes: z.string(),
  leadId: z.nullable(id),
  version: z.number().check(z.int()),
  createdAt: z.string(),
  createdBy: z.string(),
  updatedAt: z.string(),
  startedAt: z.nullable(z.string()),
  completedAt: z.nullable(z.string()),
  cancelledAt: z.nullable(z.string()),
});
export type JobView = z.infer<typeof jobView>;

const durationMinutes = z.number().check(z.int(), z.gte(5), z.lte(24 * 60));

export const createJobInput = z
  .strictObject({
    /**
     * Create the job from a lead: links it, copies its name and contact (unless `customer` is given) and
     * its service wanted (unless `title` is). `markWon` moves the lead to won in the same write.
     */
    fromLead: z.optional(
      z.strictObject({
        leadId: id,
        version: z.number().check(z.int(), z.gte(1)),
        markWon: z._default(z.boolean(), true),
      }),
    ),
    customer: z.optional(customer),
    title: z.optional(requiredText(120)),
    address: requiredText(300),
    scheduledAt: scheduleTime,
    durationMinutes: z._default(durationMinutes, 60),
    price: money,
    notes: z._default(multiLineText(2000), ''),
  })
  .check(
    z.superRefine((value, ctx) => {
      if (value.fromLead) return;
      if (!value.customer)
        ctx.addIssue({ code: 'custom', path: ['customer'], message: 'Required without fromLead' });
      if (!value.title)
        ctx.addIssue({ code: 'custom', path: ['title'], message: 'Required without fromLead' });
    }),
  );
export type CreateJobInput = z.infer<typeof createJobInput>;

export const updateJobInput = z
  .strictObject({
    version: z.number().check(z.int(), z.gte(1)),
    title: z.optional(requiredText(120)),
    customer: z.optional(customer),
    address: z.optional(requiredText(300)),
    /** Reschedules (only while the job is scheduled). */
    scheduledAt: z.optional(scheduleTime),
    durationMinutes: z.optional(durationMinutes),
    price: z.optional(money),
    notes: z.optional(multiLineText(2000)),
  })
  .check(z.refine((value) => Object.keys(value).length > 1, 'Nothing to change'));
export type UpdateJobInput = z.infer<typeof updateJobInput>;

export const setJobStatusInput = z.strictObject({
  version: z.number().check(z.int(), z.gte(1)),
  status: jobStatus,
  reason: z.optional(multiLineText(500)),
});
export type SetJobStatusInput = z.infer<typeof setJobStatusInput>;

export const listJobsQuery = z
  .extend(pageQuery, {
    status: z.optional(jobStatus),
    /** Scheduled on or after this date (organization time). */
    from: z.optional(localDate),
    /** Scheduled on or before this date (organization time). */
    to: z.optional(localDate),
    /** Part of the customer's name, email or phone, the title or the address. */
    q: search,
  })
  .check(z.refine(dateRange, dateRangeIssue));
export type ListJobsQuery = z.infer<typeof listJobsQuery>;

const orgParams = z.strictObject({ orgId: id });
const leadParams = z.strictObject({ orgId: id, leadId: id });
const jobParams = z.strictObject({ orgId: id, jobId: id });

/**
 * Order matters: the router tries parameterized paths in this order, so `/leads/export` comes before
 * `/leads/{leadId}`.
 */
export const crmRoutes = {
  listLeads: defineRoute({
    method: 'GET',
    path: '/api/orgs/{orgId}/leads',
    name: 'list-leads',
    access: 'org-member',
    summary: 'Leads, newest first; filter by status, source and creation dates; search name, email, phone',
    params: orgParams,
    query: listLeadsQuery,
    response: page(leadView),
  }),
  createLead: defineRoute({
    method: 'POST',
    path: '/api/orgs/{orgId}/leads',
    name: 'create-lead',
    access: 'org-member',
    summary: 'Add a lead by hand (409 with `duplicateOf` when an open lead has the same email or phone)',
    params: orgParams,
    body: createLeadInput,
    response: leadView,
    status: 201,
  }),
  exportLeads: defineRoute({
    method: 'GET',
    path: '/api/orgs/{orgId}/leads/export',
    name: 'export-leads',
    access: 'org-member',
    summary: `Leads as CSV (same filters as the list), up to ${exportRowsPerPart} rows a part; the \`x-next-cursor\` header continues (later parts have no header row)`,
    params: orgParams,
    query: exportLeadsQuery,
    status: 200,
  }),
  getLead: defineRoute({
    method: 'GET',
    path: '/api/orgs/{orgId}/leads/{leadId}',
    name: 'get-lead',
    access: 'org-member',
    summary: 'One lead with the first page of its timeline',
    params: leadParams,
    response: leadDetailView,
  }),
  updateLead: defineRoute({
    method: 'PATCH',
    path: '/api/orgs/{orgId}/leads/{leadId}',
    name: 'update-lead',
    access: 'org-member',
    summary: 'Edit contact, message, service wanted or notes (version-checked)',
    params: leadParams,
    body: updateLeadInput,
    response: leadView,
  }),
  setLeadStatus: defineRoute({
    method: 'POST',
    path: '/api/orgs/{orgId}/leads/{leadId}/status',
    name: 'set-lead-status',
    access: 'org-member',
    summary: 'Move a lead through the pipeline (allowed moves only; version-checked)',
    params: leadParams,
    body: setLeadStatusInput,
    response: leadView,
  }),
  leadTimeline: defineRoute({
    method: 'GET',
    path: '/api/orgs/{orgId}/leads/{leadId}/activity',
    name: 'list-lead-activity',
    access: 'org-member',
    summary: "The lead's timeline, newest first",
    params: leadParams,
    query: pageQuery,
    response: page(timelineView),
  }),
  listJobs: defineRoute({
    method: 'GET',
    path: '/api/orgs/{orgId}/jobs',
    name: 'list-jobs',
    access: 'org-member',
    summary: 'Jobs by scheduled time; filter by status and dates (organization time); search',
    params: orgParams,
    query: listJobsQuery,
    response: page(jobView),
  }),
  createJob: defineRoute({
    method: 'POST',
    path: '/api/orgs/{orgId}/jobs',
    name: 'create-job',
    access: 'org-member',
    summary: 'Schedule a job, directly or from a lead (which may move to won in the same write)',
    params: orgParams,
    body: createJobInput,
    response: jobView,
    status: 201,
  }),
  getJob: defineRoute({
    method: 'GET',
    path: '/api/orgs/{orgId}/jobs/{jobId}',
    name: 'get-job',
    access: 'org-member',
    summary: 'One job',
    params: jobParams,
    response: jobView,
  }),
  updateJob: defineRoute({
    method: 'PATCH',
    path: '/api/orgs/{orgId}/jobs/{jobId}',
    name: 'update-job',
    access: 'org-member',
    summary: 'Edit or reschedule a job (version-checked; rescheduling only while scheduled)',
    params: jobParams,
    body: updateJobInput,
    response: jobView,
  }),
  setJobStatus: defineRoute({
    method: 'POST',
    path: '/api/orgs/{orgId}/jobs/{jobId}/status',
    name: 'set-job-status',
    access: 'org-member',
    summary: 'Start, complete or cancel a job (allowed moves only; version-checked)',
    params: jobParams,
    body: setJobStatusInput,
    response: jobView,
  }),
} as const;
