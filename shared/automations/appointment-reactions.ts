import * as booking from '../booking';
import type { JobItem } from '../crm';
import * as crm from '../crm';
import type { EventDetail } from '../events/catalog';
import type { Delivery } from '../events/consumer';
import { loadWorkspace } from '../workspace';
import { formatLocal, jobConfirmationEmail } from './emails';
import { deliverAll, withRun } from './engine';
import { putJobEvent, removeJobEvent } from './job-calendar';
import {
  allOf,
  type Context,
  eventTrigger,
  hour,
  loadContext,
  type RunIdentity,
  runStart,
  skipped,
} from './reaction-context';
import { replyAddress } from './recipients';
import { outsideQuietHours, stepIdFor } from './schedule';
import type { StepKind } from './step-repository';
import * as stepStore from './step-repository';

// Appointment Helper

export const runJobConfirmation = (ctx: Context, job: JobItem, moved: boolean, identity: RunIdentity) =>
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

export const runJobCalendar = (ctx: Context, job: JobItem, moved: boolean, identity: RunIdentity) =>
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
