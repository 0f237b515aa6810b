import { beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiResponse,
  api,
  createOrganization,
  eventsSettled,
  inviteAndAccept,
  linkToken,
  outbox,
  refreshCookieOf,
  type Session,
  signIn,
  signInAs,
  uniqueSuffix,
  waitForEmail,
  walkPages,
} from '../../test/integ/api';
import { type Role, widgetIds } from './contracts';

/**
 * Identity through the local cloud: sessions, throttling, account administration, links sent by email,
 * the user list and the dashboard layout. Every test makes its own users (the stack is shared by all
 * integration files) and leaves the demo users as they are.
 *
 * Failed sign-ins count against one budget per IP for the whole run, so this file spends 12 of them:
 * ten in the throttle tests, one for a deactivated user and one for a replaced password.
 */

const password = 'correct horse battery staple';

/** Failed sign-ins an account may have in a window (`signInLimits` in the service). */
const failuresAllowed = 5;

let admin: Session;
let org: { id: string; name: string };

beforeAll(async () => {
  admin = await signInAs('admin');
  org = await createOrganization(admin.token, `Identity Org ${uniqueSuffix()}`);
});

interface TestUser {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly session: Session;
}

/** A signed-in user of this file's organization, invited by the demo admin. */
const newUser = async (role: 'owner' | 'member' = 'member'): Promise<TestUser> => {
  const suffix = uniqueSuffix();
  const email = `identity-${suffix}@example.com`;
  const name = `Ida ${suffix}`;
  const session = await inviteAndAccept(admin.token, { email, name, role, orgId: org.id }, password);
  return { id: session.user.id, email, name, session };
};

/** Invites without accepting: no password hashing, so cheap for list tests. */
const invite = async (input: { email: string; name: string; role: Role; orgId?: string }) => {
  const response = await api('POST', '/api/users', { token: admin.token, body: input });
  expect(response.status, response.text).toBe(201);
  return response.json as { id: string; email: string; status: string };
};

const signInResponse = (email: string, secret: string) =>
  api('POST', '/api/auth/sign-in', { body: { email, password: secret } });
const refreshWith = (cookie: string) => api('POST', '/api/auth/refresh', { cookie });
const me = (token: string) => api('GET', '/api/me', { token });

const expectProblem = (response: ApiResponse, status: number, type?: string) => {
  expect(response.status, response.text).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  expect(response.json.status).toBe(status);
  if (type) expect(response.json.type).toBe(`/api/docs#problem-${type}`);
};

describe('sign-in', () => {
  it('returns an access token and sets an HttpOnly, Secure, SameSite=Strict refresh cookie on /api/auth', async () => {
    // Prepare
    const user = await newUser();

    // Act
    const response = await signInResponse(user.email, password);

    // Assess
    expect(response.status, response.text).toBe(200);
    expect(response.json).toMatchObject({
      accessToken: expect.any(String),
      expiresIn: expect.any(Number),
      user: { id: user.id, email: user.email, role: 'member', orgId: org.id, status: 'active' },
    });
    const cookie = response.cookies.find((c) => c.startsWith('portico_refresh='));
    const attributes = cookie!.split(';').map((part) => part.trim());
    expect(attributes).toEqual(
      expect.arrayContaining(['HttpOnly', 'Secure', 'SameSite=Strict', 'Path=/api/auth']),
    );
    const self = await me(response.json.accessToken);
    expect(self.status, self.text).toBe(200);
    expect(self.json).toMatchObject({ id: user.id, email: user.email, name: user.name });
  });
});

describe('failed sign-ins', () => {
  let victim: TestUser;
  const unknownEmail = `nobody-${uniqueSuffix()}@example.com`;
  // The failures this describe caused, per account, so the throttle test stops at exactly the limit.
  const failures = { victim: 0, unknown: 0 };

  const fail = async (who: keyof typeof failures) => {
    const response = await signInResponse(who === 'victim' ? victim.email : unknownEmail, 'not the password');
    expectProblem(response, 401, 'unauthorized');
    failures[who] += 1;
    return response;
  };

  // The run's rate-limit clock is pinned (global setup): the counts cannot slide away mid-describe.
  beforeAll(async () => {
    victim = await newUser();
  });

  it('answers a wrong password and an unknown email with the same 401, never revealing which', async () => {
    // Act
    const wrongPassword = await fail('victim');
    const unknown = await fail('unknown');

    // Assess
    for (const key of ['type', 'title', 'status', 'detail'])
      expect(unknown.json[key]).toBe(wrongPassword.json[key]);
    expect(unknown.json).toEqual(wrongPassword.json);
  });

  it('answers 429 after 5 failures on an account, even to the right password, and the same for an unknown email', async () => {
    // Prepare
    while (failures.victim < failuresAllowed) await fail('victim');
    while (failures.unknown < failuresAllowed) await fail('unknown');

    // Act
    const rightPassword = await signInResponse(victim.email, password);
    const unknown = await signInResponse(unknownEmail, password);

    // Assess
    expectProblem(rightPassword, 429, 'too-many-requests');
    expect(rightPassword.cookies).toEqual([]);
    expectProblem(unknown, 429, 'too-many-requests');
    expect(unknown.json).toEqual(rightPassword.json);
  });
});

describe('refresh', () => {
  it('rotates the cookie; presenting the old one again ends the whole sign-in, newest cookie included', async () => {
    // Prepare
    const { session } = await newUser();

    // Act
    const rotated = await refreshWith(session.cookie);
    const replayed = await refreshWith(session.cookie);
    const newest = await refreshWith(refreshCookieOf(rotated));

    // Assess
    expect(rotated.status, rotated.text).toBe(200);
    expect(refreshCookieOf(rotated)).not.toBe(session.cookie);
    expect((await me(rotated.json.accessToken)).status).toBe(200);
    expectProblem(replayed, 401, 'unauthorized');
    expectProblem(newest, 401, 'unauthorized');
  });

  it('lets at most one of two concurrent refreshes with the same cookie succeed', async () => {
    // Prepare
    const { session } = await newUser();

    // Act
    const responses = await Promise.all([refreshWith(session.cookie), refreshWith(session.cookie)]);

    // Assess
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((status) => status === 200).length, JSON.stringify(statuses)).toBeLessThanOrEqual(
      1,
    );
    for (const response of responses.filter((r) => r.status !== 200)) expectProblem(response, 401);
  });
});

describe('sign-out', () => {
  it('revokes the refresh cookie and clears it in the browser', async () => {
    // Prepare
    const { session } = await newUser();

    // Act
    const response = await api('POST', '/api/auth/sign-out', { cookie: session.cookie });

    // Assess
    expect(response.status, response.text).toBe(204);
    const cleared = response.cookies.find((c) => c.startsWith('portico_refresh='));
    expect(cleared).toContain('Max-Age=0');
    expect(cleared).toContain('Path=/api/auth');
    expectProblem(await refreshWith(session.cookie), 401);
  });

  it('everywhere ends every session of the user: access tokens and refresh cookies', async () => {
    // Prepare
    const user = await newUser();
    const second = await signIn(user.email, password);

    // Act
    const response = await api('POST', '/api/auth/sign-out-everywhere', { token: user.session.token });

    // Assess
    expect(response.status, response.text).toBe(204);
    for (const session of [user.session, second]) {
      expectProblem(await me(session.token), 401);
      expectProblem(await refreshWith(session.cookie), 401);
    }
  });
});

describe('user administration', () => {
  it('deactivation ends the user’s token, refresh and sign-in at once; reactivation lets them back in', async () => {
    // Prepare
    const user = await newUser();

    // Act
    const deactivated = await api('POST', `/api/users/${user.id}/deactivate`, { token: admin.token });

    // Assess
    expect(deactivated.status, deactivated.text).toBe(200);
    expect(deactivated.json.status).toBe('deactivated');
    expectProblem(await me(user.session.token), 401);
    expectProblem(await refreshWith(user.session.cookie), 401);
    expectProblem(await signInResponse(user.email, password), 401);

    const reactivated = await api('POST', `/api/users/${user.id}/reactivate`, { token: admin.token });
    expect(reactivated.status, reactivated.text).toBe(200);
    expect(reactivated.json.status).toBe('active');
    expect((await signInResponse(user.email, password)).status).toBe(200);
  });

  it('refuses to let an admin deactivate themselves (409)', async () => {
    // Act
    const response = await api('POST', `/api/users/${admin.user.id}/deactivate`, { token: admin.token });

    // Assess
    expectProblem(response, 409, 'conflict');
    expect((await me(admin.token)).status).toBe(200);
  });

  it('a role change ends the old tokens, and the next sign-in carries the new role', async () => {
    // Prepare
    const user = await newUser('member');

    // Act
    const changed = await api('PATCH', `/api/users/${user.id}`, {
      token: admin.token,
      body: { role: 'owner' },
    });

    // Assess
    expect(changed.status, changed.text).toBe(200);
    expect(changed.json.role).toBe('owner');
    expectProblem(await me(user.session.token), 401);
    expectProblem(await refreshWith(user.session.cookie), 401);
    const again = await signIn(user.email, password);
    expect(again.user.role).toBe('owner');
    expect((await me(again.token)).json.role).toBe('owner');
  });

  it('refuses to swap a role between operator admin and organization user (400)', async () => {
    // Prepare
    const suffix = uniqueSuffix();
    const member = await invite({
      email: `swap-member-${suffix}@example.com`,
      name: 'Swap Member',
      role: 'member',
      orgId: org.id,
    });
    const operator = await invite({
      email: `swap-admin-${suffix}@example.com`,
      name: 'Swap Admin',
      role: 'admin',
    });

    // Act
    const toAdmin = await api('PATCH', `/api/users/${member.id}`, {
      token: admin.token,
      body: { role: 'admin' },
    });
    const toOwner = await api('PATCH', `/api/users/${operator.id}`, {
      token: admin.token,
      body: { role: 'owner' },
    });

    // Assess
    expectProblem(toAdmin, 400, 'bad-request');
    expectProblem(toOwner, 400, 'bad-request');
  });
});

describe('password reset', () => {
  it('answers 202 for an unknown email and sends nothing', async () => {
    // Prepare
    const email = `stranger-${uniqueSuffix()}@example.com`;

    // Act
    const response = await api('POST', '/api/auth/password-reset', { body: { email } });

    // Assess
    expect(response.status, response.text).toBe(202);
    expect((await outbox()).filter((m) => m.to.includes(email))).toEqual([]);
  });

  it('sets the new password through a single-use link and ends existing sessions', async () => {
    // Prepare
    const user = await newUser();
    const newPassword = 'a brand new passphrase';

    // Act
    const requested = await api('POST', '/api/auth/password-reset', { body: { email: user.email } });
    const token = linkToken(await waitForEmail(user.email, /Reset your Portico password/), '/reset-password');
    const completed = await api('POST', '/api/auth/password-reset/complete', {
      body: { token, password: newPassword },
    });

    // Assess
    expect(requested.status, requested.text).toBe(202);
    expect(completed.status, completed.text).toBe(204);
    expectProblem(await me(user.session.token), 401);
    expect((await signInResponse(user.email, newPassword)).status).toBe(200);
    expectProblem(await signInResponse(user.email, password), 401);
    const reused = await api('POST', '/api/auth/password-reset/complete', {
      body: { token, password: 'yet another passphrase' },
    });
    expectProblem(reused, 404, 'not-found');
  });
});

describe('invitations', () => {
  const invitee = () => {
    const suffix = uniqueSuffix();
    return { email: `invitee-${suffix}@example.com`, name: `Ivy ${suffix}`, role: 'member' as const };
  };
  const invitationToken = async (email: string) =>
    linkToken(await waitForEmail(email, /invited you/), '/invitation');

  it('shows the email, role and organization name behind a link', async () => {
    // Prepare
    const input = invitee();
    await invite({ ...input, orgId: org.id });
    const token = await invitationToken(input.email);

    // Act
    const response = await api('GET', `/api/auth/invitations/${token}`);

    // Assess
    expect(response.status, response.text).toBe(200);
    expect(response.json).toMatchObject({
      email: input.email,
      name: input.name,
      role: 'member',
      organizationName: org.name,
    });
  });

  it('accepting signs the user in, and the link works once', async () => {
    // Prepare
    const input = invitee();
    await invite({ ...input, orgId: org.id });
    const token = await invitationToken(input.email);
    const body = { token, name: input.name, password };

    // Act
    const accepted = await api('POST', '/api/auth/invitations/accept', { body });
    const again = await api('POST', '/api/auth/invitations/accept', { body });

    // Assess
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.json.user).toMatchObject({ email: input.email, status: 'active', orgId: org.id });
    expect(refreshCookieOf(accepted)).toMatch(/^portico_refresh=.+/);
    expect((await me(accepted.json.accessToken)).status).toBe(200);
    expectProblem(again, 404, 'not-found');
    expectProblem(await api('GET', `/api/auth/invitations/${token}`), 404);
  });

  it('tells the inviter by email that the invitation was accepted', async () => {
    // Prepare
    const input = invitee();

    // Act
    await inviteAndAccept(admin.token, { ...input, orgId: org.id }, password);
    await eventsSettled();

    // Assess
    const notice = await waitForEmail(admin.user.email, new RegExp(`${input.name} accepted your invitation`));
    expect(notice.text).toContain(input.email);
    expect(notice.text).toContain(org.name);
  });

  it('resending retires the old link, and the new link works', async () => {
    // Prepare
    const input = invitee();
    const user = await invite({ ...input, orgId: org.id });
    const oldToken = await invitationToken(input.email);

    // Act
    const resent = await api('POST', `/api/users/${user.id}/resend-invitation`, { token: admin.token });

    // Assess
    expect(resent.status, resent.text).toBe(200);
    const messages = (await outbox()).filter((m) => m.to.includes(input.email));
    expect(messages).toHaveLength(2);
    const newToken = linkToken(messages[0]!, '/invitation');
    expect(newToken).not.toBe(oldToken);
    expectProblem(await api('GET', `/api/auth/invitations/${oldToken}`), 404);
    const withOld = await api('POST', '/api/auth/invitations/accept', {
      body: { token: oldToken, name: input.name, password },
    });
    expectProblem(withOld, 404);
    const withNew = await api('POST', '/api/auth/invitations/accept', {
      body: { token: newToken, name: input.name, password },
    });
    expect(withNew.status, withNew.text).toBe(200);
  });

  it('refuses to invite an email that already has an account (409)', async () => {
    // Prepare
    const input = invitee();
    await invite({ ...input, orgId: org.id });

    // Act
    const response = await api('POST', '/api/users', {
      token: admin.token,
      body: { ...input, email: input.email.toUpperCase(), orgId: org.id },
    });

    // Assess
    expectProblem(response, 409, 'conflict');
  });

  it('refuses to invite into an archived organization (400)', async () => {
    // Prepare
    const archived = await createOrganization(admin.token, `Archived Org ${uniqueSuffix()}`);
    const archive = await api('POST', `/api/orgs/${archived.id}/archive`, { token: admin.token });
    expect(archive.status, archive.text).toBe(200);
    const input = invitee();

    // Act
    const response = await api('POST', '/api/users', {
      token: admin.token,
      body: { ...input, orgId: archived.id },
    });

    // Assess
    expectProblem(response, 400, 'bad-request');
    expect((await outbox()).filter((m) => m.to.includes(input.email))).toEqual([]);
  });
});

describe('the user list', () => {
  const suffix = uniqueSuffix();
  const prefix = `listed-${suffix}`;
  let listOrg: { id: string };
  let users: { owner: { id: string }; member: { id: string }; deactivated: { id: string } };
  const emails = () => [`${prefix}-a@example.com`, `${prefix}-b@example.com`, `${prefix}-c@example.com`];
  const ids = (pages: { id: string }[][]) => pages.flat().map((u) => u.id);

  beforeAll(async () => {
    listOrg = await createOrganization(admin.token, `List Org ${suffix}`);
    const [a, b, c] = emails() as [string, string, string];
    users = {
      owner: await invite({ email: a, name: 'Listed Owner', role: 'owner', orgId: listOrg.id }),
      member: await invite({ email: b, name: 'Listed Member', role: 'member', orgId: listOrg.id }),
      deactivated: await invite({ email: c, name: 'Listed Gone', role: 'member', orgId: listOrg.id }),
    };
    const response = await api('POST', `/api/users/${users.deactivated.id}/deactivate`, {
      token: admin.token,
    });
    expect(response.status, response.text).toBe(200);
  });

  it('finds users by part of their email', async () => {
    // Act
    const pages = await walkPages(`/api/users?q=${prefix.toUpperCase()}&limit=100`, admin.token);

    // Assess
    expect(
      pages
        .flat()
        .map((u) => u.email)
        .sort(),
    ).toEqual(emails());
  });

  it('filters by role, status and organization', async () => {
    // Act
    const owners = await walkPages(`/api/users?q=${prefix}&role=owner&limit=100`, admin.token);
    const deactivated = await walkPages(`/api/users?q=${prefix}&status=deactivated&limit=100`, admin.token);
    const inOrg = await walkPages(`/api/users?orgId=${listOrg.id}&limit=100`, admin.token);

    // Assess
    expect(ids(owners)).toEqual([users.owner.id]);
    expect(ids(deactivated)).toEqual([users.deactivated.id]);
    expect(ids(inOrg).sort()).toEqual([users.owner.id, users.member.id, users.deactivated.id].sort());
  });

  it('walks pages of limit=1 through nextCursor without repeats', async () => {
    // Act
    const pages = await walkPages('/api/users?limit=1', admin.token);

    // Assess
    expect(pages.every((page) => page.length <= 1)).toBe(true);
    const seen = ids(pages);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(
      expect.arrayContaining([users.owner.id, users.member.id, users.deactivated.id, admin.user.id]),
    );
  });

  it('refuses a cursor forged for another partition (400)', async () => {
    // Prepare
    const forged = Buffer.from(JSON.stringify({ gsi1pk: 'ORGS#' })).toString('base64url');

    // Act
    const response = await api('GET', `/api/users?cursor=${forged}`, { token: admin.token });

    // Assess
    expectProblem(response, 400);
  });

  it('refuses a cursor that names the right partition but not a whole key (400, not 500)', async () => {
    // Prepare
    const forged = Buffer.from(JSON.stringify({ gsi1pk: 'USERS#' })).toString('base64url');

    // Act
    const response = await api('GET', `/api/users?cursor=${forged}`, { token: admin.token });

    // Assess
    expectProblem(response, 400);
  });

  it('returns at most `limit` users on a filtered page', async () => {
    // Act: the three users sort next to each other, so some read of four items holds two of them.
    const pages = await walkPages(`/api/users?q=${prefix}&limit=1`, admin.token);

    // Assess
    expect(ids(pages).sort()).toEqual([users.owner.id, users.member.id, users.deactivated.id].sort());
    expect(pages.map((page) => page.length).filter((length) => length > 1)).toEqual([]);
  });
});

describe('the dashboard layout', () => {
  let user: TestUser;

  beforeAll(async () => {
    user = await newUser();
  });

  it('shows every widget by default', async () => {
    // Act
    const response = await api('GET', '/api/me/dashboard-layout', { token: user.session.token });

    // Assess
    expect(response.status, response.text).toBe(200);
    expect(response.json).toEqual({
      widgets: widgetIds.map((id) => ({ id, visible: true })),
      updatedAt: null,
    });
  });

  it('keeps a reordered layout with a hidden widget across sign-ins', async () => {
    // Prepare
    const widgets = [...widgetIds].reverse().map((id) => ({ id, visible: id !== 'leads' }));

    // Act
    const saved = await api('PUT', '/api/me/dashboard-layout', {
      token: user.session.token,
      body: { widgets },
    });
    const later = await signIn(user.email, password);
    const loaded = await api('GET', '/api/me/dashboard-layout', { token: later.token });

    // Assess
    expect(saved.status, saved.text).toBe(200);
    expect(loaded.status, loaded.text).toBe(200);
    expect(loaded.json.widgets).toEqual(widgets);
    expect(loaded.json.updatedAt).toEqual(expect.any(String));
  });

  it('refuses a layout naming a widget twice (400)', async () => {
    // Prepare
    const widgets = [
      { id: 'leads', visible: true },
      { id: 'leads', visible: false },
    ];

    // Act
    const response = await api('PUT', '/api/me/dashboard-layout', {
      token: user.session.token,
      body: { widgets },
    });

    // Assess
    expectProblem(response, 400, 'validation');
  });
});

describe('realtime tickets', () => {
  it('issues a WebSocket ticket to a signed-in user (201)', async () => {
    // Act
    const response = await api('POST', '/api/realtime/tickets', { token: admin.token });

    // Assess
    expect(response.status, response.text).toBe(201);
    expect(response.json).toEqual({ ticket: expect.any(String), expiresIn: 60 });
  });
});
