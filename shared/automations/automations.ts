import { decodeTime } from 'ulid';
import * as booking from '../booking';
import type { JobItem, LeadItem } from '../crm';
import * as crm from '../crm';
import type { EventDetail } from '../events/catalog';
import type { Delivery } from '../events/consumer';
import type { OrganizationView } from '../organizations/contracts';
import type { DueItem } from '../platform';
import { loadWorkspace } from '../workspace';
import { settingsOf } from './config';
import type { ConfigItem } from './config-repository';
import * as configStore from './config-repository';
import type { AutomationId, AutomationSettings, RunView } from './contracts';
import { runDigest } from './digest';
import {
  bookingReminderEmail,
  fillTemplate,
  followUpEmail,
  formatLocal,
  jobConfirmationEmail,
  jobReminderEmail,
  leadAlertEmail,
  reviewRequestEmail,
} from './emails';
import { DeliveryError, deliverAll, type Mail, type Outcome, withRun } from './engine';
import { putJobEvent, removeJobEvent } from './job-calendar';
import { appendLeadRow, type SheetRowResult } from './lead-sheet';
import { activeUsers, replyAddress } from './recipients';
import * as responseStore from './response-repository';
import type { RunStart } from './run-repository';
import * as runStore from './run-repository';
import { outsideQuietHours, runIdFor, stepIdFor } from './schedule';
import type { StepItem, StepKind } from './step-repository';
import * as stepStore from './step-repository';

/**
 * What the automations do when something happens: each domain event, each queued step coming due, and
 * an admin's retry. Every action is idempotent — runs, steps and sends have stable ids — because
 * EventBridge delivers at least once and the due-work tick retries.
 */

type Trigger = RunView['trigger'];

interface Context {
  readonly org: OrganizationView;
  readonly settings: AutomationSettings;
}

/** The organization and its settings, when it is active and has automations configured. */
const loadContext = async (orgId: string): Promise<Context | undefined> => {
  const { org, config } = await configStore.getConfigWithOrganization(orgId);
  if (org?.status !== 'active' || !config) return undefined;
  return { org, settings: settingsOf(config) };
};

/** Runs independent actions of one trigger; one's failure neither stops the others nor is lost. */
const allOf = async (actions: readonly (() => Promise<unknown>)[]): Promise<void> => {
  let failure: unknown;
  for (const action of actions) {
    try {
      await action();
    } catch (error) {
      failure ??= error;
    }
  }
  if (failure) throw failure;
};

const runStart = (
  ctx: Context,
  fields: Pick<RunStart, 'automation' | 'action' | 'reason' | 'work'> & {
    readonly key: string;
    readonly trigger: Trigger;
    readonly triggeredAt: Date;
    readonly leadId?: string | null;
    readonly jobId?: string | null;
    readonly bookingId?: string | null;
    /** A retry names the run it repeats. */
    readonly runId?: string;
  },
): RunStart => ({
  id: fields.runId ?? runIdFor(fields.key, fields.triggeredAt),
  orgId: ctx.org.id,
  organizationName: ctx.org.name,
  automation: fields.automation,
  action: fields.action,
  trigger: fields.trigger,
  reason: fields.reason,
  leadId: fields.leadId ?? null,
  jobId: fields.jobId ?? null,
  bookingId: fields.bookingId ?? null,
  work: fields.work,
  startedAt: new Date().toISOString(),
});

const skipped = (detail: string): Outcome => ({ outcome: 'skipped', detail, emailsSent: 0 });

const eventTrigger = (type: string, delivery: Delivery): Trigger => ({
  kind: 'event',
  type,
  ref: delivery.id,
});

interface RunIdentity {
  readonly trigger: Trigger;
  readonly triggeredAt: Date;
  readonly runId?: string;
}

// Lead Capture

const sourceWords: Record<LeadItem['source'], string> = {
  form: 'the lead form',
  embed: 'the website form',
  manual: 'a team member',
  import: 'an import',
};

const runLeadCapture = (ctx: Context, lead: LeadItem, identity: RunIdentity) =>
  withRun(
    runStart(ctx, {
      ...identity,
      key: `lead-capture:${lead.id}`,
      automation: 'lead-capture',
      action: `New-lead alert for ${lead.name}`,
      reason: `${lead.name} arrived through ${sourceWords[lead.source]}; Lead Capture alerts the organization's users${ctx.settings.leadCapture.googleSheetsRow.enabled ? ' and adds the lead to its Google Sheet' : ''}`,
      leadId: lead.id,
      work: { kind: 'lead-capture', leadId: lead.id },
    }),
    async (run) => {
      const { leadCapture } = ctx.settings;
      if (!leadCapture.enabled) return skipped('Lead Capture is off');
      const alerts = await alertUsers(ctx, lead, run);
      if (!leadCapture.googleSheetsRow.enabled) return alerts;
      // After the alerts: a sheet Google refuses must not hold up the people waiting for the lead. A retry
      // sends no alert twice and adds the row once.
      let row: SheetRowResult;
      try {
        row = await appendLeadRow(run, ctx.org, lead, leadCapture.googleSheetsRow);
      } catch (error) {
        throw new DeliveryError(
          `${alerts.detail}. The Google Sheets row could not be written`,
          alerts.emailsSent,
          error,
        );
      }
      return {
        ...alerts,
        outcome: row.written ? 'succeeded' : alerts.outcome,
        detail: `${alerts.detail}. ${row.detail}`,
      };
    },
  );

const alertUsers = async (ctx: Context, lead: LeadItem, run: { orgId: string; id: string }) => {
  if (!ctx.settings.leadCapture.notifyUsers) return skipped('User alerts are off');
  const users = await activeUsers(ctx.org.id);
  if (users.length === 0) return skipped('The organization has no active users');
  const mails: Mail[] = users.map((user) => ({
    to: user.email,
    list: 'lead-alerts',
    render: leadAlertEmail(ctx.org, lead),
  }));
  return deliverAll(run, mails, 'user');
};

// Follow-Up Sequence

const hour = 3_600_000;

const queueFollowUps = async (ctx: Context, lead: LeadItem) => {
  if (lead.status !== 'new' || !lead.email) return;
  const { steps } = ctx.settings.followUpSequence;
  const quiet = ctx.settings.reviewRequest.quietHours;
  const created = Date.parse(lead.createdAt);
  const now = Date.now();
  let queued = 0;
  for (const [index, step] of steps.entries()) {
    const wanted = created + step.afterHours * hour;
    // A lead backdated past a step's moment does not get that step late.
    if (wanted <= now) continue;
    // Like review requests, follow-ups never land in the organization's quiet hours.
    const dueAt = outsideQuietHours(new Date(wanted), quiet, ctx.org.timeZone).getTime();
    const deferred = dueAt !== wanted ? `, at the end of quiet hours (${quiet!.end})` : '';
    await stepStore.queueStep({
      id: stepIdFor(`follow-up:${lead.id}:${index}`),
      orgId: ctx.org.id,
      automation: 'follow-up-sequence',
      kind: 'follow-up',
      label: `Follow-up ${index + 1} of ${steps.length}: ${fillTemplate(step.subject, {
        name: lead.name,
        business: ctx.org.name,
        service: lead.serviceWanted,
      })}`,
      dueAt: new Date(dueAt).toISOString(),
      status: 'queued',
      reason: `Sent if ${lead.name} is still new ${step.afterHours} h after arriving${deferred}`,
      recipient: lead.email,
      leadId: lead.id,
      jobId: null,
      bookingId: null,
      runId: null,
      createdAt: new Date(now).toISOString(),
      cancelledAt: null,
      cancelledBy: null,
      scheduledFor: lead.createdAt,
      payload: { index },
    });
    queued++;
  }
  // The lead may have moved on while these were written, after its lead.updated looked for steps to
  // cancel: looking again closes that gap (one of the two always sees the other).
  if (queued === 0) return;
  const current = await crm.getLead(ctx.org.id, lead.id);
  if (current && current.status !== 'new')
    await cancelLeadSteps(
      ctx.org.id,
      lead.id,
      'follow-up-sequence',
      `Stopped: the lead moved to ${current.status}`,
    );
};

/** Cancels a lead's queued steps of one automation, saying why. */
const cancelLeadSteps = async (
  orgId: string,
  leadId: string,
  automation: AutomationId,
  reason: string,
  exceptStepId?: string,
) => {
  const steps = await stepStore.listLeadSteps(orgId, leadId);
  const now = new Date().toISOString();
  let cancelled = 0;
  for (const step of steps) {
    if (step.automation !== automation || step.status !== 'queued' || step.id === exceptStepId) continue;
    if (
      await stepStore.setStepStatus(step, ['queued'], 'cancelled', {
        reason,
        cancelledAt: now,
        cancelledBy: 'Portico',
      })
    )
      cancelled++;
  }
  return cancelled;
};

export const onLeadCreated = async (detail: EventDetail<'lead.created'>, delivery: Delivery) => {
  const [ctx, lead] = await Promise.all([
    loadContext(detail.orgId),
    crm.getLead(detail.orgId, detail.leadId),
  ]);
  if (!ctx || !lead) return;
  // Imported leads are history, not news: no alert storm, no follow-ups to old contacts.
  if (lead.source === 'import') return;
  const identity = { trigger: eventTrigger('lead.created', delivery), triggeredAt: new Date(delivery.time) };
  await allOf([
    async () => ctx.settings.leadCapture.enabled && runLeadCapture(ctx, lead, identity),
    async () => ctx.settings.followUpSequence.enabled && queueFollowUps(ctx, lead),
  ]);
};

export const onLeadUpdated = async (detail: EventDetail<'lead.updated'>, delivery: Delivery) => {
  if (detail.previousStatus !== 'new' || detail.status === 'new') return;
  // A lead's id is minted when it arrives: its first response time needs no read.
  const createdAt = new Date(decodeTime(detail.leadId)).toISOString();
  await allOf([
    () => responseStore.recordFirstResponse(detail.orgId, detail.leadId, createdAt, delivery.time),
    () =>
      cancelLeadSteps(
        detail.orgId,
        detail.leadId,
        'follow-up-sequence',
        `Stopped: the lead moved to ${detail.status}`,
      ),
  ]);
};

/** An unsubscribed customer's queued follow-ups stop at once (later mail to them is refused anyway). */
export const onUnsubscribed = async (detail: EventDetail<'email.unsubscribed'>) => {
  if (detail.list !== 'customer') return;
  const leadId = await responseStore.findOpenLeadIdByEmail(detail.orgId, detail.address);
  if (!leadId) return;
  await cancelLeadSteps(detail.orgId, leadId, 'follow-up-sequence', 'Stopped: the recipient unsubscribed');
};

// Appointment Helper

const runJobConfirmation = (ctx: Context, job: JobItem, moved: boolean, identity: RunIdentity) =>
  withRun(
    runStart(ctx, {
      ...identity,
      key: `appointment-confirmation:${job.id}:${job.scheduledAt}`,
      automation: 'appointment-helper',
      action: `${moved ? 'New time' : 'Confirmation'} to ${job.customer.name}`,
      reason: `${job.title} was ${moved ? 'moved to' : 'scheduled for'} ${formatLocal(job.scheduledAt, ctx.org.timeZone)}`,
      leadId: job.leadId,
      jobId: job.id,
      work: { kind: 'appointment-confirmation', jobId: job.id, scheduledAt: job.scheduledAt },
    }),
    async (run) => {
      const { appointmentHelper } = ctx.settings;
      if (!appointmentHelper.enabled || !appointmentHelper.jobs || !appointmentHelper.sendConfirmation)
        return skipped('Job confirmations are off');
      const current = await crm.getJob(ctx.org.id, job.id);
      if (current?.status !== 'scheduled' || current.scheduledAt !== job.scheduledAt)
        return skipped('The job was moved, started or cancelled since');
      if (!current.customer.email) return skipped('The customer has no email address');
      return deliverAll(
        run,
        [
          {
            to: current.customer.email,
            list: 'customer',
            render: jobConfirmationEmail(ctx.org, current, moved),
            senderName: ctx.org.name,
            replyTo: await replyAddress(ctx.org.id),
          },
        ],
        'customer',
      );
    },
  );

const runJobCalendar = (ctx: Context, job: JobItem, moved: boolean, identity: RunIdentity) =>
  withRun(
    runStart(ctx, {
      ...identity,
      key: `appointment-calendar:${job.id}:${job.scheduledAt}`,
      automation: 'appointment-helper',
      action: `${moved ? 'Move' : 'Add'} ${job.title} for ${job.customer.name} in Google Calendar`,
      reason: `${job.title} was ${moved ? 'moved to' : 'scheduled for'} ${formatLocal(job.scheduledAt, ctx.org.timeZone)}; the organization's Google Calendar shows its jobs`,
      leadId: job.leadId,
      jobId: job.id,
      work: { kind: 'appointment-calendar', jobId: job.id, scheduledAt: job.scheduledAt },
    }),
    async () => {
      const { appointmentHelper } = ctx.settings;
      if (!appointmentHelper.enabled || !appointmentHelper.jobs || !appointmentHelper.addToCalendar)
        return skipped('Adding jobs to Google Calendar is off');
      const current = await crm.getJob(ctx.org.id, job.id);
      if (current?.status !== 'scheduled' || current.scheduledAt !== job.scheduledAt)
        return skipped('The job was moved, started or cancelled since');
      return putJobEvent(ctx.org, current);
    },
  );

interface ReminderTarget {
  readonly kind: Extract<StepKind, 'job-reminder' | 'booking-reminder'>;
  readonly id: string;
  readonly start: string;
  readonly recipient: string;
  readonly leadId: string | null;
  readonly label: string;
}

/**
 * Queues the reminder a set time before an appointment, or moves it with the appointment. One that
 * would be due already is not queued, and a queued one for an earlier time is cancelled.
 */
const queueReminder = async (ctx: Context, target: ReminderTarget) => {
  const minutes = ctx.settings.appointmentHelper.reminderMinutesBefore;
  const stepId = stepIdFor(`${target.kind}:${target.id}`);
  const dueAt = minutes === null ? undefined : Date.parse(target.start) - minutes * 60_000;
  if (dueAt === undefined || dueAt <= Date.now()) {
    const existing = await stepStore.getStep(ctx.org.id, stepId);
    if (existing?.status === 'queued' && existing.scheduledFor !== target.start)
      await stepStore.setStepStatus(existing, ['queued'], 'cancelled', {
        reason: 'The appointment moved too close for a reminder',
        cancelledAt: new Date().toISOString(),
        cancelledBy: 'Portico',
      });
    return;
  }
  const isJob = target.kind === 'job-reminder';
  await stepStore.queueStep({
    id: stepId,
    orgId: ctx.org.id,
    automation: 'appointment-helper',
    kind: target.kind,
    label: `Reminder: ${target.label}`,
    dueAt: new Date(dueAt).toISOString(),
    status: 'queued',
    reason: `${formatDurationBefore(minutes!)} before the appointment on ${formatLocal(target.start, ctx.org.timeZone)}`,
    recipient: target.recipient,
    leadId: target.leadId,
    jobId: isJob ? target.id : null,
    bookingId: isJob ? null : target.id,
    runId: null,
    createdAt: new Date().toISOString(),
    cancelledAt: null,
    cancelledBy: null,
    scheduledFor: target.start,
    payload: {},
  });
};

const formatDurationBefore = (minutes: number) =>
  minutes % (24 * 60) === 0
    ? `${minutes / (24 * 60)} day${minutes === 24 * 60 ? '' : 's'}`
    : minutes % 60 === 0
      ? `${minutes / 60} h`
      : `${minutes} min`;

export const onJobScheduled = async (detail: EventDetail<'job.scheduled'>, delivery: Delivery) => {
  const [ctx, job] = await Promise.all([loadContext(detail.orgId), crm.getJob(detail.orgId, detail.jobId)]);
  const helper = ctx?.settings.appointmentHelper;
  if (!ctx || !helper?.enabled || !helper.jobs) return;
  // Moved again (or started, or cancelled) since this event: the later event, or nothing, applies.
  if (job?.status !== 'scheduled' || job.scheduledAt !== detail.scheduledAt) return;
  const identity = { trigger: eventTrigger('job.scheduled', delivery), triggeredAt: new Date(delivery.time) };
  await allOf([
    // A job entered after the fact (scheduled in the past) needs no confirmation.
    async () =>
      helper.sendConfirmation &&
      Date.parse(job.scheduledAt) > Date.now() &&
      runJobConfirmation(ctx, job, detail.previousScheduledAt !== null, identity),
    // Only for an organization with Google Workspace: the others would collect a skipped run per job.
    async () =>
      helper.addToCalendar &&
      (await loadWorkspace(ctx.org.id)) &&
      runJobCalendar(ctx, job, detail.previousScheduledAt !== null, identity),
    async () =>
      job.customer.email &&
      queueReminder(ctx, {
        kind: 'job-reminder',
        id: job.id,
        start: job.scheduledAt,
        recipient: job.customer.email,
        leadId: job.leadId,
        label: `${job.title} for ${job.customer.name}`,
      }),
  ]);
};

/** Bookings already get a confirmation from the booking module; the helper adds the reminder. */
export const onBookingScheduled = async (
  detail: EventDetail<'booking.created'> | EventDetail<'booking.rescheduled'>,
) => {
  const [ctx, found] = await Promise.all([
    loadContext(detail.orgId),
    booking.getBooking(detail.orgId, detail.bookingId),
  ]);
  const helper = ctx?.settings.appointmentHelper;
  if (!ctx || !helper?.enabled || !helper.bookings) return;
  if (found?.status !== 'confirmed' || found.start !== detail.start) return;
  await queueReminder(ctx, {
    kind: 'booking-reminder',
    id: found.id,
    start: found.start,
    recipient: found.bookedByEmail,
    leadId: null,
    label: `call of ${found.bookedBy}`,
  });
};

export const onBookingCancelled = async (detail: EventDetail<'booking.cancelled'>) => {
  const step = await stepStore.getStep(detail.orgId, stepIdFor(`booking-reminder:${detail.bookingId}`));
  if (step?.status !== 'queued') return;
  await stepStore.setStepStatus(step, ['queued'], 'cancelled', {
    reason: 'The booking was cancelled',
    cancelledAt: new Date().toISOString(),
    cancelledBy: 'Portico',
  });
};

// Review request

/** A completed job needs no reminder any more. */
const cancelJobReminder = async (orgId: string, jobId: string, reason: string) => {
  const step = await stepStore.getStep(orgId, stepIdFor(`job-reminder:${jobId}`));
  if (step?.status !== 'queued') return;
  await stepStore.setStepStatus(step, ['queued'], 'cancelled', {
    reason,
    cancelledAt: new Date().toISOString(),
    cancelledBy: 'Portico',
  });
};

/** A cancelled job needs no reminder, and its event leaves the organization's calendar. */
export const onJobCancelled = async (detail: EventDetail<'job.cancelled'>) => {
  await cancelJobReminder(detail.orgId, detail.jobId, 'The job is cancelled');
  await removeJobEvent(detail.orgId, detail.jobId);
};

export const onJobCompleted = async (detail: EventDetail<'job.completed'>) => {
  const [ctx, job] = await Promise.all([loadContext(detail.orgId), crm.getJob(detail.orgId, detail.jobId)]);
  await cancelJobReminder(detail.orgId, detail.jobId, 'The job is completed');
  const review = ctx?.settings.reviewRequest;
  if (!ctx || !review?.enabled || !review.reviewUrl || !job?.customer.email) return;
  const wanted = new Date(Date.parse(detail.completedAt) + review.delayHours * hour);
  const dueAt = outsideQuietHours(wanted, review.quietHours, ctx.org.timeZone);
  const deferred = dueAt.getTime() !== wanted.getTime();
  await stepStore.queueStep({
    id: stepIdFor(`review-request:${job.id}`),
    orgId: ctx.org.id,
    automation: 'review-request',
    kind: 'review-request',
    label: `Review request to ${job.customer.name}`,
    dueAt: dueAt.toISOString(),
    status: 'queued',
    reason: `${job.title} was completed; asked ${review.delayHours} h later${deferred ? `, at the end of quiet hours (${review.quietHours!.end})` : ''}`,
    recipient: job.customer.email,
    leadId: job.leadId,
    jobId: job.id,
    bookingId: null,
    runId: null,
    createdAt: new Date().toISOString(),
    cancelledAt: null,
    cancelledBy: null,
    // One request per job, ever: completing is final, and a redelivery finds the step queued already.
    scheduledFor: job.id,
    payload: {},
  });
};

// Steps coming due

const stepWork = async (
  ctx: Context,
  step: StepItem,
  run: { orgId: string; id: string },
): Promise<Outcome> => {
  const { settings, org } = ctx;
  switch (step.kind) {
    case 'follow-up': {
      if (!settings.followUpSequence.enabled) return skipped('Follow-Up Sequence is off');
      const lead = await crm.getLead(org.id, step.leadId!);
      if (!lead) return skipped('The lead is gone');
      if (lead.status !== 'new') return skipped(`The lead is ${lead.status} now`);
      if (!lead.email) return skipped('The lead has no email address');
      const template = settings.followUpSequence.steps[Number(step.payload.index)];
      if (!template) return skipped('This step was removed from the sequence');
      const outcome = await deliverAll(
        run,
        [
          {
            to: lead.email,
            list: 'customer',
            render: followUpEmail(org, lead, template),
            senderName: org.name,
            replyTo: await replyAddress(org.id),
          },
        ],
        'lead',
      );
      // Unsubscribed or bounced: the rest of the sequence would be refused too, so it stops here.
      if (outcome.outcome === 'skipped')
        await cancelLeadSteps(
          org.id,
          lead.id,
          'follow-up-sequence',
          'Stopped: the recipient unsubscribed or their address bounced',
          step.id,
        );
      return outcome;
    }
    case 'job-reminder': {
      const helper = settings.appointmentHelper;
      if (!helper.enabled || !helper.jobs || helper.reminderMinutesBefore === null)
        return skipped('Job reminders are off');
      const job = await crm.getJob(org.id, step.jobId!);
      if (job?.status !== 'scheduled') return skipped(`The job is ${job?.status ?? 'gone'}`);
      if (job.scheduledAt !== step.scheduledFor)
        return skipped('The job was moved; its new reminder is queued');
      if (!job.customer.email) return skipped('The customer has no email address');
      return deliverAll(
        run,
        [
          {
            to: job.customer.email,
            list: 'customer',
            render: jobReminderEmail(org, job),
            senderName: org.name,
            replyTo: await replyAddress(org.id),
          },
        ],
        'customer',
      );
    }
    case 'booking-reminder': {
      const helper = settings.appointmentHelper;
      if (!helper.enabled || !helper.bookings || helper.reminderMinutesBefore === null)
        return skipped('Booking reminders are off');
      const found = await booking.getBooking(org.id, step.bookingId!);
      if (found?.status !== 'confirmed') return skipped('The booking was cancelled');
      if (found.start !== step.scheduledFor)
        return skipped('The booking was moved; its new reminder is queued');
      return deliverAll(
        run,
        [{ to: found.bookedByEmail, list: 'customer', render: bookingReminderEmail(org, found) }],
        'booker',
      );
    }
    case 'review-request': {
      const review = settings.reviewRequest;
      if (!review.enabled || !review.reviewUrl) return skipped('Review requests are off');
      const job = await crm.getJob(org.id, step.jobId!);
      if (job?.status !== 'completed') return skipped('The job is not completed');
      if (!job.customer.email) return skipped('The customer has no email address');
      return deliverAll(
        run,
        [
          {
            to: job.customer.email,
            list: 'customer',
            render: reviewRequestEmail(org, job, review.reviewUrl),
            senderName: org.name,
            replyTo: await replyAddress(org.id),
          },
        ],
        'customer',
      );
    }
  }
};

const stepAutomation: Record<StepKind, AutomationId> = {
  'follow-up': 'follow-up-sequence',
  'job-reminder': 'appointment-helper',
  'booking-reminder': 'appointment-helper',
  'review-request': 'review-request',
};

/** Mail to customers that waits out the organization's quiet hours; reminders keep their moment. */
const quietKinds: readonly StepKind[] = ['review-request', 'follow-up'];

/**
 * Runs a step that came due (or is retried): a review request or follow-up inside quiet hours waits
 * for their end; anything else becomes a run, and the step records how it went.
 */
const executeStep = async (ctx: Context, step: StepItem, now: Date, runId?: string) => {
  const quiet = ctx.settings.reviewRequest.quietHours;
  if (quietKinds.includes(step.kind) && !runId) {
    const allowed = outsideQuietHours(now, quiet, ctx.org.timeZone);
    if (allowed.getTime() > now.getTime()) {
      await stepStore.deferStep(
        step,
        allowed,
        `${step.reason}; it came due in quiet hours and waits until ${quiet!.end}`,
      );
      return;
    }
  }
  const start = runStart(ctx, {
    key: `step:${step.id}:${step.scheduledFor}`,
    trigger: { kind: 'step', type: step.kind, ref: step.id },
    triggeredAt: new Date(step.dueAt),
    runId,
    automation: stepAutomation[step.kind],
    action: step.label,
    reason: step.reason,
    leadId: step.leadId,
    jobId: step.jobId,
    bookingId: step.bookingId,
    work: { kind: 'step', stepId: step.id },
  });
  try {
    const outcome = await withRun(start, (run) => stepWork(ctx, step, run));
    await stepStore.setStepStatus(
      step,
      ['queued', 'failed'],
      outcome?.outcome === 'skipped' ? 'skipped' : 'done',
      {
        runId: start.id,
      },
    );
  } catch (error) {
    await stepStore.setStepStatus(step, ['queued', 'failed'], 'failed', { runId: start.id });
    throw error;
  }
};

/** The due-work tick's runner for automation steps. */
export const runDueStep = async (item: DueItem, now: Date): Promise<void> => {
  const { orgId, stepId, generation } = item.payload as { orgId: string; stepId: string; generation: number };
  const step = await stepStore.getStep(orgId, stepId);
  // Moved or deferred since (a newer due item runs it), cancelled, or done: nothing to do.
  if (!step || step.generation !== generation || !['queued', 'failed'].includes(step.status)) return;
  const { org, config } = await configStore.getConfigWithOrganization(orgId);
  if (org?.status !== 'active') {
    await stepStore.setStepStatus(step, ['queued', 'failed'], 'skipped', {
      reason: 'The organization is archived',
    });
    return;
  }
  await executeStep({ org, settings: settingsOf(config) }, step, now);
};

// Retries

/** Runs a failed run's work again, as the same run: recipients who got the email get nothing twice. */
export const onRetryRequested = async (detail: EventDetail<'automation.retry-requested'>) => {
  const run = await runStore.getRun(detail.orgId, detail.runId);
  if (run?.outcome !== 'retrying') return;
  const { org, config } = await configStore.getConfigWithOrganization(detail.orgId);
  if (!org) return;
  const ctx: Context = { org, settings: settingsOf(config as ConfigItem | undefined) };
  const identity = { trigger: run.trigger, triggeredAt: new Date(run.startedAt), runId: run.id };
  const work = run.work;
  const gone = (what: string) =>
    withRun(
      runStart(ctx, {
        ...identity,
        key: run.id,
        automation: run.automation,
        action: run.action,
        reason: run.reason,
        work,
      }),
      async () => skipped(`${what} is gone`),
    );
  switch (work.kind) {
    case 'lead-capture': {
      const lead = await crm.getLead(org.id, work.leadId);
      await (lead ? runLeadCapture(ctx, lead, identity) : gone('The lead'));
      return;
    }
    case 'appointment-confirmation': {
      const job = await crm.getJob(org.id, work.jobId);
      await (job
        ? runJobConfirmation(ctx, { ...job, scheduledAt: work.scheduledAt }, false, identity)
        : gone('The job'));
      return;
    }
    case 'appointment-calendar': {
      const job = await crm.getJob(org.id, work.jobId);
      await (job
        ? runJobCalendar(ctx, { ...job, scheduledAt: work.scheduledAt }, false, identity)
        : gone('The job'));
      return;
    }
    case 'step': {
      const step = await stepStore.getStep(org.id, work.stepId);
      await (step ? executeStep(ctx, step, new Date(), run.id) : gone('The step'));
      return;
    }
    case 'digest':
      await runDigest(ctx.org, ctx.settings, work.digestAt, work.localDate, identity);
      return;
  }
};
