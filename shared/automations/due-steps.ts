import * as booking from '../booking';
import * as crm from '../crm';
import type { DueItem } from '../platform';
import { settingsOf } from './config';
import * as configStore from './config-repository';
import type { AutomationId } from './contracts';
import { bookingReminderEmail, followUpEmail, jobReminderEmail, reviewRequestEmail } from './emails';
import { deliverAll, type Outcome, withRun } from './engine';
import { cancelLeadSteps } from './lead-reactions';
import { type Context, runStart, skipped } from './reaction-context';
import { replyAddress } from './recipients';
import { outsideQuietHours } from './schedule';
import type { StepItem, StepKind } from './step-repository';
import * as stepStore from './step-repository';

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
export const executeStep = async (ctx: Context, step: StepItem, now: Date, runId?: string) => {
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
