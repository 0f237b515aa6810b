import * as crm from '../crm';
import type { EventDetail } from '../events/catalog';
import { runJobCalendar, runJobConfirmation } from './appointment-reactions';
import { settingsOf } from './config';
import * as configStore from './config-repository';
import { runDigest } from './digest';
import { executeStep } from './due-steps';
import { withRun } from './engine';
import { runLeadCapture } from './lead-reactions';
import { type Context, runStart, skipped } from './reaction-context';
import * as runStore from './run-repository';
import * as stepStore from './step-repository';

// Retries

/** Runs a failed run's work again, as the same run: recipients who got the email get nothing twice. */
export const onRetryRequested = async (detail: EventDetail<'automation.retry-requested'>) => {
  const run = await runStore.getRun(detail.orgId, detail.runId);
  if (run?.outcome !== 'retrying') return;
  const { org, config } = await configStore.getConfigWithOrganization(detail.orgId);
  if (!org) return;
  const ctx: Context = { org, settings: settingsOf(config) };
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
