import type { JobItem, LeadItem } from '../crm';
import { appLink } from '../email/links';
import { type Block, type EmailBranding, type RenderedEmail, renderEmail } from '../email/render';
import type { OrganizationView } from '../organizations/contracts';
import { formatDuration } from './schedule';

/**
 * The automations' emails, built from the one template system (shared/email/render.ts) with the
 * organization's branding. Each builder returns a function of the recipient's unsubscribe link.
 */

export const brandingOf = (org: OrganizationView): EmailBranding => ({
  name: org.name,
  color: org.branding.color,
  logoUrl: org.branding.logoUrl,
});

/** "Tuesday 4 May, 09:30": a moment on the organization's clock. */
export const formatLocal = (instant: string, timeZone: string): string =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(instant));

const sourceLabel: Record<LeadItem['source'], string> = {
  form: 'the lead form',
  embed: 'the website form',
  manual: 'a team member',
  import: 'an import',
};

type Render = (unsubscribeUrl: string) => RenderedEmail;

/** Lead Capture: a user of the organization hears about a new lead. */
export const leadAlertEmail =
  (org: OrganizationView, lead: LeadItem): Render =>
  (unsubscribeUrl) =>
    renderEmail(
      `New lead: ${lead.name}${lead.serviceWanted ? ` (${lead.serviceWanted})` : ''}`,
      [
        { kind: 'paragraph', text: `A new lead arrived through ${sourceLabel[lead.source]}.` },
        {
          kind: 'facts',
          rows: [
            ['Name', lead.name],
            ...(lead.email ? [['Email', lead.email] as const] : []),
            ...(lead.phone ? [['Phone', lead.phone] as const] : []),
            ...(lead.serviceWanted ? [['Service wanted', lead.serviceWanted] as const] : []),
            ['Arrived', formatLocal(lead.createdAt, org.timeZone)],
          ],
        },
        ...(lead.message ? [{ kind: 'note', text: `“${lead.message}”` } as const] : []),
        { kind: 'button', label: 'Open the lead', url: appLink('lead', { leadId: lead.id }) },
      ],
      brandingOf(org),
      { reason: `You get new-lead alerts as a user of ${org.name} on Portico.`, unsubscribeUrl },
    );

/** Fills `{name}`, `{business}` and `{service}` into a follow-up's text. */
export const fillTemplate = (text: string, values: { name: string; business: string; service: string }) =>
  text
    .replaceAll('{name}', values.name)
    .replaceAll('{business}', values.business)
    .replaceAll('{service}', values.service || 'your request');

const paragraphs = (text: string): Block[] =>
  text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => ({ kind: 'paragraph', text: paragraph }));

/** Follow-Up Sequence: one step's message to a lead that is still new. */
export const followUpEmail =
  (org: OrganizationView, lead: LeadItem, step: { subject: string; body: string }): Render =>
  (unsubscribeUrl) => {
    const values = { name: lead.name, business: org.name, service: lead.serviceWanted };
    return renderEmail(
      fillTemplate(step.subject, values),
      paragraphs(fillTemplate(step.body, values)),
      brandingOf(org),
      {
        reason: `You contacted ${org.name}${lead.serviceWanted ? ` about ${lead.serviceWanted}` : ''}.`,
        unsubscribeUrl,
      },
    );
  };

const jobFacts = (job: JobItem, timeZone: string): Block => ({
  kind: 'facts',
  rows: [
    ['What', job.title],
    ['When', `${formatLocal(job.scheduledAt, timeZone)} (${job.durationMinutes} min)`],
    ['Where', job.address],
  ],
});

/** Appointment Helper: the customer's confirmation of a scheduled (or moved) job. */
export const jobConfirmationEmail =
  (org: OrganizationView, job: JobItem, moved: boolean): Render =>
  (unsubscribeUrl) =>
    renderEmail(
      `${moved ? 'Moved' : 'Confirmed'}: ${job.title} on ${formatLocal(job.scheduledAt, org.timeZone)}`,
      [
        { kind: 'paragraph', text: `Hello ${job.customer.name},` },
        {
          kind: 'paragraph',
          text: moved
            ? `${org.name} moved your appointment. Here is the new time:`
            : `${org.name} has you booked in. Here are the details:`,
        },
        jobFacts(job, org.timeZone),
        { kind: 'paragraph', text: 'Need to change something? Just reply to this email.' },
      ],
      brandingOf(org),
      { reason: `You have an appointment with ${org.name}.`, unsubscribeUrl },
    );

/** Appointment Helper: the customer's reminder before a job. */
export const jobReminderEmail =
  (org: OrganizationView, job: JobItem): Render =>
  (unsubscribeUrl) =>
    renderEmail(
      `Reminder: ${job.title} on ${formatLocal(job.scheduledAt, org.timeZone)}`,
      [
        { kind: 'paragraph', text: `Hello ${job.customer.name},` },
        { kind: 'paragraph', text: `A friendly reminder of your appointment with ${org.name}:` },
        jobFacts(job, org.timeZone),
        { kind: 'paragraph', text: 'Need to change something? Just reply to this email.' },
      ],
      brandingOf(org),
      { reason: `You have an appointment with ${org.name}.`, unsubscribeUrl },
    );

/** Appointment Helper: the reminder of a call booked with the agency. */
export const bookingReminderEmail =
  (
    org: OrganizationView,
    booking: { bookedBy: string; start: string; end: string; projectName: string | null },
  ): Render =>
  (unsubscribeUrl) =>
    renderEmail(
      `Reminder: your call on ${formatLocal(booking.start, org.timeZone)}`,
      [
        { kind: 'paragraph', text: `Hello ${booking.bookedBy},` },
        {
          kind: 'paragraph',
          text: `A reminder of your call${booking.projectName ? ` about ${booking.projectName}` : ''} on ${formatLocal(booking.start, org.timeZone)} (${org.timeZone}).`,
        },
        { kind: 'paragraph', text: 'You can move or cancel it from your dashboard.' },
        { kind: 'button', label: 'Open your dashboard', url: appLink('home') },
      ],
      brandingOf(org),
      { reason: `You booked a call for ${org.name}.`, unsubscribeUrl },
    );

/** Review request: every customer of a completed job is asked, the same way. */
export const reviewRequestEmail =
  (org: OrganizationView, job: JobItem, reviewUrl: string): Render =>
  (unsubscribeUrl) =>
    renderEmail(
      `How did we do? Your review helps ${org.name}`,
      [
        { kind: 'paragraph', text: `Hello ${job.customer.name},` },
        {
          kind: 'paragraph',
          text: `Thank you for choosing ${org.name} for ${job.title}. Would you take a minute to share how it went? Your review helps other customers and helps us get better.`,
        },
        { kind: 'button', label: 'Leave a review', url: reviewUrl },
      ],
      brandingOf(org),
      { reason: `${org.name} completed a job for you.`, unsubscribeUrl },
    );

export interface DigestContent {
  readonly localDate: string;
  readonly yesterday: string;
  readonly leadsYesterday: {
    readonly count: number;
    readonly more: boolean;
    readonly names: readonly string[];
  };
  readonly waiting: {
    readonly count: number;
    readonly more: boolean;
    readonly longest: readonly { readonly name: string; readonly waitingMinutes: number }[];
  };
  readonly medianResponseMinutes: number | undefined;
  readonly respondedLeads: number;
  readonly jobsToday: readonly { readonly at: string; readonly title: string; readonly customer: string }[];
  readonly runs: {
    readonly total: number;
    readonly succeeded: number;
    readonly skipped: number;
    readonly failed: number;
    readonly failures: readonly string[];
  };
}

const longDate = (date: string) =>
  new Intl.DateTimeFormat('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(new Date(`${date}T12:00:00Z`));

const count = (n: number, more: boolean, noun: string) =>
  `${n}${more ? '+' : ''} ${noun}${n === 1 && !more ? '' : 's'}`;

/** Daily Digest: the morning summary for each user of the organization. */
export const digestEmail =
  (org: OrganizationView, content: DigestContent): Render =>
  (unsubscribeUrl) => {
    const { leadsYesterday, waiting, runs } = content;
    return renderEmail(
      `${org.name} today: ${count(leadsYesterday.count, leadsYesterday.more, 'new lead')}, ${count(content.jobsToday.length, false, 'job')}`,
      [
        { kind: 'paragraph', text: `Good morning! Here is ${org.name} for ${longDate(content.localDate)}.` },
        {
          kind: 'facts',
          rows: [
            [
              `New leads yesterday (${longDate(content.yesterday)})`,
              `${leadsYesterday.count}${leadsYesterday.more ? '+' : ''}`,
            ],
            ['Waiting for a first response', `${waiting.count}${waiting.more ? '+' : ''}`],
            [
              'Median time to first response (30 days)',
              content.medianResponseMinutes === undefined
                ? 'no responses yet'
                : `${formatDuration(content.medianResponseMinutes)} (${content.respondedLeads} leads)`,
            ],
            ['Jobs today', String(content.jobsToday.length)],
            ['Automation runs yesterday', `${runs.total} (${runs.failed} failed)`],
          ],
        },
        ...(leadsYesterday.names.length
          ? [
              { kind: 'heading', text: "Yesterday's leads" } as const,
              { kind: 'list', items: leadsYesterday.names } as const,
            ]
          : []),
        ...(waiting.longest.length
          ? [
              { kind: 'heading', text: 'Still waiting for a first response' } as const,
              {
                kind: 'list',
                items: waiting.longest.map(
                  (lead) => `${lead.name} — waiting ${formatDuration(lead.waitingMinutes)}`,
                ),
              } as const,
              { kind: 'button', label: 'Answer new leads', url: appLink('leads') } as const,
            ]
          : []),
        { kind: 'heading', text: "Today's jobs" },
        content.jobsToday.length
          ? {
              kind: 'list',
              items: content.jobsToday.map((job) => `${job.at} ${job.title} — ${job.customer}`),
            }
          : { kind: 'paragraph', text: 'No jobs scheduled today.' },
        { kind: 'heading', text: 'Automations yesterday' },
        {
          kind: 'paragraph',
          text: `${runs.succeeded} succeeded, ${runs.skipped} had nothing to do, ${runs.failed} failed.`,
        },
        ...(runs.failures.length ? [{ kind: 'list', items: runs.failures } as const] : []),
      ],
      brandingOf(org),
      { reason: `You get the daily digest as a user of ${org.name} on Portico.`, unsubscribeUrl },
    );
  };
