import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { dynamo, tableName } from '../aws/dynamo';
import { numberEnv } from '../config/env';
import { failedConditions } from '../db/errors';
import { parseItem } from '../db/item';
import { crmKeys, orgKeys } from '../db/keys';
import { queryFilteredList, queryPrefix } from '../db/queries';
import { isExpired, ttlIn } from '../db/ttl';
import type { OutboxWrite } from '../events/outbox';
import { ConflictError, NotFoundError, VersionConflictError } from '../http/errors';
import * as z from '../schema/zod';
import {
  activityView,
  type ListOrganizationsQuery,
  organizationView,
  profileView,
  socialNetworks,
} from './contracts';

/**
 * The organization as stored: its view, but links read as they were saved. The input check of links grew
 * stricter since the first organizations were saved (a host with a dot, no credentials, normalized text);
 * re-running it on read would turn an organization saved before into a failure on every request.
 */
export const organizationItem = z.extend(organizationView, {
  branding: z.object({ color: z.string(), logoUrl: z.nullable(z.string()) }),
});
export type OrganizationItem = z.infer<typeof organizationItem>;

/** The profile as stored: its view, its social links read as they were saved (see `organizationItem`). */
export const profileItem = z.extend(profileView, {
  socialLinks: z.partialRecord(z.enum(socialNetworks), z.string()),
});
export type ProfileItem = z.infer<typeof profileItem>;

export interface ActivityEntry {
  readonly actor: string | null;
  readonly kind: string;
  readonly summary: string;
  /** The lead the change is about: the entry then also shows on that lead's timeline. */
  readonly leadId?: string;
  readonly jobId?: string;
}

/** How long activity entries are kept before DynamoDB's TTL removes them. */
const activityRetentionDays = numberEnv('ACTIVITY_RETENTION_DAYS', 365);

/** The slug guard: which organization holds a slug. */
const slugGuardItem = z.object({ orgId: z.string() });

const orgItem = (org: OrganizationItem) => ({
  ...orgKeys.org(org.id),
  ...orgKeys.orgList(org.name.toLowerCase(), org.id),
  ...org,
  searchText: `${org.name.toLowerCase()} ${org.slug}`,
});

/** An activity entry written in the same transaction as the change it describes. */
export const activityPut = (orgId: string, entry: ActivityEntry, at: string) => {
  const id = ulid();
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...orgKeys.activity(orgId, id),
        ...(entry.leadId ? crmKeys.leadTimeline(orgId, entry.leadId, id) : {}),
        id,
        at,
        ...entry,
        ttl: ttlIn(activityRetentionDays * 86400),
      },
    },
  };
};

const slugGuardPut = (slug: string, orgId: string) => ({
  Put: {
    TableName: tableName,
    Item: { ...orgKeys.slugGuard(slug), orgId },
    ConditionExpression: 'attribute_not_exists(pk)',
  },
});

export const createOrganization = async (
  org: OrganizationItem,
  profile: ProfileItem,
  entry: ActivityEntry,
  events: readonly OutboxWrite[],
) => {
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          slugGuardPut(org.slug, org.id),
          {
            Put: {
              TableName: tableName,
              Item: orgItem(org),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          { Put: { TableName: tableName, Item: { ...orgKeys.profile(org.id), ...profile } } },
          activityPut(org.id, entry, org.createdAt),
          ...events,
        ],
      }),
    );
  } catch (error) {
    if (failedConditions(error)?.includes(0)) throw new ConflictError(`The slug "${org.slug}" is taken`);
    throw error;
  }
};

export const getOrganization = async (orgId: string): Promise<OrganizationItem | undefined> => {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: orgKeys.org(orgId), ConsistentRead: true }),
  );
  return parseItem(organizationItem, Item);
};

export const findOrganizationIdBySlug = async (slug: string): Promise<string | undefined> => {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: orgKeys.slugGuard(slug) }));
  return parseItem(slugGuardItem, Item)?.orgId;
};

export const listOrganizations = async (query: ListOrganizationsQuery) => {
  const page = await queryFilteredList({
    partition: orgKeys.orgListPartition,
    search: query.q,
    equals: { status: query.status },
    limit: query.limit,
    cursor: query.cursor,
  });
  return { items: page.items.map((item) => parseItem(organizationItem, item)!), nextCursor: page.nextCursor };
};

/**
 * Saves a new state of the organization if nobody saved since `previous` was read. A slug change swaps
 * the uniqueness guard in the same transaction.
 */
export const saveOrganization = async (
  previous: OrganizationItem,
  next: OrganizationItem,
  entry: ActivityEntry,
  events: readonly OutboxWrite[],
) => {
  const slugChanged = previous.slug !== next.slug;
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: orgItem(next),
              ConditionExpression: 'version = :seen',
              ExpressionAttributeValues: { ':seen': previous.version },
            },
          },
          ...(slugChanged
            ? [
                slugGuardPut(next.slug, next.id),
                {
                  Delete: {
                    TableName: tableName,
                    Key: orgKeys.slugGuard(previous.slug),
                    ConditionExpression: 'orgId = :orgId',
                    ExpressionAttributeValues: { ':orgId': previous.id },
                  },
                },
              ]
            : []),
          activityPut(next.id, entry, next.updatedAt),
          ...events,
        ],
      }),
    );
  } catch (error) {
    const failed = failedConditions(error);
    if (failed?.includes(0)) throw new VersionConflictError((await getOrganization(previous.id))?.version);
    if (failed?.includes(1)) throw new ConflictError(`The slug "${next.slug}" is taken`);
    throw error;
  }
};

export const getProfile = async (orgId: string): Promise<ProfileItem | undefined> => {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: orgKeys.profile(orgId), ConsistentRead: true }),
  );
  return parseItem(profileItem, Item);
};

const sameContent = (a: ProfileItem, b: ProfileItem) =>
  a.summary === b.summary &&
  a.website === b.website &&
  a.updatedBy === b.updatedBy &&
  JSON.stringify(a.focusTopics) === JSON.stringify(b.focusTopics) &&
  JSON.stringify(Object.entries(a.socialLinks).sort()) ===
    JSON.stringify(Object.entries(b.socialLinks).sort());

/**
 * Writes the profile only if it is still at `expectedVersion`; otherwise 409 with the current version.
 * The same save arriving twice (a PUT the browser or the SDK retried after the first one was written)
 * finds its own result and gets it back, as PUT promises, instead of a conflict with itself.
 */
export const saveProfile = async (
  profile: ProfileItem,
  expectedVersion: number,
  entry: ActivityEntry,
  events: readonly OutboxWrite[],
): Promise<{ profile: ProfileItem; repeated: boolean }> => {
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: { ...orgKeys.profile(profile.orgId), ...profile },
              ConditionExpression: 'version = :expected',
              ExpressionAttributeValues: { ':expected': expectedVersion },
            },
          },
          activityPut(profile.orgId, entry, profile.updatedAt ?? new Date().toISOString()),
          ...events,
        ],
      }),
    );
    return { profile, repeated: false };
  } catch (error) {
    if (failedConditions(error)?.includes(0)) {
      const current = await getProfile(profile.orgId);
      if (!current) throw new NotFoundError();
      if (current.version === profile.version && sameContent(current, profile))
        return { profile: current, repeated: true };
      throw new VersionConflictError(current.version);
    }
    throw error;
  }
};

export const listActivity = async (orgId: string, limit: number, cursor?: string) => {
  const page = await queryPrefix({ ...orgKeys.activityPrefix(orgId), limit, cursor, newestFirst: true });
  return {
    items: page.items.filter((item) => !isExpired(item)).map((item) => parseItem(activityView, item)!),
    nextCursor: page.nextCursor,
  };
};
