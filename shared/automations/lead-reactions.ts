import { decodeTime } from 'ulid';
import type { LeadItem } from '../crm';
import * as crm from '../crm';
import type { EventDetail } from '../events/catalog';
import type { Delivery } from '../events/consumer';
import type { AutomationId } from './contracts';
import { fillTemplate, leadAlertEmail } from './emails';
import { DeliveryError, deliverAll, type Mail, withRun } from './engine';
import { appendLeadRow, type SheetRowResult } from './lead-sheet';
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
import { activeUsers } from './recipients';
import * as responseStore from './response-repository';
import { outsideQuietHours, stepIdFor } from './schedule';
import * as stepStore from './step-repository';

// Lead Capture

const sourceWords: Record<LeadItem['source'], string> = {
  form: 'the lead form',
  embed: 'the website form',
  manual: 'a team member',
  import: 'an import',
};

export const runLeadCapture = (ctx: Context, lead: LeadItem, identity: RunIdentity) =>
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
export const cancelLeadSteps = async (
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
