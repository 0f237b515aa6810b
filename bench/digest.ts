import {
  BatchWriteCommand,
  type BatchWriteCommandInput,
  type BatchWriteCommandOutput,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { startLocalCloud } from '../infra/local/cloud';
import { automationKeys, crmKeys, orgKeys } from '../shared/db/keys';
import { inChild, isBenchProcess, reportToParent } from './child';

/** The task's scale: the digest of 1,000 organizations due in the same hour. */
export const digestBenchScale = { organizations: 1_000 } as const;

export interface DigestBenchResult {
  readonly organizations: number;
  readonly seedMs: number;
  /** The hourly schedule's own invocation: index queries and PutEvents, consumers running meanwhile. */
  readonly fanOutMs: number;
  readonly fanOutMsPerOrganization: number;
  /** Queries of the digest schedule index the fan-out made (hour-of-day partitions × pages). */
  readonly indexQueries: number;
  /** Reading every due organization from the index alone, with nothing else running. */
  readonly indexReadMs: number;
  readonly eventsPublished: number;
  /** `digest.due` events naming more than one organization: must be 0. */
  readonly eventsWithSeveralOrganizations: number;
  /** From the fan-out's start until every organization's digest invocation finished. */
  readonly allDigestsMs: number;
  readonly digestsPerSecond: number;
  /** Runs recorded, each triggered by its own event. */
  readonly runs: number;
  readonly distinctTriggers: number;
  readonly emailsSent: number;
  /** One organization's digest run (its recorded duration): median and p95, ms. */
  readonly runMs: { readonly median: number; readonly p95: number };
  /** The fan-out's time as a multiple of one organization's digest run (median). */
  readonly fanOutToRunRatio: number;
}

const zones = ['Europe/Berlin', 'America/Chicago', 'Asia/Tokyo', 'UTC', 'America/New_York', 'Asia/Kolkata'];

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
};

/**
 * Seeds 1,000 organizations straight into DynamoDB Local (an owner, a new lead, the digest on, all due at
 * the same instant), runs the hourly fan-out at that instant through the local scheduler, and waits for the
 * local bus to finish every organization's own digest invocation. Reports times and ratios; asserts
 * nothing by time, but counts what would be wrong (an event for several organizations, a missing run).
 */
export const benchDigestFanOut = async (
  organizations: number = digestBenchScale.organizations,
): Promise<DigestBenchResult> => {
  const seedStart = performance.now();
  const cloud = await startLocalCloud({ port: 0, schedules: false });
  try {
    const { dynamo, tableName } = await import('../shared/aws/dynamo');
    const { defaultSettings } = await import('../shared/automations/config');
    let indexQueries = 0;
    dynamo.middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as {
          IndexName?: string;
          ExpressionAttributeValues?: Record<string, unknown>;
        };
        if (
          input.IndexName === 'gsi2' &&
          String(input.ExpressionAttributeValues?.[':pk']).startsWith('DIGESTS#')
        )
          indexQueries++;
        return next(args);
      },
      { step: 'initialize', name: 'benchDigestIndexQueries' },
    );

    // The next full UTC hour: every organization's local digest hour is the one that falls on it.
    const digestAt = new Date(Math.ceil((Date.now() + 60_000) / 3_600_000) * 3_600_000);
    const at = digestAt.toISOString();
    const now = new Date().toISOString();
    const items: Record<string, unknown>[] = [];
    for (let index = 0; index < organizations; index++) {
      const orgId = ulid();
      const userId = ulid();
      const leadId = ulid();
      const timeZone = zones[index % zones.length]!;
      const hour = Number(
        new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(digestAt),
      );
      const name = `Bench Org ${String(index).padStart(4, '0')}`;
      const settings = defaultSettings();
      items.push(
        {
          ...orgKeys.org(orgId),
          ...orgKeys.orgList(name.toLowerCase(), orgId),
          id: orgId,
          name,
          slug: `bench-org-${index}`,
          timeZone,
          allowedOrigins: [],
          branding: { color: '#0b7285', logoUrl: null },
          status: 'active',
          createdAt: now,
          updatedAt: now,
          version: 1,
        },
        {
          ...orgKeys.membership(orgId, userId),
          userId,
          email: `owner-${index}@bench.example`,
          name: `Owner ${index}`,
          role: 'owner',
          status: 'active',
        },
        {
          ...automationKeys.config(orgId),
          ...settings,
          dailyDigest: { enabled: true, hour },
          orgId,
          version: 1,
          updatedAt: now,
          updatedBy: 'Bench',
        },
        {
          ...automationKeys.digestSchedule(orgId),
          ...automationKeys.digestDue(at, orgId),
          orgId,
          hour,
          timeZone,
          nextDigestAt: at,
        },
        {
          ...crmKeys.lead(orgId, leadId),
          ...crmKeys.leadByStatus(orgId, 'new', leadId),
          id: leadId,
          orgId,
          name: `Lead of ${name}`,
          email: `lead-${index}@bench.example`,
          phone: null,
          message: '',
          serviceWanted: 'Boiler repair',
          source: 'manual',
          status: 'new',
          notes: '',
          jobIds: [],
          version: 1,
          createdAt: now,
          createdBy: 'Bench',
          updatedAt: now,
          statusChangedAt: now,
          searchText: `lead of ${name.toLowerCase()}`,
        },
      );
    }
    const batches: Record<string, unknown>[][] = [];
    for (let start = 0; start < items.length; start += 25) batches.push(items.slice(start, start + 25));
    let nextBatch = 0;
    const writer = async () => {
      while (nextBatch < batches.length) {
        let pending: BatchWriteCommandInput['RequestItems'] = {
          [tableName]: batches[nextBatch++]!.map((Item) => ({ PutRequest: { Item } })),
        };
        while (pending && Object.keys(pending).length > 0) {
          const result: BatchWriteCommandOutput = await dynamo.send(
            new BatchWriteCommand({ RequestItems: pending }),
          );
          pending = result.UnprocessedItems;
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, writer));
    const seedMs = performance.now() - seedStart;
    const { queryDueDigests } = await import('../shared/automations/config-repository');
    const readStart = performance.now();
    for (const utcHour of [-2, -1, 0].map((back) =>
      new Date(digestAt.getTime() + back * 3_600_000).toISOString().slice(11, 13),
    )) {
      let page: Record<string, unknown> | undefined;
      do page = (await queryDueDigests(utcHour, at, page)).cursor;
      while (page);
    }
    const indexReadMs = performance.now() - readStart;
    indexQueries = 0;
    const outboxBefore = cloud.outbox.list().length;
    const eventsBefore = cloud.bus.published.length;

    const start = performance.now();
    await cloud.scheduler.run('digest-fan-out', 'hourly', digestAt);
    const fanOutMs = performance.now() - start;
    await cloud.bus.settled();
    const allDigestsMs = performance.now() - start;

    const published = cloud.bus.published.slice(eventsBefore) as {
      id: string;
      'detail-type': string;
      detail: { orgId?: unknown };
    }[];
    const due = published.filter((event) => event['detail-type'] === 'digest.due');
    const runs: { durationMs: number | null; trigger: { ref: string }; localDate?: string }[] = [];
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await dynamo.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk',
          ExpressionAttributeValues: { ':pk': automationKeys.runStatePartition('other') },
          ExclusiveStartKey: cursor,
        }),
      );
      runs.push(...((page.Items ?? []) as typeof runs));
      cursor = page.LastEvaluatedKey;
    } while (cursor);
    const durations = runs.map((run) => run.durationMs ?? 0);
    const medianRun = percentile(durations, 0.5);
    return {
      organizations,
      seedMs,
      fanOutMs,
      fanOutMsPerOrganization: fanOutMs / organizations,
      indexQueries,
      indexReadMs,
      eventsPublished: due.length,
      eventsWithSeveralOrganizations: due.filter((event) => typeof event.detail.orgId !== 'string').length,
      allDigestsMs,
      digestsPerSecond: runs.length / (allDigestsMs / 1000),
      runs: runs.length,
      distinctTriggers: new Set(runs.map((run) => run.trigger.ref)).size,
      emailsSent: cloud.outbox.list().length - outboxBefore,
      runMs: { median: medianRun, p95: percentile(durations, 0.95) },
      fanOutToRunRatio: medianRun > 0 ? fanOutMs / medianRun : 0,
    };
  } finally {
    await cloud.stop();
  }
};

/** In a process of its own (`bench/child.ts`). */
export const benchDigestFanOutInChild = (organizations: number = digestBenchScale.organizations) =>
  inChild<DigestBenchResult>(import.meta.url, [String(organizations)]);

if (isBenchProcess(import.meta.url))
  await reportToParent(() => benchDigestFanOut(Number(process.argv[2] ?? digestBenchScale.organizations)));
