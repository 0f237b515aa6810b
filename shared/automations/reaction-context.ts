import type { Delivery } from '../events/consumer';
import type { OrganizationView } from '../organizations/contracts';
import { settingsOf } from './config';
import * as configStore from './config-repository';
import type { AutomationSettings, RunView } from './contracts';
import type { Outcome } from './engine';
import type { RunStart } from './run-repository';
import { runIdFor } from './schedule';

/**
 * What the automations' reactions share. They act when something happens: each domain event
 * (`lead-reactions.ts`, `appointment-reactions.ts`), each queued step coming due (`due-steps.ts`), and an
 * admin's retry (`retries.ts`). Every action is idempotent — runs, steps and sends have stable ids —
 * because EventBridge delivers at least once and the due-work tick retries.
 */

export type Trigger = RunView['trigger'];

export const hour = 3_600_000;

export interface Context {
  readonly org: OrganizationView;
  readonly settings: AutomationSettings;
}

/** The organization and its settings, when it is active and has automations configured. */
export const loadContext = async (orgId: string): Promise<Context | undefined> => {
  const { org, config } = await configStore.getConfigWithOrganization(orgId);
  if (org?.status !== 'active' || !config) return undefined;
  return { org, settings: settingsOf(config) };
};

/** Runs independent actions of one trigger; one's failure neither stops the others nor is lost. */
export const allOf = async (actions: readonly (() => Promise<unknown>)[]): Promise<void> => {
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

export const runStart = (
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

export const skipped = (detail: string): Outcome => ({ outcome: 'skipped', detail, emailsSent: 0 });

export const eventTrigger = (type: string, delivery: Delivery): Trigger => ({
  kind: 'event',
  type,
  ref: delivery.id,
});

export interface RunIdentity {
  readonly trigger: Trigger;
  readonly triggeredAt: Date;
  readonly runId?: string;
}
