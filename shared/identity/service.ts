import { ulid } from 'ulid';
import { hashPassword, spendDecoyVerification, verifyPassword } from '../auth/passwords';
import type { Principal } from '../auth/policy';
import { accessTokenTtlSeconds, hashOpaqueToken, newOpaqueToken, signAccessToken } from '../auth/tokens';
import { estimate, retryAfterSeconds, slidingWindow, throttleCounter } from '../db/throttle';
import { ttlIn } from '../db/ttl';
import { appLink } from '../email/links';
import { renderEmail } from '../email/render';
import { sendEmail } from '../email/send';
import { outboxPut, putOutbox } from '../events/outbox';
import { serializeCookie } from '../http/cookies';
import {
  BadRequestError,
  ConflictError,
  EmailUnavailableError,
  NotFoundError,
  TooManyRequestsError,
  UnauthorizedError,
} from '../http/errors';
import { logger } from '../observability/logger';
import { getOrganization } from '../organizations';
import { scheduleDue } from '../platform';
import type {
  DashboardLayout,
  InviteUserInput,
  ListUsersQuery,
  Role,
  SessionView,
  UserView,
} from './contracts';
import { widgetIds } from './contracts';
import { invitationExpiredKind } from './notifications';
import type { UserItem } from './repository';
import * as users from './repository';

export const refreshCookieName = 'portico_refresh';
const refreshCookiePath = '/api/auth';
const refreshLifetimeSeconds = 30 * 86400;
const invitationLifetimeSeconds = 7 * 86400;
const resetLifetimeSeconds = 60 * 60;

/** Failed sign-ins allowed per window, per account and per IP, before 429. */
export const signInLimits = { windowSeconds: 15 * 60, perAccount: 5, perIp: 30 } as const;

export const toUserView = (user: UserItem): UserView => ({
  id: user.id,
  email: user.email,
  name: user.name,
  role: user.role,
  orgId: user.orgId,
  status: user.status,
  createdAt: user.createdAt,
  lastSignInAt: user.lastSignInAt,
});

export interface SessionResult {
  readonly session: SessionView;
  readonly cookie: string;
}

const refreshCookie = (token: string) =>
  serializeCookie(refreshCookieName, token, {
    maxAgeSeconds: refreshLifetimeSeconds,
    path: refreshCookiePath,
  });
export const clearedRefreshCookie = () =>
  serializeCookie(refreshCookieName, '', { maxAgeSeconds: 0, path: refreshCookiePath });

const sessionFor = async (user: UserItem, refreshToken: string): Promise<SessionResult> => ({
  session: {
    accessToken: await signAccessToken({ userId: user.id, tokenVersion: user.tokenVersion }),
    expiresIn: accessTokenTtlSeconds,
    user: toUserView(user),
  },
  cookie: refreshCookie(refreshToken),
});

const startSession = async (user: UserItem): Promise<SessionResult> => {
  const refresh = newOpaqueToken();
  const now = Date.now();
  await users.createRefreshFamily(
    {
      userId: user.id,
      familyId: ulid(),
      tokenVersion: user.tokenVersion,
      ttl: ttlIn(refreshLifetimeSeconds, now),
    },
    {
      hash: refresh.hash,
      ttl: ttlIn(refreshLifetimeSeconds, now),
      expiresAt: new Date(now + refreshLifetimeSeconds * 1000).toISOString(),
    },
  );
  return sessionFor(user, refresh.token);
};

/** Failed sign-ins per account and per IP, in sliding windows: each limit's current and previous counter. */
const failureCounters = (email: string, ip: string) => {
  const window = slidingWindow(signInLimits.windowSeconds);
  const limits = [
    { limit: signInLimits.perAccount, scope: 'account', key: hashOpaqueToken(email) },
    { limit: signInLimits.perIp, scope: 'ip', key: hashOpaqueToken(ip) },
  ] as const;
  return {
    window,
    limits,
    current: limits.map(({ scope, key }) => throttleCounter(scope, key, window.current)),
    previous: limits.map(({ scope, key }) => throttleCounter(scope, key, window.previous)),
  };
};

/**
 * Checks the password. Unknown email, wrong password, invited or deactivated account all answer the
 * same 401 after the same amount of work, so the answer never tells whether an email exists.
 */
export const signIn = async (email: string, password: string, ip: string): Promise<SessionResult> => {
  const now = Date.now();
  const counters = failureCounters(email, ip);
  const counts = await users.readFailureCounts([...counters.current, ...counters.previous]);
  const waits = counters.limits.flatMap(({ limit }, index) => {
    const [current = 0, previous = 0] = [counts[index], counts[index + counters.limits.length]];
    return estimate(previous, current, counters.window) >= limit
      ? [retryAfterSeconds(limit, previous, current, counters.window)]
      : [];
  });
  if (waits.length) {
    const retryAfter = Math.max(...waits);
    const minutes = Math.ceil(retryAfter / 60);
    throw new TooManyRequestsError(
      `Too many failed sign-ins. Wait ${minutes} minute${minutes === 1 ? '' : 's'} or reset your password.`,
      { retryAfterSeconds: retryAfter },
    );
  }
  const userId = await users.findUserIdByEmail(email);
  const user = userId ? await users.getUser(userId) : undefined;
  const check = user?.passwordHash ? await verifyPassword(password, user.passwordHash) : undefined;
  if (!check) await spendDecoyVerification(password);
  if (!user || !check?.valid || user.status !== 'active') {
    await users.addFailures(counters.current, counters.window.ttl);
    throw new UnauthorizedError('Email or password is not right');
  }
  const nowIso = new Date(now).toISOString();
  await users.recordSignIn(user.id, nowIso, check.needsRehash ? await hashPassword(password) : undefined);
  return startSession({ ...user, lastSignInAt: nowIso });
};

/** Rotates the refresh token. Presenting a used token revokes its whole family (it was stolen or replayed). */
export const refresh = async (presented: string | undefined): Promise<SessionResult> => {
  if (!presented || presented.length > 200) throw new UnauthorizedError('Sign in to continue');
  const hash = hashOpaqueToken(presented);
  const token = await users.getRefreshToken(hash);
  if (!token) throw new UnauthorizedError('Sign in to continue');
  const nowIso = new Date().toISOString();
  if (token.usedAt) {
    logger.warn('Refresh token reuse: revoking the family', {
      userId: token.userId,
      familyId: token.familyId,
    });
    await users.revokeFamily(token.userId, token.familyId, nowIso);
    throw new UnauthorizedError('This sign-in has ended; sign in again');
  }
  const { family, user } = await users.getFamilyAndUser(token.userId, token.familyId);
  if (
    !family ||
    family.revoked ||
    !user ||
    user.status !== 'active' ||
    family.tokenVersion !== user.tokenVersion
  )
    throw new UnauthorizedError('This sign-in has ended; sign in again');
  const next = newOpaqueToken();
  const rotated = await users.rotateRefreshToken(
    hash,
    {
      hash: next.hash,
      userId: user.id,
      familyId: family.familyId,
      ttl: family.ttl,
      expiresAt: new Date(family.ttl * 1000).toISOString(),
    },
    nowIso,
  );
  if (!rotated) {
    logger.warn('Refresh token raced or family revoked: revoking the family', { userId: user.id });
    await users.revokeFamily(user.id, family.familyId, nowIso);
    throw new UnauthorizedError('This sign-in has ended; sign in again');
  }
  return sessionFor(user, next.token);
};

export const signOut = async (presented: string | undefined): Promise<void> => {
  if (!presented || presented.length > 200) return;
  const token = await users.getRefreshToken(hashOpaqueToken(presented));
  if (token) await users.revokeFamily(token.userId, token.familyId, new Date().toISOString());
};

/** Every access token and refresh family of the user stops working: they carry the old token version. */
export const signOutEverywhere = async (principal: Principal): Promise<void> => {
  await users.bumpTokenVersion(principal.userId);
};

export const requestPasswordReset = async (email: string): Promise<void> => {
  const userId = await users.findUserIdByEmail(email);
  const user = userId ? await users.getUser(userId) : undefined;
  // Same answer either way; only active accounts get a link.
  if (user?.status !== 'active') return;
  const link = newOpaqueToken();
  const expiresAt = new Date(Date.now() + resetLifetimeSeconds * 1000).toISOString();
  await users.putOneTimeToken({
    hash: link.hash,
    kind: 'password-reset',
    userId: user.id,
    expiresAt,
    ttl: ttlIn(resetLifetimeSeconds),
  });
  await sendEmail(
    [user.email],
    renderEmail('Reset your Portico password', [
      { kind: 'paragraph', text: `Hello ${user.name},` },
      {
        kind: 'paragraph',
        text: 'Somebody asked to reset the password of your Portico account. If it was you, choose a new one:',
      },
      {
        kind: 'button',
        label: 'Choose a new password',
        url: appLink('resetPassword', {}, { token: link.token }),
      },
      {
        kind: 'note',
        text: 'The link works once and for one hour. If you did not ask for it, ignore this email; your password stays as it is.',
      },
    ]),
  );
};

export const completePasswordReset = async (token: string, password: string): Promise<void> => {
  const hash = hashOpaqueToken(token);
  const link = await users.getOneTimeToken(hash, 'password-reset');
  if (!link) throw new NotFoundError('This reset link is no longer valid. Ask for a new one.');
  await users.resetPassword(hash, link.userId, await hashPassword(password), new Date().toISOString());
};

const organizationNameOf = async (orgId: string | null) =>
  orgId ? ((await getOrganization(orgId))?.name ?? null) : null;

export const getInvitation = async (token: string) => {
  const link = await users.getOneTimeToken(hashOpaqueToken(token), 'invitation');
  const user = link ? await users.getUser(link.userId) : undefined;
  if (!link || !user || user.status !== 'invited')
    throw new NotFoundError('This invitation link is no longer valid.');
  return {
    email: user.email,
    name: user.name,
    role: user.role,
    organizationName: await organizationNameOf(user.orgId),
    expiresAt: link.expiresAt,
  };
};

export const acceptInvitation = async (
  token: string,
  name: string,
  password: string,
): Promise<SessionResult> => {
  const hash = hashOpaqueToken(token);
  const link = await users.getOneTimeToken(hash, 'invitation');
  const user = link ? await users.getUser(link.userId) : undefined;
  if (!link || !user || user.status !== 'invited')
    throw new NotFoundError('This invitation link is no longer valid.');
  const accepted = await users.acceptInvitation(
    hash,
    user,
    { name, passwordHash: await hashPassword(password), now: new Date().toISOString() },
    [
      outboxPut('user.joined', {
        version: 1,
        joinedUserId: user.id,
        orgId: user.orgId,
        invitedBy: user.invitedBy,
      }),
    ],
  );
  return startSession(accepted);
};

const invitationEmail = (user: UserItem, organizationName: string | null, inviter: string, token: string) =>
  renderEmail(`${inviter} invited you to ${organizationName ?? 'Portico'}`, [
    { kind: 'paragraph', text: `Hello ${user.name},` },
    {
      kind: 'paragraph',
      text: organizationName
        ? `${inviter} invited you to join ${organizationName} on Portico as ${user.role === 'owner' ? 'an owner' : 'a member'}.`
        : user.role === 'guest'
          ? `${inviter} invited you to Portico, where you will find the events you take part in.`
          : `${inviter} invited you to Portico as an operator admin.`,
    },
    { kind: 'button', label: 'Accept the invitation', url: appLink('invitation', {}, { token }) },
    { kind: 'note', text: 'The link works once and for 7 days.' },
  ]);

const issueInvitation = async (user: UserItem) => {
  const link = newOpaqueToken();
  const expiresAt = new Date(Date.now() + invitationLifetimeSeconds * 1000).toISOString();
  return {
    link,
    token: {
      hash: link.hash,
      kind: 'invitation' as const,
      userId: user.id,
      expiresAt,
      ttl: ttlIn(invitationLifetimeSeconds),
    },
  };
};

export const inviteUser = async (principal: Principal, input: InviteUserInput): Promise<UserView> => {
  const orgId = input.role === 'owner' || input.role === 'member' ? (input.orgId ?? null) : null;
  const org = orgId ? await getOrganization(orgId) : undefined;
  if (orgId && org?.status !== 'active') throw new BadRequestError('Choose an active organization');
  const now = new Date().toISOString();
  const draft: UserItem = {
    id: ulid(),
    email: input.email,
    name: input.name,
    role: input.role,
    orgId,
    status: 'invited',
    tokenVersion: 0,
    createdAt: now,
    updatedAt: now,
    lastSignInAt: null,
    invitedBy: principal.userId,
  };
  const { link, token } = await issueInvitation(draft);
  const user = { ...draft, invitationTokenHash: link.hash };
  await users.createUser(user, token);
  // The link lives only in the email: without it the invitation is undone, so inviting again works.
  try {
    await sendEmail([user.email], invitationEmail(user, org?.name ?? null, principal.name, link.token));
  } catch (error) {
    logger.error('The invitation email could not be sent; the invitation is undone', error as Error);
    await users.deleteInvitedUser(user, link.hash);
    throw new EmailUnavailableError(
      'The invitation email could not be sent, so nobody was invited. Please try again in a minute.',
    );
  }
  // Announced once the email is out, so an undone invitation announces nothing.
  await putOutbox([
    outboxPut('user.invited', {
      version: 1,
      invitedUserId: user.id,
      orgId,
      role: user.role,
      userId: principal.userId,
    }),
  ]);
  await scheduleDue(invitationExpiredKind, new Date(token.expiresAt), {
    userId: user.id,
    tokenHash: link.hash,
  });
  return toUserView(user);
};

/**
 * The person behind an email, for another module that gives people a role (a conference's speaker or
 * attendee): an existing account as it is, or a new guest account — in no organization — invited by email
 * with the reason the caller gives. A race on the same email finds the account the other request created.
 */
export const findOrInviteGuest = async (
  principal: Principal,
  person: { email: string; name: string },
  reason: { subject: string; paragraph: string },
): Promise<{ user: UserView; invited: boolean }> => {
  const existingId = await users.findUserIdByEmail(person.email);
  const existing = existingId ? await users.getUser(existingId) : undefined;
  if (existing) return { user: toUserView(existing), invited: false };
  const now = new Date().toISOString();
  const draft: UserItem = {
    id: ulid(),
    email: person.email,
    name: person.name,
    role: 'guest',
    orgId: null,
    status: 'invited',
    tokenVersion: 0,
    createdAt: now,
    updatedAt: now,
    lastSignInAt: null,
    invitedBy: principal.userId,
  };
  const { link, token } = await issueInvitation(draft);
  const user = { ...draft, invitationTokenHash: link.hash };
  try {
    await users.createUser(user, token);
  } catch (error) {
    const raced = error instanceof ConflictError ? await users.findUserIdByEmail(person.email) : undefined;
    const winner = raced ? await users.getUser(raced) : undefined;
    if (winner) return { user: toUserView(winner), invited: false };
    throw error;
  }
  await scheduleDue(invitationExpiredKind, new Date(token.expiresAt), {
    userId: user.id,
    tokenHash: link.hash,
  });
  await sendEmail(
    [user.email],
    renderEmail(reason.subject, [
      { kind: 'paragraph', text: `Hello ${user.name},` },
      { kind: 'paragraph', text: reason.paragraph },
      {
        kind: 'button',
        label: 'Accept the invitation',
        url: appLink('invitation', {}, { token: link.token }),
      },
      { kind: 'note', text: 'The link works once and for 7 days.' },
    ]),
  );
  await putOutbox([
    outboxPut('user.invited', {
      version: 1,
      invitedUserId: user.id,
      orgId: null,
      role: 'guest',
      userId: principal.userId,
    }),
  ]);
  return { user: toUserView(user), invited: true };
};

export const resendInvitation = async (principal: Principal, userId: string): Promise<UserView> => {
  const user = await users.getUser(userId);
  if (!user) throw new NotFoundError();
  if (user.status !== 'invited') throw new ConflictError('This user has already accepted the invitation');
  const { link, token } = await issueInvitation(user);
  await users.putOneTimeToken(token);
  const updated = await users.updateUser(
    { ...user, invitationTokenHash: link.hash },
    {},
    new Date().toISOString(),
    ['invited'],
  );
  if (user.invitationTokenHash) await users.deleteOneTimeToken(user.invitationTokenHash);
  await scheduleDue(invitationExpiredKind, new Date(token.expiresAt), {
    userId: user.id,
    tokenHash: link.hash,
  });
  try {
    await sendEmail(
      [user.email],
      invitationEmail(user, await organizationNameOf(user.orgId), principal.name, link.token),
    );
  } catch (error) {
    logger.error('The invitation email could not be sent again', error as Error);
    throw new EmailUnavailableError(
      'The invitation email could not be sent. The user is still invited; please try again in a minute.',
    );
  }
  return toUserView(updated);
};

export const listUsers = async (query: ListUsersQuery) => {
  const page = await users.listUsers(query);
  return { items: page.items.map(toUserView), nextCursor: page.nextCursor };
};

/** Roles that can change into one another: an organization's owner and member, nothing else. */
const kindOf = (role: Role) => (role === 'owner' || role === 'member' ? 'organization' : role);

const loadOtherUser = async (principal: Principal, userId: string) => {
  const user = await users.getUser(userId);
  if (!user) throw new NotFoundError();
  if (user.id === principal.userId) throw new ConflictError('You cannot change your own account here');
  return user;
};

export const updateUser = async (
  principal: Principal,
  userId: string,
  change: { name?: string; role?: Role },
) => {
  const user = await loadOtherUser(principal, userId);
  if (change.role && kindOf(change.role) !== kindOf(user.role))
    throw new BadRequestError(
      'Operator admins, organization users and guests cannot swap roles; invite a new account instead',
    );
  // A role change moves the user's permissions: tokens issued under the old role stop working.
  const roleChanged = change.role !== undefined && change.role !== user.role;
  return toUserView(
    await users.updateUser(user, { ...change, bumpTokenVersion: roleChanged }, new Date().toISOString()),
  );
};

export const deactivateUser = async (principal: Principal, userId: string) => {
  const user = await loadOtherUser(principal, userId);
  if (user.status === 'deactivated') return toUserView(user);
  const updated = await users.updateUser(
    user,
    { status: 'deactivated', bumpTokenVersion: true },
    new Date().toISOString(),
    undefined,
    [
      outboxPut('user.deactivated', {
        version: 1,
        deactivatedUserId: user.id,
        orgId: user.orgId,
        userId: principal.userId,
      }),
    ],
  );
  return toUserView(updated);
};

export const reactivateUser = async (principal: Principal, userId: string) => {
  const user = await loadOtherUser(principal, userId);
  if (user.status !== 'deactivated') throw new ConflictError('Only deactivated users can be reactivated');
  // A user deactivated before accepting goes back to "invited"; only an accepted account has a password.
  const status = user.passwordHash ? 'active' : 'invited';
  return toUserView(await users.updateUser(user, { status }, new Date().toISOString(), ['deactivated']));
};

export const defaultLayout: DashboardLayout = { widgets: widgetIds.map((id) => ({ id, visible: true })) };

/** The saved layout, with widgets added since it was saved appended at the end. */
export const getLayout = async (principal: Principal) => {
  const saved = await users.getLayout(principal.userId);
  if (!saved) return { ...defaultLayout, updatedAt: null };
  const missing = widgetIds
    .filter((id) => !saved.widgets.some((w) => w.id === id))
    .map((id) => ({ id, visible: true }));
  return { widgets: [...saved.widgets, ...missing], updatedAt: saved.updatedAt };
};

export const saveLayout = async (principal: Principal, layout: DashboardLayout) => {
  const updatedAt = new Date().toISOString();
  await users.putLayout(principal.userId, layout, updatedAt);
  return { ...layout, updatedAt };
};

/**
 * A new guest account for a person who proved their address by a link another module mailed to it (a
 * conference invitation): active at once, with the password they chose, and signed in. An address that
 * already has an account answers 409 — that person signs in instead.
 */
export const registerGuest = async (
  person: { email: string; name: string; password: string },
  invitedBy: string,
): Promise<SessionResult> => {
  const now = new Date().toISOString();
  const user: UserItem = {
    id: ulid(),
    email: person.email,
    name: person.name,
    role: 'guest',
    orgId: null,
    status: 'active',
    passwordHash: await hashPassword(person.password),
    tokenVersion: 0,
    createdAt: now,
    updatedAt: now,
    lastSignInAt: now,
    invitedBy,
  };
  await users.createUser(user, undefined, [
    outboxPut('user.joined', { version: 1, joinedUserId: user.id, orgId: null, invitedBy }),
  ]);
  return startSession(user);
};
