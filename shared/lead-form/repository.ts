import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../aws/dynamo';
import type { ContactKey, GuardedWrite } from '../crm';
import { getMany, type ItemKey } from '../db/batch';
import { failedConditions } from '../db/errors';
import { parseItem } from '../db/item';
import { crmKeys, leadFormKeys, orgKeys } from '../db/keys';
import { isExpired } from '../db/ttl';
import { NotFoundError, VersionConflictError } from '../http/errors';
import {
  type ActivityEntry,
  activityPut,
  findOrganizationIdBySlug,
  type OrganizationItem,
  organizationItem,
} from '../organizations';
import * as z from '../schema/zod';
import { type LeadFormSettingsView, leadFormSettingsView } from './contracts';

export type LeadFormSettingsItem = LeadFormSettingsView;

/** The first answer to an idempotency key, kept for a day. */
const submissionRecord = z.object({
  submissionId: z.string(),
  receivedAt: z.string(),
  /** Hash of the submission it answered: the same key with another body is refused. */
  bodyHash: z.string(),
});
export type SubmissionRecord = z.infer<typeof submissionRecord>;

/** A rate-limit counter as the submission context reads it. */
const counterItem = z.object({ count: z.number().check(z.int()) });

/** The contact guard of an open lead, as the submission context reads it to find the lead. */
const contactGuardItem = z.object({ leadId: z.string() });

/** The organization behind a form, with the form's settings (defaults until first saved). */
export interface FormTarget {
  readonly org: OrganizationItem;
  readonly settings: LeadFormSettingsItem;
}

/** A submission's idempotency record existed when the lead was written: the write was a replay. */
export class ReplayedSubmissionError extends Error {
  constructor() {
    super('A submission with this idempotency key was stored already');
    this.name = 'ReplayedSubmissionError';
  }
}

const defaultSettings = (orgId: string): LeadFormSettingsItem => ({
  orgId,
  services: [],
  intro: '',
  version: 0,
  updatedAt: null,
  updatedBy: null,
});

const settingsOf = (orgId: string, item: Record<string, unknown> | undefined) =>
  parseItem(leadFormSettingsView, item) ?? defaultSettings(orgId);

/**
 * Slugs this container resolved, so a form request reads the organization and everything else it needs in
 * one round trip. A slug can move to another organization: a read whose organization no longer has the slug
 * looks it up again.
 */
const orgIdsBySlug = new Map<string, string>();
const slugCacheSize = 1_000;

const rememberSlug = (slug: string, orgId: string) => {
  if (orgIdsBySlug.size >= slugCacheSize && !orgIdsBySlug.has(slug))
    orgIdsBySlug.delete(orgIdsBySlug.keys().next().value!);
  orgIdsBySlug.set(slug, orgId);
};

type Lookup = Awaited<ReturnType<typeof getMany>>;

/**
 * The form behind a public slug, with more items of the same organization (`more` names their keys), in
 * one BatchGet once this container knows the slug (one GetItem more the first time).
 */
const readForm = async (
  slug: string,
  more: (orgId: string) => ItemKey[],
): Promise<{ target: FormTarget; item: Lookup } | undefined> => {
  const read = async (orgId: string) => {
    const item = await getMany([orgKeys.org(orgId), leadFormKeys.settings(orgId), ...more(orgId)]);
    const org = parseItem(organizationItem, item(orgKeys.org(orgId)), ['searchText']);
    return org?.slug === slug
      ? { target: { org, settings: settingsOf(orgId, item(leadFormKeys.settings(orgId))) }, item }
      : undefined;
  };
  const known = orgIdsBySlug.get(slug);
  const found = known ? await read(known) : undefined;
  if (found) return found;
  orgIdsBySlug.delete(slug);
  const orgId = await findOrganizationIdBySlug(slug);
  const fresh = orgId ? await read(orgId) : undefined;
  if (fresh) rememberSlug(slug, fresh.target.org.id);
  return fresh;
};

export const getFormTarget = async (slug: string): Promise<FormTarget | undefined> =>
  (await readForm(slug, () => []))?.target;

export interface SubmissionContext {
  readonly target: FormTarget;
  /** The first answer to this idempotency key, if it was used before (and has not expired). */
  readonly record: SubmissionRecord | undefined;
  /** The open lead holding the submission's email, else its phone number, if any. */
  readonly holderLeadId: string | undefined;
  /** The count of each counter `readSubmissionContext` was asked for (0 for none yet). */
  readonly counts: number[];
}

/**
 * Everything a submission decides on, in one round trip: the organization and its form, the idempotency
 * record of `keyHash`, the contact guards of the submission's email and phone (the CRM's dedupe guard) and
 * the rate-limit counters `counters` names. A counter's key names its window, so its TTL only tidies up.
 */
export const readSubmissionContext = async (
  slug: string,
  keyHash: string | undefined,
  contacts: readonly ContactKey[],
  counters: (orgId: string) => ItemKey[],
): Promise<SubmissionContext | undefined> => {
  const guardKey = (orgId: string, contact: ContactKey) =>
    crmKeys.leadContact(orgId, contact.kind, contact.value);
  const found = await readForm(slug, (orgId) => [
    ...(keyHash ? [leadFormKeys.submission(orgId, keyHash)] : []),
    ...contacts.map((contact) => guardKey(orgId, contact)),
    ...counters(orgId),
  ]);
  if (!found) return undefined;
  const orgId = found.target.org.id;
  const recordItem = keyHash ? found.item(leadFormKeys.submission(orgId, keyHash)) : undefined;
  const holders = contacts.map(
    (contact) => parseItem(contactGuardItem, found.item(guardKey(orgId, contact)))?.leadId,
  );
  return {
    target: found.target,
    record: isExpired(recordItem) ? undefined : parseItem(submissionRecord, recordItem, ['ttl']),
    holderLeadId: holders.find((leadId) => leadId !== undefined),
    counts: counters(orgId).map((key) => parseItem(counterItem, found.item(key), ['ttl'])?.count ?? 0),
  };
};

export const getSubmissionRecord = async (
  orgId: string,
  keyHash: string,
): Promise<SubmissionRecord | undefined> => {
  const { Item } = await dynamo.send(
    new GetCommand({
      TableName: tableName,
      Key: leadFormKeys.submission(orgId, keyHash),
      ConsistentRead: true,
    }),
  );
  return isExpired(Item) ? undefined : parseItem(submissionRecord, Item, ['ttl']);
};

/**
 * The idempotency record, written in the same transaction as the lead it answers for: a key is either
 * unused, or its lead is stored. An expired record (TTL not yet applied) may be replaced.
 */
export const submissionRecordWrite = (
  orgId: string,
  keyHash: string,
  record: SubmissionRecord,
  ttl: number,
): GuardedWrite => ({
  item: {
    Put: {
      TableName: tableName,
      Item: { ...leadFormKeys.submission(orgId, keyHash), ...record, ttl },
      ConditionExpression: 'attribute_not_exists(pk) OR #ttl <= :now',
      ExpressionAttributeNames: { '#ttl': 'ttl' },
      ExpressionAttributeValues: { ':now': Math.floor(Date.now() / 1000) },
    },
  },
  onConditionFailed: async () => new ReplayedSubmissionError(),
});

// The organization's settings of its form.

export const getSettings = async (orgId: string): Promise<LeadFormSettingsItem> => {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: leadFormKeys.settings(orgId), ConsistentRead: true }),
  );
  return settingsOf(orgId, Item);
};

/**
 * Saves the settings if they are still at `expectedVersion` (0: never saved), in an organization that
 * exists, with the activity entry that tells about it.
 */
export const saveSettings = async (
  settings: LeadFormSettingsItem,
  expectedVersion: number,
  entry: ActivityEntry,
) => {
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            ConditionCheck: {
              TableName: tableName,
              Key: orgKeys.org(settings.orgId),
              ConditionExpression: 'attribute_exists(pk)',
            },
          },
          {
            Put: {
              TableName: tableName,
              Item: { ...leadFormKeys.settings(settings.orgId), ...settings },
              ...(expectedVersion === 0
                ? { ConditionExpression: 'attribute_not_exists(pk)' }
                : {
                    ConditionExpression: 'version = :expected',
                    ExpressionAttributeValues: { ':expected': expectedVersion },
                  }),
            },
          },
          activityPut(settings.orgId, entry, settings.updatedAt ?? new Date().toISOString()),
        ],
      }),
    );
  } catch (error) {
    const failed = failedConditions(error);
    if (failed?.includes(0)) throw new NotFoundError();
    if (failed?.includes(1)) throw new VersionConflictError((await getSettings(settings.orgId)).version);
    throw error;
  }
};
