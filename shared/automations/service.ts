import type { Principal } from '../auth/policy';
import * as crm from '../crm';
import { outboxPut } from '../events/outbox';
import { ConflictError, NotFoundError, VersionConflictError } from '../http/errors';
import { getOrganization } from '../organizations';
import { isEnabled, settingsOf, toAutomationsView, toStepView } from './config';
import type { ConfigItem, DigestScheduleItem } from './config-repository';
import * as configStore from './config-repository';
import {
  type AutomationId,
  type AutomationSettings,
  automationIds,
  automationTemplates,
  type LeadAutomationsView,
  type ListRunsQuery,
  type ListStepsQuery,
  type RunView,
  type StepView,
  type UpdateAutomationsInput,
} from './contracts';
import type { RunItem } from './run-repository';
import * as runStore from './run-repository';
import { nextDailyAt } from './schedule';
import * as stepStore from './step-repository';

/** A run as the API shows it: without the work description kept for retries. */
// Runs recorded before permanent failures were told apart have no `permanent`.
export const toRunView = ({ work: _work, ...run }: RunItem): RunView => ({
  ...run,
  permanent: run.permanent ?? false,
});

const loadOrganization = async (orgId: string) => {
  const found = await configStore.getConfigWithOrganization(orgId);
  if (!found.org) throw new NotFoundError();
  return {
    org: found.org,
    config: found.config,
    workspaceConnected: found.workspace?.status === 'connected',
  };
};

export const getAutomations = async (orgId: string) => {
  const [{ org, config, workspaceConnected }, digest] = await Promise.all([
    loadOrganization(orgId),
    configStore.getDigestSchedule(orgId),
  ]);
  return toAutomationsView(orgId, org.timeZone, config, digest, workspaceConnected);
};

const settingsFields = [
  'leadCapture',
  'appointmentHelper',
  'followUpSequence',
  'reviewRequest',
  'dailyDigest',
] as const satisfies readonly (keyof AutomationSettings)[];

const changes = (before: AutomationSettings, after: AutomationSettings): string[] => {
  const words: string[] = [];
  for (const id of automationIds) {
    const name = automationTemplates[id].name;
    const was = isEnabled(before, id);
    const is = isEnabled(after, id);
    if (was !== is) words.push(`turned ${is ? 'on' : 'off'} ${name}`);
  }
  const reconfigured = automationIds.filter(
    (id: AutomationId, index) =>
      isEnabled(before, id) === isEnabled(after, id) &&
      JSON.stringify(before[settingsFields[index]!]) !== JSON.stringify(after[settingsFields[index]!]),
  );
  if (reconfigured.length)
    words.push(`changed ${reconfigured.map((id) => automationTemplates[id].name).join(', ')}`);
  return words;
};

/**
 * Saves the templates an admin changed (version-checked). Turning the digest on, or changing its hour,
 * puts the organization into the digest schedule for its next morning; turning it off takes it out.
 */
export const updateAutomations = async (
  principal: Principal,
  orgId: string,
  input: UpdateAutomationsInput,
) => {
  const [{ org, config, workspaceConnected }, digest] = await Promise.all([
    loadOrganization(orgId),
    configStore.getDigestSchedule(orgId),
  ]);
  const currentVersion = config?.version ?? 0;
  if (currentVersion !== input.version) throw new VersionConflictError(currentVersion);
  const { version: _version, ...patch } = input;
  const before = settingsOf(config);
  const after: AutomationSettings = { ...before, ...patch };
  const words = changes(before, after);
  if (words.length === 0) return toAutomationsView(orgId, org.timeZone, config, digest, workspaceConnected);
  const next: ConfigItem = {
    ...after,
    orgId,
    version: currentVersion + 1,
    updatedAt: new Date().toISOString(),
    updatedBy: principal.name,
  };
  let schedule: DigestScheduleItem | undefined;
  if (after.dailyDigest.enabled) {
    const unchanged = digest && digest.hour === after.dailyDigest.hour && digest.timeZone === org.timeZone;
    schedule = unchanged
      ? digest
      : {
          orgId,
          hour: after.dailyDigest.hour,
          timeZone: org.timeZone,
          nextDigestAt: nextDailyAt(after.dailyDigest.hour, org.timeZone, new Date()).toISOString(),
        };
  }
  await configStore.saveConfig(currentVersion, next, schedule, {
    actor: principal.name,
    kind: 'automations.updated',
    summary: `${principal.name} ${words.join('; ')}`,
  });
  return toAutomationsView(orgId, org.timeZone, next, schedule, workspaceConnected);
};

export const listRuns = async (orgId: string, query: ListRunsQuery) => {
  const page = await runStore.listRuns({
    orgId,
    automation: query.automation,
    outcome: query.outcome,
    limit: query.limit,
    cursor: query.cursor,
  });
  return { items: page.items.map(toRunView), nextCursor: page.nextCursor };
};

export const getRun = async (orgId: string, runId: string) => {
  const run = await runStore.getRun(orgId, runId);
  if (!run) throw new NotFoundError();
  return toRunView(run);
};

/**
 * Starts a failed run again, in the background (202): the run is marked `retrying` in the transaction
 * that writes the retry request, so two admins clicking at once start one retry.
 */
export const retryRun = async (principal: Principal, orgId: string, runId: string) => {
  const run = await runStore.markRetrying(
    orgId,
    runId,
    principal.name,
    outboxPut('automation.retry-requested', { version: 1, orgId, runId, userId: principal.userId }),
  );
  if (!run) {
    const current = await runStore.getRun(orgId, runId);
    if (!current) throw new NotFoundError();
    throw new ConflictError(`Only a failed run can be retried; this one is ${current.outcome}`);
  }
  return toRunView(run);
};

type Phase = 'failed' | 'other';

const encodePhaseCursor = (phase: Phase, cursor: string | null) =>
  Buffer.from(JSON.stringify({ p: phase, c: cursor })).toString('base64url');

const decodePhaseCursor = (cursor: string | undefined): { phase: Phase; inner?: string } => {
  if (!cursor) return { phase: 'failed' };
  try {
    const { p, c } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if ((p === 'failed' || p === 'other') && (c === null || typeof c === 'string'))
      return { phase: p, inner: c ?? undefined };
  } catch {
    // Falls through to the error below.
  }
  return { phase: 'failed', inner: '!' };
};

/**
 * Every organization's runs for operator admins: failed runs first (newest first), then all others.
 * With `outcome`, only that outcome. One page reads at most two queries.
 */
export const listAllRuns = async (query: ListRunsQuery) => {
  if (query.outcome) {
    const page = await runStore.listRunsByState({
      state: query.outcome === 'failed' ? 'failed' : 'other',
      automation: query.automation,
      outcome: query.outcome,
      limit: query.limit,
      cursor: query.cursor,
    });
    return { items: page.items.map(toRunView), nextCursor: page.nextCursor };
  }
  const { phase, inner } = decodePhaseCursor(query.cursor);
  const items: RunView[] = [];
  if (phase === 'failed') {
    // A cursor that does not decode is handed on, so the query refuses it like any bad cursor.
    const failed = await runStore.listRunsByState({
      state: 'failed',
      automation: query.automation,
      limit: query.limit,
      cursor: inner,
    });
    items.push(...failed.items.map(toRunView));
    if (failed.nextCursor) return { items, nextCursor: encodePhaseCursor('failed', failed.nextCursor) };
    if (items.length >= query.limit) return { items, nextCursor: encodePhaseCursor('other', null) };
  }
  const others = await runStore.listRunsByState({
    state: 'other',
    automation: query.automation,
    limit: query.limit - items.length,
    cursor: phase === 'other' ? inner : undefined,
  });
  items.push(...others.items.map(toRunView));
  return { items, nextCursor: others.nextCursor ? encodePhaseCursor('other', others.nextCursor) : null };
};

export const listSteps = async (orgId: string, query: ListStepsQuery) => {
  const [org, page] = await Promise.all([
    getOrganization(orgId),
    stepStore.listSteps(orgId, query.status, query.limit, query.cursor),
  ]);
  if (!org) throw new NotFoundError();
  return { items: page.items.map((step) => toStepView(step, org.timeZone)), nextCursor: page.nextCursor };
};

/** Cancels a queued step; one that ran or was cancelled meanwhile answers 409. */
export const cancelStep = async (principal: Principal, orgId: string, stepId: string): Promise<StepView> => {
  const [org, step] = await Promise.all([getOrganization(orgId), stepStore.getStep(orgId, stepId)]);
  if (!org || !step) throw new NotFoundError();
  if (step.status !== 'queued') throw new ConflictError(`This step is ${step.status} already`);
  const cancelled = await stepStore.setStepStatus(step, ['queued'], 'cancelled', {
    cancelledAt: new Date().toISOString(),
    cancelledBy: principal.name,
  });
  if (!cancelled) throw new ConflictError('This step ran or changed a moment ago; reload and look again');
  return toStepView(cancelled, org.timeZone);
};

/** A lead's automation timeline: queued steps, cancelled steps and runs, read side by side. */
export const getLeadAutomations = async (
  orgId: string,
  leadId: string,
  limit: number,
  cursor?: string,
): Promise<LeadAutomationsView> => {
  const [found, steps, runs] = await Promise.all([
    crm.getWithOrganization(orgId, { leadId }),
    stepStore.listLeadSteps(orgId, leadId),
    runStore.listLeadRuns(orgId, leadId, limit, cursor),
  ]);
  if (!found.org || !found.lead) throw new NotFoundError();
  const timeZone = found.org.timeZone;
  return {
    queued: steps.filter((step) => step.status === 'queued').map((step) => toStepView(step, timeZone)),
    cancelled: steps
      .filter((step) => step.status === 'cancelled')
      .reverse()
      .map((step) => toStepView(step, timeZone)),
    runs: { items: runs.items.map(toRunView), nextCursor: runs.nextCursor },
  };
};
