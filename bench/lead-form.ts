import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { BatchGetCommand, BatchWriteCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { buildEmbedScript } from '../frontend/embed/vite-plugin';
import type { Principal } from '../shared/auth/policy';
import { recordRoundTrips } from '../test/round-trip-recorder';
import { inChild, isBenchProcess, reportToParent } from './child';

/**
 * DESIGN.md's budget for one API request, and the hardening issue's goal: lead submissions per second at
 * least a third of raw `PutItem`s per second on the same DynamoDB Local in the same run.
 */
export const leadFormBudgets = { roundTrips: 3, throughputShare: 1 / 3 } as const;

interface Timing {
  readonly count: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

export interface SubmissionKind {
  readonly kind: string;
  readonly status: number;
  /** DynamoDB commands of one request, in order (parallel ones in the order they were sent). */
  readonly commands: readonly string[];
  /** Sequential steps: commands sent side by side (the two rate limits) are one. */
  readonly roundTrips: number;
  readonly withinBudget: boolean;
}

/** Submission time as a multiple of one raw PutItem's (p50, p99), and throughput both ways round. */
export interface LeadFormRatios {
  readonly p50: number;
  readonly p99: number;
  /** Raw PutItems per second for each submission per second. */
  readonly throughput: number;
  /** Submissions per second as a share of raw PutItems per second (the goal: at least a third). */
  readonly share: number;
  /** The bare read and transaction of a new lead per second, as a share of raw PutItems per second. */
  readonly floorShare: number;
}

export interface LeadFormRun {
  /** One submission at a time: latency. */
  readonly sequential: { readonly submissions: Timing; readonly rawPuts: Timing };
  /** `concurrency` at a time: throughput; `floor` is the new lead's own commands sent bare. */
  readonly concurrent: { readonly submissions: Timing; readonly rawPuts: Timing; readonly floor: Timing };
  readonly ratios: LeadFormRatios;
}

/** One kind of DynamoDB command sent while submissions ran one at a time, the stream's consumers' too. */
export interface CommandShare {
  readonly command: string;
  readonly perSubmission: number;
  readonly p50Ms: number;
  /** Its share of all the time spent in DynamoDB commands, counting overlapping ones each. */
  readonly share: number;
}

/** One kind of write sent bare, `concurrency` at a time: how many raw PutItems its time would have done. */
export interface CommandCost {
  readonly command: string;
  readonly items: number;
  readonly putItems: number;
}

export interface LeadFormBenchResult {
  readonly organizations: number;
  readonly concurrency: number;
  /** The same measurement repeated, submissions and raw puts alternating, so a busy moment hits both. */
  readonly runs: readonly LeadFormRun[];
  /** Medians over the runs. */
  readonly ratios: LeadFormRatios;
  /** Mean time a sequential submission waited on DynamoDB (the rest: gateway, handler, event bus). */
  readonly dynamoMsPerSubmission: number;
  /** Where DynamoDB time went while submissions ran one at a time. */
  readonly commands: readonly CommandShare[];
  readonly kinds: readonly SubmissionKind[];
  /**
   * DynamoDB Local's price of writes, in raw PutItems: what bounds any design that stores a lead's items
   * atomically on it.
   */
  readonly costs: readonly CommandCost[];
  readonly withinBudget: boolean;
  readonly meetsThroughputGoal: boolean;
}

const median = (values: readonly number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * p) - 1))]!;

/** Runs `work` `count` times, at most `concurrency` at a time, and times each run and the whole. */
const timed = async (count: number, concurrency: number, work: (index: number) => Promise<void>) => {
  const samples: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next++;
        const began = performance.now();
        await work(index);
        samples.push(performance.now() - began);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  samples.sort((a, b) => a - b);
  return {
    count,
    seconds,
    perSecond: count / seconds,
    p50Ms: percentile(samples, 0.5),
    p99Ms: percentile(samples, 0.99),
  };
};

/**
 * Public lead-form submissions through the local gateway and the real handler, against DynamoDB Local in
 * memory: latency one at a time (p50 / p99) and throughput `concurrency` at a time, each as a ratio to raw
 * `PutItem` calls of a lead-sized item on the same client in the same run; and the DynamoDB round trips of
 * each kind of submission. Visitors come from distinct IPs (CloudFront's viewer address with the origin
 * secret) and submissions spread over several organizations, so the rate limits measure their cost without
 * refusing the bench.
 */
const measureLeadForm = async ({
  sequential = 60,
  concurrent = 150,
  concurrency = 8,
  repetitions = 3,
} = {}) => {
  process.env.ORIGIN_VERIFY_SECRET ??= randomBytes(24).toString('base64url');
  const secret = process.env.ORIGIN_VERIFY_SECRET;
  const { startLocalCloud } = await import('../infra/local/cloud');
  const cloud = await startLocalCloud({ port: 0, schedules: false });
  // Imported once the local cloud has set the configuration these modules read when they load.
  const { dynamo, tableName } = await import('../shared/aws/dynamo');
  const recorder = recordRoundTrips(dynamo);
  try {
    const { createOrganization } = await import('../shared/organizations/service');
    const { leadFormLimits } = await import('../shared/lead-form/contracts');
    const operator: Principal = {
      userId: ulid(),
      email: 'bench@portico.localhost',
      name: 'Bench Operator',
      role: 'admin',
      orgId: null,
    };
    const total = repetitions * (sequential + concurrent) + 10;
    const organizations = Math.ceil(total / (leadFormLimits.perOrganization * 0.8));
    const slugs: string[] = [];
    for (let i = 0; i < organizations; i++) {
      const org = await createOrganization(operator, {
        name: `Bench Roofing ${i}`,
        slug: `bench-roofing-${i}`,
        timeZone: 'America/Chicago',
        allowedOrigins: ['https://bench-roofing.example'],
        branding: { color: '#0b7285', logoUrl: null },
      });
      slugs.push(org.slug);
    }

    let visitor = 0;
    const submit = async (slug: string, body: Record<string, unknown>, key = ulid()) => {
      const n = visitor++;
      const response = await fetch(`${cloud.url}/api/public/leads/${slug}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: 'https://bench-roofing.example',
          'idempotency-key': key,
          'x-portico-origin': secret,
          'cloudfront-viewer-address': `198.18.${Math.floor(n / 256) % 256}.${n % 256}:443`,
        },
        body: JSON.stringify(body),
      });
      await response.arrayBuffer();
      return response.status;
    };
    const lead = (n: number) => ({
      name: `Bench Visitor ${n}`,
      email: `visitor-${n}@bench.example`,
      phone: `+1 312 5${String(n).padStart(6, '0')}`,
      message: 'The roof leaks above the kitchen when it rains from the west. Can someone look this week?',
      source: 'embed',
      utm: { source: 'google', medium: 'cpc', campaign: 'spring-roofs' },
      referrer: 'https://www.google.com/',
      landingPage: 'https://bench-roofing.example/roof-repair?utm_source=google&utm_medium=cpc',
    });
    let leadNumber = 0;
    const accepted = async (index: number) => {
      const status = await submit(slugs[index % slugs.length]!, lead(leadNumber++));
      if (status !== 202) throw new Error(`A bench submission got ${status}`);
    };
    const rawLead = lead(0);
    const rawPut = async () => {
      const id = ulid();
      await dynamo.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            pk: `BENCH#${id}#`,
            sk: 'BENCH#',
            id,
            ...rawLead,
            status: 'new',
            createdAt: new Date().toISOString(),
          },
        }),
      );
    };

    // The floor any handler storing a new lead has: the same one read of seven items and one transaction of
    // eight (the key's record, two counters, the lead, two contact guards, the timeline entry, the outbox
    // item), sent bare on the same client. It tells the data model's cost from the handler's.
    const rawSubmission = async () => {
      const id = ulid();
      const part = (name: string) => ({ pk: `BENCH#${id}#`, sk: `${name}#` });
      const names = ['RECORD', 'IP', 'ORG', 'LEAD', 'EMAIL', 'PHONE', 'ACTIVITY', 'OUTBOX'];
      await dynamo.send(
        new BatchGetCommand({
          RequestItems: {
            [tableName]: { Keys: ['ORG', 'FORM', 'RECORD', 'EMAIL', 'PHONE', 'IP', 'ORG0'].map(part) },
          },
        }),
      );
      const counter = (name: string) => ({
        Update: {
          TableName: tableName,
          Key: part(name),
          UpdateExpression: 'ADD #count :one',
          ConditionExpression: 'attribute_not_exists(#count) OR #count < :allowed',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: { ':one': 1, ':allowed': 10 },
        },
      });
      const put = (name: string, extra: Record<string, unknown> = {}) => ({
        Put: {
          TableName: tableName,
          Item: { ...part(name), ...extra },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      });
      await dynamo.send(
        new TransactWriteCommand({
          TransactItems: [
            put(names[0]!, { submissionId: id, receivedAt: new Date().toISOString() }),
            counter(names[1]!),
            counter(names[2]!),
            put(names[3]!, { id, ...rawLead, status: 'new', createdAt: new Date().toISOString() }),
            put(names[4]!, { leadId: id }),
            put(names[5]!, { leadId: id }),
            put(names[6]!, { summary: `${rawLead.name} sent the lead form` }),
            put(names[7]!, { detailType: 'lead.created', detail: { orgId: id, leadId: id } }),
          ],
        }),
      );
    };

    // Warm-up (not timed): the handler loads, the slugs are learnt, DynamoDB Local's JIT warms.
    for (let i = 0; i < slugs.length; i++) await accepted(i);
    for (let i = 0; i < 20; i++) await rawPut();
    for (let i = 0; i < 20; i++) await rawSubmission();

    // One request of each kind, alone, to count its round trips.
    const kinds: SubmissionKind[] = [];
    const measure = async (kind: string, send: () => Promise<number>) => {
      // The previous request's consumers finish first: their commands are not this request's.
      await cloud.bus.settled();
      recorder.reset();
      const status = await send();
      const roundTrips = recorder.trips().length;
      kinds.push({
        kind,
        status,
        commands: recorder.commands(),
        roundTrips,
        withinBudget: roundTrips <= leadFormBudgets.roundTrips,
      });
    };
    const person = lead(1_000_000);
    const key = ulid();
    await measure('new lead', () => submit(slugs[0]!, person, key));
    await measure('replayed idempotency key', () => submit(slugs[0]!, person, key));
    await measure('same person again', () => submit(slugs[0]!, { ...person, message: 'Any news?' }));
    await measure('honeypot filled', () =>
      submit(slugs[0]!, { ...lead(1_000_001), website: 'https://spam.example' }),
    );
    await measure('foreign origin', () =>
      fetch(`${cloud.url}/api/public/leads/${slugs[0]}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://evil.example' },
        body: JSON.stringify(lead(1_000_002)),
      }).then((response) => response.status),
    );

    const ratiosOf = (run: Omit<LeadFormRun, 'ratios'>): LeadFormRatios => ({
      p50: run.sequential.submissions.p50Ms / run.sequential.rawPuts.p50Ms,
      p99: run.sequential.submissions.p99Ms / run.sequential.rawPuts.p99Ms,
      throughput: run.concurrent.rawPuts.perSecond / run.concurrent.submissions.perSecond,
      share: run.concurrent.submissions.perSecond / run.concurrent.rawPuts.perSecond,
      floorShare: run.concurrent.floor.perSecond / run.concurrent.rawPuts.perSecond,
    });
    const runs: LeadFormRun[] = [];
    let sequentialDynamoMs = 0;
    const sequentialCommands = new Map<string, number[]>();
    for (let run = 0; run < repetitions; run++) {
      await cloud.bus.settled();
      recorder.reset();
      const busyBefore = recorder.busyMs();
      const sequentialSubmissions = await timed(sequential, 1, accepted);
      sequentialDynamoMs += recorder.busyMs() - busyBefore;
      for (const sent of recorder.trips().flat()) {
        const name = sent.command.replace(/Command$/, '');
        sequentialCommands.set(name, [...(sequentialCommands.get(name) ?? []), sent.ms]);
      }
      const sequentialPuts = await timed(sequential, 1, rawPut);
      const concurrentSubmissions = await timed(concurrent, concurrency, accepted);
      const concurrentPuts = await timed(concurrent, concurrency, rawPut);
      const concurrentFloor = await timed(concurrent, concurrency, rawSubmission);
      const timings = {
        sequential: { submissions: sequentialSubmissions, rawPuts: sequentialPuts },
        concurrent: { submissions: concurrentSubmissions, rawPuts: concurrentPuts, floor: concurrentFloor },
      };
      runs.push({ ...timings, ratios: ratiosOf(timings) });
    }
    await cloud.bus.settled();

    // What DynamoDB Local charges for a transaction or a batch of `items` small items, against a PutItem.
    const item = (id: string, n: number) => ({ pk: `BENCH#${id}#`, sk: `COST#${n}#`, ...rawLead });
    const writes: Record<string, (items: number) => () => Promise<void>> = {
      TransactWriteItems: (items) => async () => {
        const id = ulid();
        await dynamo.send(
          new TransactWriteCommand({
            TransactItems: Array.from({ length: items }, (_, n) => ({
              Put: { TableName: tableName, Item: item(id, n) },
            })),
          }),
        );
      },
      BatchWriteItem: (items) => async () => {
        const id = ulid();
        await dynamo.send(
          new BatchWriteCommand({
            RequestItems: {
              [tableName]: Array.from({ length: items }, (_, n) => ({ PutRequest: { Item: item(id, n) } })),
            },
          }),
        );
      },
    };
    const costs: CommandCost[] = [];
    const putsPerSecond = (await timed(concurrent, concurrency, rawPut)).perSecond;
    for (const [command, items] of [
      ['TransactWriteItems', 1],
      ['TransactWriteItems', 2],
      ['TransactWriteItems', 8],
      ['BatchWriteItem', 8],
      ['BatchWriteItem', 25],
    ] as const) {
      const { perSecond } = await timed(concurrent, concurrency, writes[command]!(items));
      costs.push({ command, items, putItems: putsPerSecond / perSecond });
    }

    const submitted = repetitions * sequential;
    const commandTotal = [...sequentialCommands.values()].flat().reduce((sum, ms) => sum + ms, 0);
    const commands = [...sequentialCommands]
      .map(([command, samples]) => ({
        command,
        perSubmission: samples.length / submitted,
        p50Ms: median(samples),
        share: samples.reduce((sum, ms) => sum + ms, 0) / commandTotal,
      }))
      .sort((a, b) => b.share - a.share);
    const ratios: LeadFormRatios = {
      p50: median(runs.map((run) => run.ratios.p50)),
      p99: median(runs.map((run) => run.ratios.p99)),
      throughput: median(runs.map((run) => run.ratios.throughput)),
      share: median(runs.map((run) => run.ratios.share)),
      floorShare: median(runs.map((run) => run.ratios.floorShare)),
    };

    return {
      organizations,
      concurrency,
      runs,
      ratios,
      dynamoMsPerSubmission: sequentialDynamoMs / submitted,
      commands,
      kinds,
      costs,
      withinBudget: kinds.every((kind) => kind.withinBudget),
      meetsThroughputGoal: ratios.share >= leadFormBudgets.throughputShare,
    } satisfies LeadFormBenchResult;
  } finally {
    recorder.stop();
    await cloud.stop();
  }
};

/** The embed snippet's script as the static site serves it: minified, and gzipped on the wire. */
export const embedScriptSize = async () => {
  const script = await buildEmbedScript();
  return { bytes: Buffer.byteLength(script), gzipBytes: gzipSync(script, { level: 9 }).length };
};

/** In a process of its own (`bench/child.ts`): its local cloud and clients meet no other bench's. */
export const benchLeadForm = () => inChild<LeadFormBenchResult>(import.meta.url);

if (isBenchProcess(import.meta.url)) await reportToParent(measureLeadForm);
