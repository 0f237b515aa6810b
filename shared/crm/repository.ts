import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../aws/dynamo';
import { getMany } from '../db/batch';
import { decodeCursor, gsi1Key, tableKey, toPage } from '../db/cursor';
import { failedConditions } from '../db/errors';
import { parseItem } from '../db/item';
import { crmKeys, orgKeys } from '../db/keys';
import { isExpired } from '../db/ttl';
import type { OutboxWrite } from '../events/outbox';
import { BadRequestError, ConflictError, NotFoundError, VersionConflictError } from '../http/errors';
import { type ActivityEntry, activityPut, type OrganizationItem, organizationItem } from '../organizations';
import * as z from '../schema/zod';
import { jobView, type LeadView, leadView, timelineView } from './contracts';
import { type ContactKey, contactKeyChanges, contactKeys, jobSearchText, leadSearchText } from './rules';

export type LeadItem = LeadView;
/** A job as stored: times in UTC; the organization's wall-clock view is computed on read. */
export const jobItem = z.omit(jobView, { scheduledAtLocal: true, timeZone: true });
export type JobItem = z.infer<typeof jobItem>;

/** A contact key's guard: which open lead holds an email address or phone number. */
const contactGuardItem = z.object({ leadId: z.string() });

const gsi2Key = ['gsi2pk', 'gsi2sk', 'pk', 'sk'] as const;

const leadRecord = (lead: LeadItem) => ({
  ...crmKeys.lead(lead.orgId, lead.id),
  ...crmKeys.leadByStatus(lead.orgId, lead.status, lead.id),
  ...lead,
  searchText: leadSearchText(lead),
});

const jobRecord = (job: JobItem) => ({
  ...crmKeys.job(job.orgId, job.id),
  ...crmKeys.jobByStatus(job.orgId, job.status, job.scheduledAt, job.id),
  ...crmKeys.jobBySchedule(job.orgId, job.scheduledAt, job.id),
  ...job,
  searchText: jobSearchText(job),
});

export type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']
>[number];

/**
 * One transaction whose items each say what a failed condition on them means, so a cancelled write
 * turns into the right problem (version conflict, duplicate, missing organization) without guessing
 * from indexes.
 */
class Transaction {
  readonly items: TransactItem[] = [];
  readonly meanings: ((() => Promise<Error>) | undefined)[] = [];

  add(item: TransactItem, onConditionFailed?: () => Promise<Error>): this {
    this.items.push(item);
    this.meanings.push(onConditionFailed);
    return this;
  }

  async commit(): Promise<void> {
    try {
      await dynamo.send(new TransactWriteCommand({ TransactItems: this.items }));
    } catch (error) {
      const failed = failedConditions(error);
      const meaning = failed?.map((index) => this.meanings[index]).find((candidate) => candidate);
      if (meaning) throw await meaning();
      throw error;
    }
  }
}

// Reads

export const getLead = async (orgId: string, leadId: string): Promise<LeadItem | undefined> => {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: crmKeys.lead(orgId, leadId), ConsistentRead: true }),
  );
  return parseItem(leadView, Item);
};

export const getJob = async (orgId: string, jobId: string): Promise<JobItem | undefined> => {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: crmKeys.job(orgId, jobId), ConsistentRead: true }),
  );
  return parseItem(jobItem, Item);
};

/** The organization (for its time zone and status) with one of its leads or jobs, in one round trip. */
export const getWithOrganization = async (
  orgId: string,
  target: { leadId?: string; jobId?: string },
): Promise<{ org?: OrganizationItem; lead?: LeadItem; job?: JobItem }> => {
  const keys = [
    orgKeys.org(orgId),
    ...(target.leadId ? [crmKeys.lead(orgId, target.leadId)] : []),
    ...(target.jobId ? [crmKeys.job(orgId, target.jobId)] : []),
  ];
  const item = await getMany(keys);
  return {
    org: parseItem(organizationItem, item(orgKeys.org(orgId))),
    lead: target.leadId ? parseItem(leadView, item(crmKeys.lead(orgId, target.leadId))) : undefined,
    job: target.jobId ? parseItem(jobItem, item(crmKeys.job(orgId, target.jobId))) : undefined,
  };
};

// Writes

const leadVersionLost = (lead: LeadItem) => async () =>
  new VersionConflictError((await getLead(lead.orgId, lead.id))?.version);

const jobVersionLost = (job: JobItem) => async () =>
  new VersionConflictError((await getJob(job.orgId, job.id))?.version);

const organizationRefused = (orgId: string) => async () => {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: orgKeys.org(orgId) }));
  return Item ? new BadRequestError('This organization is archived') : new NotFoundError();
};

const contactLabel = (key: ContactKey) => (key.kind === 'email' ? 'email address' : 'phone number');

/**
 * Claims and releases the contact keys of a lead going from `before` to `after` (undefined: it did not
 * exist). A key another open lead holds refuses the write as a duplicate naming that lead.
 */
const addContactChanges = (
  transaction: Transaction,
  orgId: string,
  leadId: string,
  before: LeadItem | undefined,
  after: LeadItem,
) => {
  const { release, claim } = contactKeyChanges(before ? contactKeys(before) : [], contactKeys(after));
  for (const key of release) {
    transaction.add(
      {
        Delete: {
          TableName: tableName,
          Key: crmKeys.leadContact(orgId, key.kind, key.value),
          // Never release a key another lead holds.
          ConditionExpression: 'attribute_not_exists(pk) OR leadId = :leadId',
          ExpressionAttributeValues: { ':leadId': leadId },
        },
      },
      async () => new ConflictError(`Another lead holds this ${contactLabel(key)}; reload and try again`),
    );
  }
  for (const key of claim) {
    const guardKey = crmKeys.leadContact(orgId, key.kind, key.value);
    transaction.add(
      {
        Put: {
          TableName: tableName,
          Item: { ...guardKey, leadId, kind: key.kind },
          ConditionExpression: 'attribute_not_exists(pk)',
        },
      },
      async () => {
        const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: guardKey }));
        const holder = parseItem(contactGuardItem, Item)?.leadId;
        return new ConflictError(
          `An open lead with this ${contactLabel(key)} exists already`,
          holder ? { duplicateOf: holder } : {},
        );
      },
    );
  }
};

const addLeadWrite = (transaction: Transaction, previous: LeadItem | undefined, next: LeadItem) => {
  transaction.add(
    {
      Put: {
        TableName: tableName,
        Item: leadRecord(next),
        ...(previous
          ? {
              ConditionExpression: 'version = :seen',
              ExpressionAttributeValues: { ':seen': previous.version },
            }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    },
    previous ? leadVersionLost(previous) : undefined,
  );
  addContactChanges(transaction, next.orgId, next.id, previous, next);
};

const addActivity = (
  transaction: Transaction,
  orgId: string,
  entries: readonly ActivityEntry[],
  at: string,
) => {
  for (const entry of entries) transaction.add(activityPut(orgId, entry, at));
};

/**
 * A write another module commits together with a lead change (the lead form's idempotency record), and what
 * a failed condition on it means. Such writes go first, so their meaning wins over a duplicate's.
 */
export interface GuardedWrite {
  readonly item: TransactItem;
  readonly onConditionFailed?: () => Promise<Error>;
}

const addWrites = (transaction: Transaction, writes: readonly GuardedWrite[]) => {
  for (const write of writes) transaction.add(write.item, write.onConditionFailed);
};

/**
 * A new lead, its contact keys and its activity entry; only into an active organization. A caller that read
 * the organization as active in this request (the lead form, whose one read takes it with the form) passes
 * `organizationRead` and the transaction leaves the check out: archiving is a status change, so an archive
 * racing the write reads as one just after it, and each item fewer makes the transaction cheaper.
 */
export const createLead = async (
  lead: LeadItem,
  entry: ActivityEntry,
  alongside: readonly GuardedWrite[] = [],
  events: readonly OutboxWrite[] = [],
  { organizationRead = false }: { readonly organizationRead?: boolean } = {},
) => {
  const transaction = new Transaction();
  if (!organizationRead)
    transaction.add(
      {
        ConditionCheck: {
          TableName: tableName,
          Key: orgKeys.org(lead.orgId),
          ConditionExpression: 'attribute_exists(pk) AND #status = :active',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':active': 'active' },
        },
      },
      organizationRefused(lead.orgId),
    );
  addWrites(transaction, alongside);
  addLeadWrite(transaction, undefined, lead);
  addActivity(transaction, lead.orgId, [entry], lead.createdAt);
  for (const event of events) transaction.add(event);
  await transaction.commit();
};

/** Saves a lead if nobody saved since `previous` was read; the loser gets 409 with the current version. */
export const saveLead = async (
  previous: LeadItem,
  next: LeadItem,
  entries: readonly ActivityEntry[],
  alongside: readonly GuardedWrite[] = [],
  events: readonly OutboxWrite[] = [],
) => {
  const transaction = new Transaction();
  addWrites(transaction, alongside);
  addLeadWrite(transaction, previous, next);
  addActivity(transaction, next.orgId, entries, next.updatedAt);
  for (const event of events) transaction.add(event);
  await transaction.commit();
};

/** One lead of a batch: its state before (none: new) and after, and its timeline entry. */
export interface LeadUpsert {
  readonly previous?: LeadItem;
  readonly next: LeadItem;
  readonly entry: ActivityEntry;
  /** The lead's domain events, committed with it or not at all. */
  readonly events: readonly OutboxWrite[];
}

/** Most items in one TransactWriteItems call. */
const transactionLimit = 100;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Cancellation reasons that a later attempt may not meet: another transaction on an item, throttling. */
const isTransient = (error: unknown) => {
  const name = (error as { name?: string })?.name;
  if (name === 'ThrottlingException' || name === 'ProvisionedThroughputExceededException') return true;
  if (!(error instanceof TransactionCanceledException)) return false;
  const codes = (error.CancellationReasons ?? [])
    .map((reason) => reason.Code)
    .filter((code) => code !== 'None');
  return (
    codes.length > 0 && codes.every((code) => code === 'TransactionConflict' || code === 'ThrottlingError')
  );
};

/**
 * Commits many leads' writes (each with its contact keys, timeline entry and events) in as few transactions as fit
 * 100 items, into an active organization only. A lead whose condition fails (its version moved, a contact
 * key another lead holds, a new lead's id taken) is left out with what that means, and the rest is
 * committed without it; throttling and transaction conflicts are retried with backoff.
 * @returns the failed upserts by their index in `upserts`.
 */
export const upsertLeads = async (
  orgId: string,
  upserts: readonly LeadUpsert[],
): Promise<Map<number, Error>> => {
  const failures = new Map<number, Error>();
  const perLead = upserts.map((upsert) => {
    const transaction = new Transaction();
    addLeadWrite(transaction, upsert.previous, upsert.next);
    addActivity(transaction, orgId, [upsert.entry], upsert.next.updatedAt);
    for (const event of upsert.events) transaction.add(event);
    return transaction;
  });
  const organizationCheck: TransactItem = {
    ConditionCheck: {
      TableName: tableName,
      Key: orgKeys.org(orgId),
      ConditionExpression: 'attribute_exists(pk) AND #status = :active',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':active': 'active' },
    },
  };
  const groups: number[][] = [];
  let size = transactionLimit;
  perLead.forEach((transaction, index) => {
    if (size + transaction.items.length > transactionLimit) {
      groups.push([]);
      size = 1;
    }
    groups.at(-1)!.push(index);
    size += transaction.items.length;
  });
  const commit = async (group: number[], attempt = 0): Promise<void> => {
    if (group.length === 0) return;
    const owners = [-1, ...group.flatMap((index) => perLead[index]!.items.map(() => index))];
    const items = [organizationCheck, ...group.flatMap((index) => perLead[index]!.items)];
    try {
      await dynamo.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      if (isTransient(error) && attempt < 6) {
        await pause(50 * 2 ** attempt + Math.random() * 50);
        return commit(group, attempt + 1);
      }
      const failed = failedConditions(error);
      if (!failed) throw error;
      if (failed.includes(0)) throw await organizationRefused(orgId)();
      const failedLeads = new Set(failed.map((itemIndex) => owners[itemIndex]!));
      for (const index of failedLeads) {
        const transaction = perLead[index]!;
        const itemIndex = failed.find((candidate) => owners[candidate] === index)!;
        const offset = owners.indexOf(index);
        const meaning = transaction.meanings[itemIndex - offset];
        failures.set(index, meaning ? await meaning() : new ConflictError('The lead exists already'));
      }
      return commit(
        group.filter((index) => !failedLeads.has(index)),
        attempt,
      );
    }
  };
  const pending = [...groups];
  const worker = async () => {
    while (pending.length > 0) await commit(pending.shift()!);
  };
  await Promise.all(Array.from({ length: Math.min(4, groups.length) }, worker));
  return failures;
};

/** Most keys in one BatchGetItem call. */
const batchGetLimit = 100;

const getInBatches = async (keys: readonly { pk: string; sk: string }[]) => {
  const batches: (typeof keys)[] = [];
  for (let start = 0; start < keys.length; start += batchGetLimit)
    batches.push(keys.slice(start, start + batchGetLimit));
  const lookups = await Promise.all(batches.map((batch) => getMany(batch)));
  return (key: { pk: string; sk: string }) =>
    lookups.map((lookup) => lookup(key)).find((item) => item !== undefined);
};

/**
 * The open leads holding any of these contact keys (their guards, then the leads, each read in batches of
 * 100), by `<kind>:<value>`.
 */
export const findOpenLeadsByContact = async (
  orgId: string,
  keys: readonly ContactKey[],
): Promise<Map<string, LeadItem>> => {
  const unique = [...new Map(keys.map((key) => [`${key.kind}:${key.value}`, key])).values()];
  const guardKeys = unique.map((key) => crmKeys.leadContact(orgId, key.kind, key.value));
  const guards = await getInBatches(guardKeys);
  const leadIds = new Map<string, string>();
  unique.forEach((key, index) => {
    const leadId = parseItem(contactGuardItem, guards(guardKeys[index]!))?.leadId;
    if (leadId) leadIds.set(`${key.kind}:${key.value}`, leadId);
  });
  const leadKeys = [...new Set(leadIds.values())].map((leadId) => crmKeys.lead(orgId, leadId));
  const leads = await getInBatches(leadKeys);
  const found = new Map<string, LeadItem>();
  for (const [contact, leadId] of leadIds) {
    const lead = parseItem(leadView, leads(crmKeys.lead(orgId, leadId)));
    if (lead) found.set(contact, lead);
  }
  return found;
};

const addJobWrite = (transaction: Transaction, previous: JobItem | undefined, next: JobItem) => {
  transaction.add(
    {
      Put: {
        TableName: tableName,
        Item: jobRecord(next),
        ...(previous
          ? {
              ConditionExpression: 'version = :seen',
              ExpressionAttributeValues: { ':seen': previous.version },
            }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    },
    previous ? jobVersionLost(previous) : undefined,
  );
};

/** A new job; from a lead, the lead's new state (linked, maybe won) goes in the same write. */
export const createJob = async (
  job: JobItem,
  lead: { previous: LeadItem; next: LeadItem } | undefined,
  entries: readonly ActivityEntry[],
  events: readonly OutboxWrite[] = [],
) => {
  const transaction = new Transaction();
  addJobWrite(transaction, undefined, job);
  if (lead) addLeadWrite(transaction, lead.previous, lead.next);
  addActivity(transaction, job.orgId, entries, job.createdAt);
  for (const event of events) transaction.add(event);
  await transaction.commit();
};

export const saveJob = async (
  previous: JobItem,
  next: JobItem,
  entries: readonly ActivityEntry[],
  events: readonly OutboxWrite[] = [],
) => {
  const transaction = new Transaction();
  addJobWrite(transaction, previous, next);
  addActivity(transaction, next.orgId, entries, next.updatedAt);
  for (const event of events) transaction.add(event);
  await transaction.commit();
};

// Lists

/** Filtered queries read wider pages; DynamoDB never returns more than 1 MB a page anyway. */
const readLimit = (limit: number, filtered: boolean) => (filtered ? Math.min(limit * 4, 1000) : limit);

interface RangeQuery {
  readonly index?: 'gsi1' | 'gsi2';
  readonly partition: { name: string; value: string };
  readonly sortKey: { name: string; from: string; to: string };
  readonly filters: { expression: string; names?: Record<string, string>; values: Record<string, unknown> }[];
  readonly newestFirst: boolean;
  readonly limit: number;
  readonly cursor?: string;
}

/** One page of a sort-key range of one partition, in one round trip. */
const queryRange = async (query: RangeQuery) => {
  const keyNames = query.index === 'gsi1' ? gsi1Key : query.index === 'gsi2' ? gsi2Key : tableKey;
  const values: Record<string, unknown> = {
    ':pk': query.partition.value,
    ':from': query.sortKey.from,
    ':to': query.sortKey.to,
  };
  const names: Record<string, string> = {};
  for (const filter of query.filters) {
    Object.assign(values, filter.values);
    Object.assign(names, filter.names ?? {});
  }
  const result = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      ...(query.index ? { IndexName: query.index } : {}),
      KeyConditionExpression: `${query.partition.name} = :pk AND ${query.sortKey.name} BETWEEN :from AND :to`,
      ...(query.filters.length
        ? { FilterExpression: query.filters.map((filter) => filter.expression).join(' AND ') }
        : {}),
      ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
      ExpressionAttributeValues: values,
      ScanIndexForward: !query.newestFirst,
      Limit: readLimit(query.limit, query.filters.length > 0),
      ExclusiveStartKey: decodeCursor(
        query.cursor,
        { [query.partition.name]: query.partition.value },
        keyNames,
      ),
    }),
  );
  return toPage(result.Items ?? [], result.LastEvaluatedKey, query.limit, keyNames);
};

const searchFilter = (search: string | undefined) =>
  search ? [{ expression: 'contains(searchText, :q)', values: { ':q': search } }] : [];

export interface LeadQuery {
  readonly orgId: string;
  readonly status?: string;
  readonly source?: string;
  /** Already normalized (see `searchTerm`). */
  readonly search?: string;
  /** Lowest and highest lead id (ULID bounds of the creation-time range). */
  readonly fromId: string;
  readonly toId: string;
  readonly limit: number;
  readonly cursor?: string;
}

/** Leads newest first; status picks the status index, the date range is a key condition on ids. */
export const listLeads = async (query: LeadQuery) => {
  const byStatus = query.status !== undefined;
  const page = await queryRange({
    ...(byStatus ? { index: 'gsi1' as const } : {}),
    partition: byStatus
      ? { name: 'gsi1pk', value: crmKeys.leadStatusPartition(query.orgId, query.status!) }
      : { name: 'pk', value: crmKeys.leadPartition(query.orgId).pk },
    sortKey: byStatus
      ? { name: 'gsi1sk', from: `${query.fromId}#`, to: `${query.toId}#` }
      : { name: 'sk', from: `LEAD#${query.fromId}#`, to: `LEAD#${query.toId}#` },
    filters: [
      ...(query.source
        ? [
            {
              expression: '#source = :source',
              names: { '#source': 'source' },
              values: { ':source': query.source },
            },
          ]
        : []),
      ...searchFilter(query.search),
    ],
    newestFirst: true,
    limit: query.limit,
    cursor: query.cursor,
  });
  return { items: page.items.map((item) => parseItem(leadView, item)!), nextCursor: page.nextCursor };
};

export interface JobQuery {
  readonly orgId: string;
  readonly status?: string;
  readonly search?: string;
  /** ISO-8601 UTC bounds of the scheduled time: from inclusive, to exclusive. */
  readonly fromAt?: string;
  readonly toAt?: string;
  readonly limit: number;
  readonly cursor?: string;
}

/** Jobs by scheduled time, earliest first: the status index when filtering by status, else the schedule. */
export const listJobs = async (query: JobQuery) => {
  const byStatus = query.status !== undefined;
  // Sort keys are `<scheduledAt>#<id>#`: one at exactly `toAt` sorts after `toAt`, so BETWEEN excludes it.
  const from = query.fromAt ?? '0';
  const to = query.toAt ?? '~';
  const page = await queryRange(
    byStatus
      ? {
          index: 'gsi1',
          partition: { name: 'gsi1pk', value: crmKeys.jobStatusPartition(query.orgId, query.status!) },
          sortKey: { name: 'gsi1sk', from, to },
          filters: searchFilter(query.search),
          newestFirst: false,
          limit: query.limit,
          cursor: query.cursor,
        }
      : {
          index: 'gsi2',
          partition: { name: 'gsi2pk', value: crmKeys.jobSchedulePartition(query.orgId) },
          sortKey: { name: 'gsi2sk', from, to },
          filters: searchFilter(query.search),
          newestFirst: false,
          limit: query.limit,
          cursor: query.cursor,
        },
  );
  return { items: page.items.map((item) => parseItem(jobItem, item)!), nextCursor: page.nextCursor };
};

/** One lead's own activity entries, newest first; expired ones (TTL not yet applied) are left out. */
export const listLeadTimeline = async (orgId: string, leadId: string, limit: number, cursor?: string) => {
  const partition = crmKeys.leadTimelinePartition(orgId, leadId);
  const result = await dynamo.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': partition },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: decodeCursor(cursor, { gsi1pk: partition }, gsi1Key),
    }),
  );
  const page = toPage(result.Items ?? [], result.LastEvaluatedKey, limit, gsi1Key);
  return {
    items: page.items.filter((item) => !isExpired(item)).map((item) => parseItem(timelineView, item)!),
    nextCursor: page.nextCursor,
  };
};
