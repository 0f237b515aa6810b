import {
  BatchGetCommand,
  DeleteCommand,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../aws/dynamo';
import { getMany } from '../db/batch';
import { failedConditions, isConditionFailure } from '../db/errors';
import { parseItem } from '../db/item';
import { conferenceKeys, orgKeys, userKeys } from '../db/keys';
import { queryFilteredList, queryPrefix } from '../db/queries';
import { isExpired } from '../db/ttl';
import type { OutboxWrite } from '../events/outbox';
import { ConflictError, NotFoundError } from '../http/errors';
import * as z from '../schema/zod';
import {
  type DashboardLayout,
  dashboardLayoutView,
  type ListUsersQuery,
  role,
  type UserStatus,
  userStatus,
} from './contracts';

/** A user as stored; `invitedBy` and `lastSignInAt` are null, never absent, on every user ever written. */
export const userItem = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role,
  orgId: z.nullable(z.string()),
  status: userStatus,
  passwordHash: z.optional(z.string()),
  tokenVersion: z.number().check(z.int()),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastSignInAt: z.nullable(z.string()),
  invitedBy: z.nullable(z.string()),
  /** Hash of the current invitation link, so a resent invitation retires the old one. */
  invitationTokenHash: z.optional(z.string()),
});
export type UserItem = z.infer<typeof userItem>;

const oneTimeTokenKinds = ['invitation', 'password-reset'] as const;
export type OneTimeTokenKind = (typeof oneTimeTokenKinds)[number];

export const oneTimeTokenItem = z.object({
  kind: z.enum(oneTimeTokenKinds),
  userId: z.string(),
  expiresAt: z.string(),
  ttl: z.number(),
});
export type OneTimeTokenItem = z.infer<typeof oneTimeTokenItem>;

export const refreshTokenItem = z.object({
  userId: z.string(),
  familyId: z.string(),
  expiresAt: z.optional(z.string()),
  usedAt: z.optional(z.string()),
  ttl: z.number(),
});
export type RefreshTokenItem = z.infer<typeof refreshTokenItem>;

export const familyItem = z.object({
  userId: z.string(),
  familyId: z.string(),
  revoked: z.boolean(),
  revokedAt: z.optional(z.string()),
  tokenVersion: z.number().check(z.int()),
  ttl: z.number(),
});
export type FamilyItem = z.infer<typeof familyItem>;

export const membershipItem = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role,
  status: userStatus,
});
export type MembershipItem = z.infer<typeof membershipItem>;

/** The email guard: which user holds an address. */
const emailGuardItem = z.object({ userId: z.string() });
/** A person's role in one conference, as the conferences module stores it; only the role matters here. */
const conferenceRoleItem = z.object({ role: z.string() });
const counterItem = z.object({ count: z.number() });
const layoutItem = z.extend(dashboardLayoutView, { updatedAt: z.string() });

const userPut = (user: UserItem) => ({
  ...userKeys.user(user.id),
  ...userKeys.userList(user.email, user.id),
  ...user,
  searchText: `${user.email} ${user.name.toLowerCase()}`,
});

const membershipPut = (user: UserItem) =>
  user.orgId
    ? {
        ...orgKeys.membership(user.orgId, user.id),
        userId: user.id,
        email: user.email,
        name: user.name,
        role: user.role,
        status: user.status,
      }
    : undefined;

export const getUser = async (userId: string): Promise<UserItem | undefined> => {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: userKeys.user(userId), ConsistentRead: true }),
  );
  return parseItem(userItem, Item);
};

/**
 * The user and their role in one conference (undefined when they have none), in one batch read: a
 * conference route's policy needs both and still costs one round trip.
 */
export const getUserWithConferenceRole = async (userId: string, orgId: string, conferenceId: string) => {
  const userKey = userKeys.user(userId);
  const roleKey = conferenceKeys.role(orgId, conferenceId, userId);
  const found = await getMany([userKey, roleKey]);
  return {
    user: parseItem(userItem, found(userKey)),
    conferenceRole: parseItem(conferenceRoleItem, found(roleKey))?.role,
  };
};

export const findUserIdByEmail = async (email: string): Promise<string | undefined> => {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: userKeys.emailGuard(email) }),
  );
  return parseItem(emailGuardItem, Item)?.userId;
};

/**
 * Creates a user with its email guard and membership in one transaction — with its invitation link when
 * invited, ready to sign in when seeded. A taken email answers 409.
 */
export const createUser = async (
  user: UserItem,
  invitation?: { hash: string } & OneTimeTokenItem,
  events: readonly OutboxWrite[] = [],
): Promise<void> => {
  const membership = membershipPut(user);
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: { ...userKeys.emailGuard(user.email), userId: user.id },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Put: {
              TableName: tableName,
              Item: userPut(user),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...(invitation ? [{ Put: { TableName: tableName, Item: tokenItem(invitation) } }] : []),
          ...(membership ? [{ Put: { TableName: tableName, Item: membership } }] : []),
          ...events,
        ],
      }),
    );
  } catch (error) {
    if (failedConditions(error)?.includes(0))
      throw new ConflictError('A user with this email already exists');
    throw error;
  }
};

/**
 * Takes back an invitation whose email could not be sent: the user, its email guard, membership and
 * link go in one transaction, and only while the user is still invited, so the same email can be
 * invited again at once.
 */
export const deleteInvitedUser = async (user: UserItem, tokenHash: string): Promise<void> => {
  await dynamo.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Delete: {
            TableName: tableName,
            Key: userKeys.user(user.id),
            ConditionExpression: '#status = :invited',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':invited': 'invited' },
          },
        },
        {
          Delete: {
            TableName: tableName,
            Key: userKeys.emailGuard(user.email),
            ConditionExpression: 'userId = :userId',
            ExpressionAttributeValues: { ':userId': user.id },
          },
        },
        { Delete: { TableName: tableName, Key: userKeys.oneTimeToken(tokenHash) } },
        ...(user.orgId
          ? [{ Delete: { TableName: tableName, Key: orgKeys.membership(user.orgId, user.id) } }]
          : []),
      ],
    }),
  );
};

const tokenItem = ({ hash, ...token }: { hash: string } & OneTimeTokenItem) => ({
  ...userKeys.oneTimeToken(hash),
  ...token,
});

export const putOneTimeToken = async (token: { hash: string } & OneTimeTokenItem): Promise<void> => {
  await dynamo.send(new PutCommand({ TableName: tableName, Item: tokenItem(token) }));
};

export const getOneTimeToken = async (
  hash: string,
  kind: OneTimeTokenKind,
): Promise<OneTimeTokenItem | undefined> => {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: userKeys.oneTimeToken(hash) }),
  );
  const token = parseItem(oneTimeTokenItem, Item);
  if (!token || token.kind !== kind || isExpired(token) || token.expiresAt <= new Date().toISOString())
    return undefined;
  return token;
};

/** The token's delete and the user's change commit together, so a link works exactly once. */
const consumeToken = (hash: string, kind: OneTimeTokenKind, now: string) => ({
  Delete: {
    TableName: tableName,
    Key: userKeys.oneTimeToken(hash),
    ConditionExpression: 'attribute_exists(pk) AND kind = :kind AND expiresAt > :now',
    ExpressionAttributeValues: { ':kind': kind, ':now': now },
  },
});

export const acceptInvitation = async (
  hash: string,
  user: UserItem,
  change: { name: string; passwordHash: string; now: string },
  events: readonly OutboxWrite[] = [],
): Promise<UserItem> => {
  const accepted: UserItem = {
    ...user,
    name: change.name,
    passwordHash: change.passwordHash,
    status: 'active',
    updatedAt: change.now,
    lastSignInAt: change.now,
  };
  const membership = membershipPut(accepted);
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          consumeToken(hash, 'invitation', change.now),
          {
            Put: {
              TableName: tableName,
              Item: userPut(accepted),
              ConditionExpression: '#status = :invited',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':invited': 'invited' },
            },
          },
          ...(membership ? [{ Put: { TableName: tableName, Item: membership } }] : []),
          ...events,
        ],
      }),
    );
  } catch (error) {
    if (failedConditions(error)) throw new NotFoundError('This invitation link is no longer valid');
    throw error;
  }
  return accepted;
};

/** A new password ends every other sign-in: the token version moves on. */
export const resetPassword = async (
  hash: string,
  userId: string,
  passwordHash: string,
  now: string,
): Promise<void> => {
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          consumeToken(hash, 'password-reset', now),
          {
            Update: {
              TableName: tableName,
              Key: userKeys.user(userId),
              UpdateExpression: 'SET passwordHash = :hash, updatedAt = :now ADD tokenVersion :one',
              ConditionExpression: '#status = :active',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':hash': passwordHash,
                ':now': now,
                ':one': 1,
                ':active': 'active',
              },
            },
          },
        ],
      }),
    );
  } catch (error) {
    if (failedConditions(error)) throw new NotFoundError('This reset link is no longer valid');
    throw error;
  }
};

export const recordSignIn = async (userId: string, now: string, passwordHash?: string): Promise<void> => {
  await dynamo.send(
    new UpdateCommand({
      TableName: tableName,
      Key: userKeys.user(userId),
      UpdateExpression: passwordHash
        ? 'SET lastSignInAt = :now, passwordHash = :hash'
        : 'SET lastSignInAt = :now',
      ExpressionAttributeValues: { ':now': now, ...(passwordHash ? { ':hash': passwordHash } : {}) },
    }),
  );
};

/** Applies a change to a user and its membership copy; `expectStatus` guards state transitions. */
export const updateUser = async (
  user: UserItem,
  change: Partial<Pick<UserItem, 'name' | 'role' | 'status'>> & { bumpTokenVersion?: boolean },
  now: string,
  expectStatus?: UserStatus[],
  events: readonly OutboxWrite[] = [],
): Promise<UserItem> => {
  const { bumpTokenVersion, ...fields } = change;
  const updated: UserItem = {
    ...user,
    ...fields,
    tokenVersion: user.tokenVersion + (bumpTokenVersion ? 1 : 0),
    updatedAt: now,
  };
  const membership = membershipPut(updated);
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: tableName,
              Item: userPut(updated),
              // Optimistic: nobody changed the user between our read and this write.
              ConditionExpression: `updatedAt = :seen AND tokenVersion = :tv${expectStatus ? ' AND #status IN (:s0, :s1, :s2)' : ''}`,
              ExpressionAttributeValues: {
                ':seen': user.updatedAt,
                ':tv': user.tokenVersion,
                ...(expectStatus
                  ? {
                      ':s0': expectStatus[0],
                      ':s1': expectStatus[1] ?? expectStatus[0],
                      ':s2': expectStatus[2] ?? expectStatus[0],
                    }
                  : {}),
              },
              ...(expectStatus ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
            },
          },
          ...(membership ? [{ Put: { TableName: tableName, Item: membership } }] : []),
          ...events,
        ],
      }),
    );
  } catch (error) {
    if (failedConditions(error)) throw new ConflictError('The user changed meanwhile; reload and try again');
    throw error;
  }
  return updated;
};

export const bumpTokenVersion = async (userId: string): Promise<void> => {
  await dynamo.send(
    new UpdateCommand({
      TableName: tableName,
      Key: userKeys.user(userId),
      UpdateExpression: 'ADD tokenVersion :one',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':one': 1 },
    }),
  );
};

export const listUsers = async (
  query: ListUsersQuery,
): Promise<{ items: UserItem[]; nextCursor: string | null }> => {
  const page = await queryFilteredList({
    partition: userKeys.userListPartition,
    search: query.q,
    equals: { role: query.role, status: query.status, orgId: query.orgId },
    limit: query.limit,
    cursor: query.cursor,
  });
  return { items: page.items.map((item) => parseItem(userItem, item)!), nextCursor: page.nextCursor };
};

export const listMemberships = async (orgId: string, limit: number, cursor?: string) => {
  const page = await queryPrefix({ ...orgKeys.membershipPrefix(orgId), limit, cursor });
  return { items: page.items.map((item) => parseItem(membershipItem, item)!), nextCursor: page.nextCursor };
};

// Refresh tokens: a family per sign-in, a token per rotation.

export const createRefreshFamily = async (
  family: Omit<FamilyItem, 'revoked'>,
  token: { hash: string; ttl: number; expiresAt: string },
): Promise<void> => {
  await dynamo.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName,
            Item: { ...userKeys.family(family.userId, family.familyId), ...family, revoked: false },
          },
        },
        {
          Put: {
            TableName: tableName,
            Item: {
              ...userKeys.refreshToken(token.hash),
              userId: family.userId,
              familyId: family.familyId,
              ttl: token.ttl,
              expiresAt: token.expiresAt,
            },
          },
        },
      ],
    }),
  );
};

export const getRefreshToken = async (hash: string): Promise<RefreshTokenItem | undefined> => {
  const { Item } = await dynamo.send(
    new GetCommand({ TableName: tableName, Key: userKeys.refreshToken(hash), ConsistentRead: true }),
  );
  const token = parseItem(refreshTokenItem, Item);
  return token && !isExpired(token) ? token : undefined;
};

export const getFamilyAndUser = async (userId: string, familyId: string) => {
  const { Responses } = await dynamo.send(
    new BatchGetCommand({
      RequestItems: {
        [tableName]: {
          Keys: [userKeys.family(userId, familyId), userKeys.user(userId)],
          ConsistentRead: true,
        },
      },
    }),
  );
  const items = Responses?.[tableName] ?? [];
  const family = items.find((item) => item.sk === userKeys.family(userId, familyId).sk);
  const user = items.find((item) => item.sk === userKeys.user(userId).sk);
  return { family: parseItem(familyItem, family), user: parseItem(userItem, user) };
};

/**
 * Marks the presented token used and stores its successor, atomically. Returns false when the token was
 * used already — the caller treats that as reuse, even when two requests raced for it.
 */
export const rotateRefreshToken = async (
  usedHash: string,
  next: { hash: string; userId: string; familyId: string; ttl: number; expiresAt: string },
  now: string,
): Promise<boolean> => {
  try {
    await dynamo.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: userKeys.refreshToken(usedHash),
              UpdateExpression: 'SET usedAt = :now',
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt)',
              ExpressionAttributeValues: { ':now': now },
            },
          },
          {
            Put: {
              TableName: tableName,
              Item: {
                ...userKeys.refreshToken(next.hash),
                userId: next.userId,
                familyId: next.familyId,
                ttl: next.ttl,
                expiresAt: next.expiresAt,
              },
            },
          },
          {
            ConditionCheck: {
              TableName: tableName,
              Key: userKeys.family(next.userId, next.familyId),
              ConditionExpression: 'revoked = :false',
              ExpressionAttributeValues: { ':false': false },
            },
          },
        ],
      }),
    );
    return true;
  } catch (error) {
    if (failedConditions(error)) return false;
    throw error;
  }
};

export const revokeFamily = async (userId: string, familyId: string, now: string): Promise<void> => {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName,
        Key: userKeys.family(userId, familyId),
        UpdateExpression: 'SET revoked = :true, revokedAt = :now',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':true': true, ':now': now },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
};

// Throttling of failed sign-ins: sliding windows (`db/throttle`). A counter's key names its window, so its TTL
// only tidies up and reads need not check it.

export const readFailureCounts = async (keys: { pk: string; sk: string }[]): Promise<number[]> => {
  const { Responses } = await dynamo.send(
    new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } } }),
  );
  const items = Responses?.[tableName] ?? [];
  return keys.map((key) => {
    const item = items.find((candidate) => candidate.pk === key.pk && candidate.sk === key.sk);
    return parseItem(counterItem, item)?.count ?? 0;
  });
};

export const addFailures = async (keys: { pk: string; sk: string }[], ttl: number): Promise<void> => {
  await dynamo.send(
    new TransactWriteCommand({
      TransactItems: keys.map((key) => ({
        Update: {
          TableName: tableName,
          Key: key,
          UpdateExpression: 'ADD #count :one SET #ttl = :ttl',
          ExpressionAttributeNames: { '#count': 'count', '#ttl': 'ttl' },
          ExpressionAttributeValues: { ':one': 1, ':ttl': ttl },
        },
      })),
    }),
  );
};

// Dashboard layout.

export const getLayout = async (
  userId: string,
): Promise<(DashboardLayout & { updatedAt: string }) | undefined> => {
  const { Item } = await dynamo.send(new GetCommand({ TableName: tableName, Key: userKeys.layout(userId) }));
  return parseItem(layoutItem, Item);
};

export const putLayout = async (userId: string, layout: DashboardLayout, now: string): Promise<void> => {
  await dynamo.send(
    new PutCommand({ TableName: tableName, Item: { ...userKeys.layout(userId), ...layout, updatedAt: now } }),
  );
};

export const deleteOneTimeToken = async (hash: string): Promise<void> => {
  await dynamo.send(new DeleteCommand({ TableName: tableName, Key: userKeys.oneTimeToken(hash) }));
};
