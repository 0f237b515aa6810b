import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { startLocalCloud } from '../infra/local/cloud';
import { seedDemo } from '../infra/local/seed';
import { engagementKeys } from '../shared/db/keys';
import { tableDefinition } from '../shared/db/table';
import { allTasks, defaultTemplate, parseChecklist, setTaskStatus, summarize } from '../shared/engagements';
import { overviewQuery } from '../shared/engagements/contracts';
import { type RoundTripRecorder, recordRoundTrips } from '../test/round-trip-recorder';

/** The goal: parsing and summarizing a 2,000-task checklist takes under 20 ms. */
export const engagementBudgets = { tasks: 2_000, parseMs: 20 } as const;

export interface EngagementBenchResult {
  readonly tasks: number;
  readonly lines: number;
  readonly bytes: number;
  /** Median of parseChecklist + summarize. */
  readonly parseMs: number;
  /** Median of `source.split(/\r?\n/)` on the same file: the least any line-based parser must do. */
  readonly splitMs: number;
  readonly ratioToSplit: number;
  /** Median of one setTaskStatus (it parses the file to check the id, then splices one character). */
  readonly setStatusMs: number;
  readonly withinBudget: boolean;
}

/** Deterministic pseudo-random numbers, so every run measures the same file. */
const random = (seed: number) => () => {
  seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
  return seed / 2 ** 32;
};

const phaseTitles = [
  'Initial Contact & Qualification',
  'Planning & Agreement',
  'Content Production',
  'Preparation & Promotion',
  'Partner Outreach',
  'Event Execution',
  'Reporting',
  'Post-Event Follow-up',
];
const verbs = ['Draft', 'Review', 'Send', 'Confirm', 'Schedule', 'Publish', 'Collect', 'Update', 'Book'];
const things = [
  'the speaker brief',
  'banner 🎨',
  'run of show',
  'invoice #42',
  '`utm` links',
  'recap thread',
];

/**
 * A realistic large checklist: several phases of nested tasks (all bullet and marker styles, spaces and tabs)
 * with free text, tables, blockquotes, comments and code blocks between them; CRLF endings.
 */
export const buildLargeChecklist = (taskCount: number = engagementBudgets.tasks): string => {
  const next = random(2_000);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const lines = ['# Vertex Summit: annual programme', '', '> Owner: Priya. Updated weekly.', ''];
  const perPhase = Math.ceil(taskCount / phaseTitles.length);
  let written = 0;
  phaseTitles.forEach((title, p) => {
    lines.push(`## Phase ${p + 1}: ${title}`, '', `Notes for ${title.toLowerCase()}.`, '');
    lines.push('| Owner | Due |', '| --- | --- |', '| Agency | Friday |', '');
    const unit = p % 3 === 2 ? '\t' : '  ';
    let depth = 0;
    for (let i = 0; i < perPhase && written < taskCount; i++, written++) {
      depth = i === 0 ? 0 : Math.max(0, Math.min(depth + (next() < 0.35 ? 1 : next() < 0.5 ? -1 : 0), 3));
      const indent = unit.repeat(depth);
      const bullet = pick(['*', '-', '+', '1.']);
      const marker = pick(['x', 'x', 'X', ' ', ' ', ' ', '-', '~']);
      lines.push(`${indent}${bullet} [${marker}] ${pick(verbs)} ${pick(things)} (${p + 1}.${i + 1})`);
      if (i % 40 === 39) lines.push('', '```md', '- [ ] example inside code', '```', '');
      if (i % 60 === 59) lines.push('<!--', '- [ ] parked idea', '-->', '');
    }
    lines.push('');
  });
  return lines.join('\r\n');
};

const median = (run: () => unknown, runs: number): number => {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
};

/**
 * Measures parsing and summarizing a 2,000-task checklist against splitting it into lines, in the same run
 * so the ratio holds on a noisy machine.
 */
export const benchEngagementParsing = async (runs = 50): Promise<EngagementBenchResult> => {
  const source = buildLargeChecklist();
  const checklist = parseChecklist(source);
  const tasks = allTasks(checklist);
  const last = tasks.at(-1)!;
  let sink = 0;
  for (let i = 0; i < 20; i++) {
    sink += summarize(parseChecklist(source)).taskCount + source.split(/\r?\n/).length;
  }
  const parseMs = median(() => {
    sink += summarize(parseChecklist(source)).taskCount;
  }, runs);
  const splitMs = median(() => {
    sink += source.split(/\r?\n/).length;
  }, runs);
  const setStatusMs = median(() => {
    sink += setTaskStatus(source, last.id, last.status === 'done' ? 'pending' : 'done').length;
  }, runs);
  if (sink === 0) throw new Error('unreachable: keeps the measured work from being optimised away');
  return {
    tasks: tasks.length,
    lines: checklist.sourceLines.length,
    bytes: new TextEncoder().encode(source).byteLength,
    parseMs,
    splitMs,
    ratioToSplit: parseMs / splitMs,
    setStatusMs,
    withinBudget: tasks.length >= engagementBudgets.tasks && parseMs < engagementBudgets.parseMs,
  };
};

/** The admin overview's walk: 1,000 engagements across 50 organizations, read one page at a time. */
export const overviewBudgets = { engagements: 1_000, organizations: 50, queriesPerPage: 1, roundTrips: 3 };

/**
 * The overview read the ways the dashboard asks for it. `only=stalled` stays one query a page: the
 * repository filters with a FilterExpression (by name, both the age and the pending work; newest first,
 * the age is a key condition and only the pending work is filtered) and asks for 4× the page size to fill
 * the page. So a filtered page reads up to 100 items to return 25 or fewer, and when more than 25 match,
 * the next page reads again from right after the last item returned; hence items read per page.
 */
const overviewScenarios = [
  { name: 'newest first', query: {} },
  { name: 'by name', query: { sort: 'name' } },
  { name: 'stalled, by name', query: { sort: 'name', only: 'stalled' } },
  { name: 'stalled, newest first', query: { only: 'stalled' } },
] as const;

export interface Spread {
  readonly min: number;
  readonly median: number;
  readonly max: number;
}

export interface OverviewScenarioResult {
  readonly name: string;
  readonly query: string;
  /** Pages of one walk from the first page to the end. */
  readonly pages: number;
  readonly items: number;
  /** What the seeded data says the walk must return; a difference means a skipped item. */
  readonly expectedItems: number;
  /** Items returned on more than one page of the walk. */
  readonly repeatedItems: number;
  readonly itemsPerPage: Spread;
  /** Items DynamoDB read (ScannedCount) per page: more than returned when a FilterExpression drops some. */
  readonly itemsReadPerPage: Spread;
  /** DynamoDB round trips per page through the route (authentication reads the user on every request). */
  readonly roundTripsPerPage: Spread;
  readonly queriesPerPage: Spread;
  /** The commands of one page request, in order. */
  readonly commandsPerPage: readonly string[];
  /** One page through the local gateway and the real handler, as the dashboard requests it. */
  readonly pageMs: { readonly median: number; readonly p95: number };
  /** The same page from the service function, without HTTP, authentication and response validation. */
  readonly serviceMs: { readonly median: number; readonly p95: number };
  /** One raw QueryCommand of a page's size (no filter) on the same index, interleaved with the pages. */
  readonly rawQueryMs: number;
  readonly pageRatioToRawQuery: number;
  readonly serviceRatioToRawQuery: number;
  readonly withinBudget: boolean;
}

export interface OverviewBenchResult {
  readonly engagements: number;
  readonly organizations: number;
  readonly pageSize: number;
  /** Measured walks per scenario, after one warm-up walk. */
  readonly walks: number;
  readonly seedMs: number;
  readonly scenarios: OverviewScenarioResult[];
  /** Every page of every scenario took at most one query. */
  readonly withinBudget: boolean;
}

/** One command of a page's request and the items its query read. */
interface PageCommand {
  readonly command: string;
  readonly scanned: number;
}

const day = 86_400_000;

const spread = (values: readonly number[]): Spread => {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0] ?? 0, median: sorted[Math.floor(sorted.length / 2)] ?? 0, max: sorted.at(-1) ?? 0 };
};

const timing = (samples: readonly number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    median: sorted[Math.floor(sorted.length / 2)]!,
    p95: sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)]!,
  };
};

/** Runs `work` over `count` indexes with at most `concurrency` at a time. */
const inParallel = async (count: number, concurrency: number, work: (index: number) => Promise<void>) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await work(next++);
    }),
  );
};

/**
 * Summaries of the default checklist with its first k tasks done, for every k: the last has nothing
 * pending, so that engagement is complete and never stalled.
 */
const progressSummaries = () => {
  let source = defaultTemplate('Bench project');
  const tasks = allTasks(parseChecklist(source));
  const summaries = [summarize(parseChecklist(source))];
  for (const task of tasks) {
    source = setTaskStatus(source, task.id, 'done');
    summaries.push(summarize(parseChecklist(source)));
  }
  return summaries;
};

const orgWords = ['Alder', 'Beacon', 'Cedar', 'Delta', 'Ember', 'Fjord', 'Granite', 'Harbor'];
const orgTrades = ['Dental', 'Roofing', 'Events', 'Bakery', 'Legal', 'Fitness'];
const projectWords = ['Spring', 'Launch', 'Founders', 'Community', 'Holiday', 'Partner', 'Summer'];
const projectKinds = ['Campaign', 'Space Series', 'AMA', 'Panel', 'Roadshow', 'Webinar'];

/**
 * Measures paging through the admin overview of 1,000 engagements (`GET /api/engagements`) against
 * DynamoDB Local in memory: pages, DynamoDB round trips per page, and time per page as a ratio to one raw
 * query of the same size in the same run. Nothing is asserted by time; a page that needs more than one
 * query is reported.
 */
export const benchOverviewPaging = async (walks = 3): Promise<OverviewBenchResult> => {
  const seedStart = performance.now();
  const cloud = await startLocalCloud({ port: 0, schedules: false });
  let recorder: RoundTripRecorder | undefined;
  try {
    // Imported once the local cloud has set the configuration these modules read when they load.
    const { dynamo, tableName } = await import('../shared/aws/dynamo');
    const { createEngagement } = await import('../shared/engagements/repository');
    const { overview } = await import('../shared/engagements/service');
    // The gateway runs the handlers in this process on this same client, so the route's calls are counted.
    const counter = recordRoundTrips(dynamo);
    recorder = counter;
    const taken = () => {
      const trips = counter.trips();
      counter.reset();
      return {
        roundTrips: trips.length,
        commands: trips.flat().map(
          (sent): PageCommand => ({
            command: sent.command,
            scanned: (sent.output as { ScannedCount?: number } | undefined)?.ScannedCount ?? 0,
          }),
        ),
      };
    };
    const get = async (path: string, token: string) => {
      const response = await fetch(`${cloud.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      const body = await response.json();
      if (response.status !== 200) throw new Error(`GET ${path}: ${response.status} ${JSON.stringify(body)}`);
      return body;
    };

    // The demo seed: an operator admin and two organizations with one engagement each.
    const admin = (await seedDemo(undefined)).find((signIn) => signIn.role === 'admin')!;
    const signedIn = await fetch(`${cloud.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: admin.email, password: admin.password }),
    });
    if (signedIn.status !== 200)
      throw new Error(`Sign-in failed: ${signedIn.status} ${await signedIn.text()}`);
    const token = ((await signedIn.json()) as { accessToken: string }).accessToken;
    const seeded = (await get('/api/orgs?limit=100', token)) as { items: { id: string; name: string }[] };
    let seededEngagements = 0;
    for (const org of seeded.items) {
      seededEngagements += (await get(`/api/orgs/${org.id}/engagements?limit=100`, token)).items.length;
    }

    const next = random(1_000);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const orgs: { id: string; name: string }[] = [];
    for (let i = seeded.items.length; i < overviewBudgets.organizations; i++) {
      const name = `${pick(orgWords)} ${pick(orgTrades)} ${String(i).padStart(2, '0')}`;
      const response = await fetch(`${cloud.url}/api/orgs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          name,
          slug: name.toLowerCase().replaceAll(' ', '-'),
          timeZone: 'Europe/Berlin',
        }),
      });
      if (response.status !== 201)
        throw new Error(`Creating ${name}: ${response.status} ${await response.text()}`);
      orgs.push((await response.json()) as { id: string; name: string });
    }

    // Written by the repository in the shape and transaction the product uses (engagement, first version,
    // activity entry), with last updates spread over four months so that some are stalled. The checklist
    // files are not uploaded: the overview never reads S3.
    const now = Date.now();
    const summaries = progressSummaries();
    const written: { updatedAt: string; pending: number }[] = [];
    const plan = Array.from({ length: overviewBudgets.engagements - seededEngagements }, (_, i) => {
      const org = orgs[i % orgs.length]!;
      const ageDays = next() < 0.7 ? next() * 13 : 15 + next() * 105;
      const updatedAt = new Date(now - ageDays * day).toISOString();
      const summary = next() < 0.2 ? summaries.at(-1)! : pick(summaries.slice(0, -1));
      written.push({ updatedAt, pending: summary.totals.pending });
      return { org, updatedAt, summary, projectName: `${pick(projectWords)} ${pick(projectKinds)} ${i}` };
    });
    await inParallel(plan.length, 8, async (i) => {
      const { org, updatedAt, summary, projectName } = plan[i]!;
      const id = ulid(Date.parse(updatedAt));
      const objectKey = engagementKeys.objectKey(org.id, id, 1, ulid());
      const createdAt = new Date(Date.parse(updatedAt) - 20 * day).toISOString();
      await createEngagement(
        {
          id,
          orgId: org.id,
          organizationName: org.name,
          projectName,
          version: 1,
          objectKey,
          revision: 1,
          clientCanEditTasks: true,
          summary,
          createdAt,
          updatedAt,
          updatedBy: 'Bench Operator',
        },
        {
          version: 1,
          objectKey,
          at: updatedAt,
          author: 'Bench Operator',
          change: 'Uploaded',
          totals: summary.totals,
        },
        { actor: 'Bench Operator', kind: 'engagement.created', summary: `Bench started ${projectName}` },
      );
    });
    await cloud.bus.settled();
    const seedMs = performance.now() - seedStart;

    const pageSize = overviewQuery.parse({}).limit;
    const stalledBefore = new Date(now - overviewQuery.parse({}).stalledAfterDays * day).toISOString();
    const stalled = written.filter((e) => e.pending > 0 && e.updatedAt < stalledBefore).length;

    const scenarios: OverviewScenarioResult[] = [];
    for (const scenario of overviewScenarios) {
      const query = new URLSearchParams(scenario.query);
      const byName = query.get('sort') === 'name';
      const index = tableDefinition.globalSecondaryIndexes.find(
        (i) => i.name === (byName ? 'gsi2' : 'gsi1'),
      )!;
      let rawCursor: Record<string, unknown> | undefined;
      const rawQuery = async () => {
        const result = await dynamo.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: index.name,
            KeyConditionExpression: '#pk = :pk',
            ExpressionAttributeNames: { '#pk': index.partitionKey },
            ExpressionAttributeValues: { ':pk': engagementKeys.overviewPartition },
            ScanIndexForward: byName,
            Limit: pageSize,
            ExclusiveStartKey: rawCursor,
          }),
        );
        rawCursor = result.LastEvaluatedKey;
      };

      const pageMs: number[] = [];
      const serviceMs: number[] = [];
      const rawMs: number[] = [];
      const pages: {
        items: number;
        roundTrips: number;
        commands: PageCommand[];
        serviceQueries: number;
      }[][] = [];
      const returned: string[][] = [];
      for (let walk = 0; walk <= walks; walk++) {
        const walkPages: (typeof pages)[number] = [];
        const ids: string[] = [];
        let cursor: string | null = null;
        do {
          const params = new URLSearchParams(query);
          if (cursor) params.set('cursor', cursor);
          taken();
          let start = performance.now();
          const page = (await get(`/api/engagements?${params}`, token)) as {
            items: { id: string }[];
            nextCursor: string | null;
          };
          const ms = performance.now() - start;
          const request = taken();

          start = performance.now();
          await overview(overviewQuery.parse(Object.fromEntries(params)));
          const serviceOnlyMs = performance.now() - start;
          const serviceQueries = taken().commands.filter((sent) => sent.command === 'QueryCommand').length;

          start = performance.now();
          await rawQuery();
          const rawOnlyMs = performance.now() - start;
          taken();

          // The first walk warms the handler, the connections and DynamoDB Local's JIT; it is not timed.
          if (walk > 0) {
            pageMs.push(ms);
            serviceMs.push(serviceOnlyMs);
            rawMs.push(rawOnlyMs);
          }
          walkPages.push({ items: page.items.length, ...request, serviceQueries });
          ids.push(...page.items.map((item) => item.id));
          cursor = page.nextCursor;
        } while (cursor && walkPages.length < 1_000);
        pages.push(walkPages);
        returned.push(ids);
      }

      const all = pages.flat();
      const queries = all.map((p) =>
        Math.max(p.serviceQueries, p.commands.filter((sent) => sent.command === 'QueryCommand').length),
      );
      const first = pages[0]!;
      const ids = returned[0]!;
      const page = timing(pageMs);
      const service = timing(serviceMs);
      const raw = timing(rawMs).median;
      scenarios.push({
        name: scenario.name,
        query: query.toString() || '(defaults)',
        pages: first.length,
        items: ids.length,
        expectedItems: query.get('only') === 'stalled' ? stalled : overviewBudgets.engagements,
        repeatedItems: ids.length - new Set(ids).size,
        itemsPerPage: spread(first.map((p) => p.items)),
        itemsReadPerPage: spread(
          first.map((p) =>
            p.commands
              .filter((sent) => sent.command === 'QueryCommand')
              .reduce((sum, sent) => sum + sent.scanned, 0),
          ),
        ),
        roundTripsPerPage: spread(all.map((p) => p.roundTrips)),
        queriesPerPage: spread(queries),
        commandsPerPage: first[0]!.commands.map((sent) => sent.command),
        pageMs: page,
        serviceMs: service,
        rawQueryMs: raw,
        pageRatioToRawQuery: page.median / raw,
        serviceRatioToRawQuery: service.median / raw,
        withinBudget: Math.max(...queries) <= overviewBudgets.queriesPerPage,
      });
    }
    return {
      engagements: overviewBudgets.engagements,
      organizations: orgs.length + seeded.items.length,
      pageSize,
      walks,
      seedMs,
      scenarios,
      withinBudget: scenarios.every((scenario) => scenario.withinBudget),
    };
  } finally {
    recorder?.stop();
    await cloud.stop();
  }
};
