import { encodeTime } from 'ulid';
import * as crm from '../crm';
import type { EventDetail } from '../events/catalog';
import type { Delivery } from '../events/consumer';
import { publishEvents } from '../events/publish';
import { logger } from '../observability/logger';
import type { OrganizationView } from '../organizations/contracts';
import { endOfLocalDay, startOfLocalDay, utcToLocal } from '../time/zones';
import { settingsOf } from './config';
import * as configStore from './config-repository';
import { type AutomationSettings, automationTemplates, type RunView } from './contracts';
import { type DigestContent, digestEmail } from './emails';
import { deliverAll, withRun } from './engine';
import { activeUsers } from './recipients';
import * as responseStore from './response-repository';
import * as runStore from './run-repository';
import { digestPartitions, followingDigestAt, localDateOf, median, nextDailyAt, runIdFor } from './schedule';

/**
 * The daily digest. An hourly schedule fans out: it reads, from the schedule index, the organizations
 * whose digest is due and publishes one `digest.due` event for each, so every organization's digest is
 * built and sent by its own invocation (with its own retries and dead-letter queue). No invocation loops
 * over all organizations' work.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A digest more than this late (an outage) is skipped: yesterday's news is no morning digest. */
const staleAfterMs = 12 * HOUR;

export interface FanOutResult {
  readonly organizations: number;
  readonly queries: number;
}

/**
 * Publishes one `digest.due` per organization whose digest is due by `now`: a query per hour-of-day
 * partition looked at, then `PutEvents` ten events a call.
 */
export const fanOutDigests = async (now: Date): Promise<FanOutResult> => {
  const due = new Map<string, EventDetail<'digest.due'>>();
  let queries = 0;
  for (const utcHour of digestPartitions(now)) {
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await configStore.queryDueDigests(utcHour, now.toISOString(), cursor);
      queries++;
      for (const item of page.items) {
        due.set(item.orgId, {
          version: 1,
          orgId: item.orgId,
          digestAt: item.nextDigestAt,
          localDate: localDateOf(new Date(item.nextDigestAt), item.timeZone),
        });
      }
      cursor = page.cursor;
    } while (cursor);
  }
  await publishEvents('digest.due', [...due.values()]);
  return { organizations: due.size, queries };
};

const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/** ULID bounds of everything minted in [from, to): lead and run ids carry their creation time. */
const idBounds = (from: string, to: string) => ({
  fromId: encodeTime(Date.parse(from), 10) + '0'.repeat(16),
  toId: encodeTime(Date.parse(to) - 1, 10) + 'Z'.repeat(16),
});

const lowestId = '0'.repeat(26);
const highestId = `7${'Z'.repeat(25)}`;

/** Everything the digest says, read side by side (one round trip's time). */
export const collectDigest = async (
  org: OrganizationView,
  localDate: string,
  digestAt: string,
): Promise<DigestContent> => {
  const timeZone = org.timeZone;
  const yesterday = addDays(localDate, -1);
  const yesterdayRange = idBounds(startOfLocalDay(yesterday, timeZone), endOfLocalDay(yesterday, timeZone));
  const [newYesterday, waiting, responses, jobs, runs] = await Promise.all([
    crm.listLeads({ orgId: org.id, ...yesterdayRange, limit: 50 }),
    crm.listLeads({ orgId: org.id, status: 'new', fromId: lowestId, toId: highestId, limit: 100 }),
    responseStore.listResponseMinutes(
      org.id,
      new Date(Date.parse(digestAt) - 30 * DAY).toISOString(),
      digestAt,
    ),
    crm.listJobs({
      orgId: org.id,
      fromAt: startOfLocalDay(localDate, timeZone),
      toAt: endOfLocalDay(localDate, timeZone),
      limit: 50,
    }),
    runStore.listRuns({ orgId: org.id, ...yesterdayRange, limit: 100 }),
  ]);
  const at = Date.parse(digestAt);
  const failures = runs.items.filter((run) => run.outcome === 'failed');
  return {
    localDate,
    yesterday,
    leadsYesterday: {
      count: newYesterday.items.length,
      more: newYesterday.nextCursor !== null,
      names: newYesterday.items
        .slice(0, 10)
        .map((lead) => `${lead.name}${lead.serviceWanted ? ` — ${lead.serviceWanted}` : ''}`),
    },
    waiting: {
      count: waiting.items.length,
      more: waiting.nextCursor !== null,
      // Newest first from the index: the longest waiting are at the end.
      longest: waiting.items
        .slice(-5)
        .reverse()
        .map((lead) => ({
          name: lead.name,
          waitingMinutes: Math.max(0, (at - Date.parse(lead.createdAt)) / 60_000),
        })),
    },
    medianResponseMinutes: median(responses),
    respondedLeads: responses.length,
    jobsToday: jobs.items
      .filter((job) => job.status === 'scheduled' || job.status === 'in_progress')
      .map((job) => ({
        at: utcToLocal(job.scheduledAt, timeZone).slice(11, 16),
        title: job.title,
        customer: job.customer.name,
      })),
    runs: {
      total: runs.items.length,
      succeeded: runs.items.filter((run) => run.outcome === 'succeeded').length,
      skipped: runs.items.filter((run) => run.outcome === 'skipped').length,
      failed: failures.length,
      failures: failures
        .slice(0, 5)
        .map(
          (run) => `${automationTemplates[run.automation].name}: ${run.action} — ${run.error ?? 'failed'}`,
        ),
    },
  };
};

/** One organization's digest of one date, as a run: each active user who has not unsubscribed gets it once. */
export const runDigest = (
  org: OrganizationView,
  settings: AutomationSettings,
  digestAt: string,
  localDate: string,
  identity: { trigger: RunView['trigger']; triggeredAt?: Date; runId?: string },
) =>
  withRun(
    {
      id: identity.runId ?? runIdFor(`digest:${org.id}:${localDate}`, new Date(digestAt)),
      orgId: org.id,
      organizationName: org.name,
      automation: 'daily-digest',
      action: `Daily digest for ${localDate}`,
      trigger: identity.trigger,
      reason: `${String(settings.dailyDigest.hour).padStart(2, '0')}:00 in ${org.timeZone}: the organization's morning`,
      leadId: null,
      jobId: null,
      bookingId: null,
      work: { kind: 'digest', digestAt, localDate },
      startedAt: new Date().toISOString(),
    },
    async (run) => {
      if (!settings.dailyDigest.enabled)
        return { outcome: 'skipped', detail: 'Daily Digest is off', emailsSent: 0 };
      if (Date.now() - Date.parse(digestAt) > staleAfterMs && !identity.runId)
        return { outcome: 'skipped', detail: 'Missed: more than 12 h late', emailsSent: 0 };
      const [users, content] = await Promise.all([
        activeUsers(org.id),
        collectDigest(org, localDate, digestAt),
      ]);
      if (users.length === 0)
        return { outcome: 'skipped', detail: 'The organization has no active users', emailsSent: 0 };
      const render = digestEmail(org, content);
      return deliverAll(
        run,
        users.map((user) => ({ to: user.email, list: 'digest' as const, render })),
        'user',
      );
    },
  );

/**
 * One organization's `digest.due`: first moves its schedule to the next morning (so the fan-out never
 * publishes this one again, whatever happens next), then builds and sends the digest as a run.
 */
export const onDigestDue = async (detail: EventDetail<'digest.due'>, delivery: Delivery) => {
  const { org, config } = await configStore.getConfigWithOrganization(detail.orgId);
  const settings = settingsOf(config);
  if (!org || !settings.dailyDigest.enabled) return;
  const next = followingDigestAt(
    settings.dailyDigest.hour,
    org.timeZone,
    new Date(detail.digestAt),
    new Date(),
  );
  await configStore.advanceDigestSchedule(detail.digestAt, {
    orgId: org.id,
    hour: settings.dailyDigest.hour,
    timeZone: org.timeZone,
    nextDigestAt: next.toISOString(),
  });
  if (org.status !== 'active') return;
  await runDigest(org, settings, detail.digestAt, detail.localDate, {
    trigger: { kind: 'schedule', type: 'digest.due', ref: delivery.id },
  });
  logger.info('Digest done', { orgId: org.id, localDate: detail.localDate });
};

/** The organization's clock changed: its next digest moves to the new morning. */
export const onOrganizationUpdated = async (detail: EventDetail<'organization.updated'>) => {
  if (!detail.fields.includes('timeZone')) return;
  const { org, config } = await configStore.getConfigWithOrganization(detail.orgId);
  const settings = settingsOf(config);
  if (!org || !settings.dailyDigest.enabled) return;
  await configStore.replaceDigestSchedule({
    orgId: org.id,
    hour: settings.dailyDigest.hour,
    timeZone: org.timeZone,
    nextDigestAt: nextDailyAt(settings.dailyDigest.hour, org.timeZone, new Date()).toISOString(),
  });
};
