import { beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  createOrganization,
  eventsSettled,
  inviteAndAccept,
  type OutboxMessage,
  outbox,
  type Session,
  signInAs,
  stack,
  tableSnapshot,
  uniqueSuffix,
  waitForEmail,
} from '../../test/integ/api';
import type { AutomationsView, RunView } from '../automations/contracts';
import { jobEventIdFor } from '../booking/event-id';
import type { WorkspaceConnectionView } from './contracts';

/**
 * An organization's Google Workspace end to end on the local cloud and the Google stand-in: consent by the
 * owner, automation mail through Gmail (not SES), a Lead Capture row in Google Sheets and the Appointment
 * Helper's jobs in Google Calendar, a failing Gmail or Calendar retried, disconnecting, a revoked grant, and
 * consent that works only for its own person and organization.
 * The organizations are this file's own; each connects its own Google account, so the operator's booking
 * grant (another account) is never touched.
 */

interface StandInMessage {
  readonly id: string;
  readonly account: string;
  readonly from: string;
  readonly to: string[];
  readonly subject: string;
  readonly headers: Record<string, string>;
}

interface StandInEvent {
  readonly calendarId: string;
  readonly id: string;
  readonly status: string;
  readonly summary: string | null;
  readonly description: string | null;
  readonly location: string | null;
  readonly start: string;
  readonly end: string;
}

interface StandInState {
  readonly events: StandInEvent[];
  readonly messages: StandInMessage[];
  readonly spreadsheets: { id: string; account: string; sheets: { title: string; rows: string[][] }[] }[];
  readonly refreshTokens: { account: string }[];
}

let admin: Session;
let owner: Session; // of `home`
let member: Session; // of `home`
let otherOwner: Session; // of `other`
let home: { id: string; name: string };
let other: { id: string; name: string };
let third: { id: string; name: string };
let account: string;
let spreadsheetId: string;

const google = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${stack().url}/_local/google${path}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (response.status >= 400) throw new Error(`Stand-in ${method} ${path}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
};

const standIn = async (): Promise<StandInState> => google('GET', '/state.json');

const decodeHtml = (value: string) =>
  value
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');

const workspacePath = (orgId: string, rest = '') => `/api/orgs/${orgId}/google-workspace${rest}`;

/** Starts consent as `session` for `orgId`, signs in to the stand-in as `as` and clicks Allow. */
const consent = async (session: Session, orgId: string, as: string) => {
  const started = await api('POST', workspacePath(orgId, '/authorize'), { token: session.token });
  expect(started.status, started.text).toBe(200);
  const url = new URL(started.json.authorizationUrl);
  const page = await (await fetch(url)).text();
  const fields = Object.fromEntries(
    [...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((match) => [
      decodeHtml(match[1]!),
      decodeHtml(match[2]!),
    ]),
  );
  const decided = await fetch(`${stack().url}/_google/o/oauth2/v2/auth/decision`, {
    method: 'POST',
    body: new URLSearchParams({ ...fields, account: as, decision: 'allow' }),
    redirect: 'manual',
  });
  expect(decided.status).toBe(302);
  const back = new URL(decided.headers.get('location')!);
  expect(back.pathname).toBe('/google-workspace/callback');
  return { url, code: back.searchParams.get('code')!, state: back.searchParams.get('state')! };
};

const complete = (session: Session, orgId: string, { code, state }: { code: string; state: string }) =>
  api('POST', workspacePath(orgId, '/callback'), { token: session.token, body: { code, state } });

const connect = async (session: Session, orgId: string, as: string) => {
  const { code, state } = await consent(session, orgId, as);
  const response = await complete(session, orgId, { code, state });
  expect(response.status, response.text).toBe(200);
  return response.json as WorkspaceConnectionView;
};

const statusOf = async (orgId: string, session = owner): Promise<WorkspaceConnectionView> => {
  const response = await api('GET', workspacePath(orgId), { token: session.token });
  expect(response.status, response.text).toBe(200);
  return response.json;
};

const configure = async (orgId: string, patch: Record<string, unknown>): Promise<AutomationsView> => {
  const current = await api('GET', `/api/orgs/${orgId}/automations`, { token: admin.token });
  const response = await api('PATCH', `/api/orgs/${orgId}/automations`, {
    token: admin.token,
    body: { version: current.json.version, ...patch },
  });
  expect(response.status, response.text).toBe(200);
  return response.json;
};

const addLead = async () => {
  const suffix = uniqueSuffix();
  const response = await api('POST', `/api/orgs/${home.id}/leads`, {
    token: admin.token,
    body: {
      name: `Lead ${suffix}`,
      email: `lead-${suffix}@example.com`,
      serviceWanted: 'Boiler repair',
      message: '=HYPERLINK("https://evil.example")',
    },
  });
  expect(response.status, response.text).toBe(201);
  await eventsSettled();
  return response.json as { id: string; name: string; email: string };
};

const runOf = async (leadId: string): Promise<RunView> => {
  const response = await api(
    'GET',
    `/api/orgs/${home.id}/automation-runs?automation=lead-capture&limit=100`,
    {
      token: admin.token,
    },
  );
  expect(response.status, response.text).toBe(200);
  const run = (response.json.items as RunView[]).find((candidate) => candidate.leadId === leadId);
  expect(run).toBeDefined();
  return run!;
};

const alertsIn = (messages: readonly { to: string[]; subject: string }[], lead: { name: string }) =>
  messages.filter((m) => m.subject.startsWith(`New lead: ${lead.name}`));

const outboxAlerts = async (lead: { name: string }): Promise<OutboxMessage[]> =>
  alertsIn(await outbox(), lead) as OutboxMessage[];

const leadRows = async () =>
  (await standIn()).spreadsheets.find((s) => s.id === spreadsheetId)?.sheets.find((s) => s.title === 'Leads')
    ?.rows ?? [];

beforeAll(async () => {
  admin = await signInAs('admin');
  const suffix = uniqueSuffix();
  [home, other, third] = await Promise.all([
    createOrganization(admin.token, `Workspace Home ${suffix}`),
    createOrganization(admin.token, `Workspace Other ${suffix}`),
    createOrganization(admin.token, `Workspace Third ${suffix}`),
  ]);
  account = `office-${suffix}@home.example`;
  spreadsheetId = `sheet${suffix}`;
  [owner, member, otherOwner] = await Promise.all([
    inviteAndAccept(admin.token, {
      email: `owner-${suffix}@home.example`,
      name: 'Hana Home',
      role: 'owner',
      orgId: home.id,
    }),
    inviteAndAccept(admin.token, {
      email: `member-${suffix}@home.example`,
      name: 'Milo Home',
      role: 'member',
      orgId: home.id,
    }),
    inviteAndAccept(admin.token, {
      email: `owner-${suffix}@other.example`,
      name: 'Otto Other',
      role: 'owner',
      orgId: other.id,
    }),
  ]);
  await google('POST', `/spreadsheets/${spreadsheetId}/sheets`, { title: 'Leads', account });
  await configure(home.id, {
    leadCapture: {
      enabled: true,
      notifyUsers: true,
      googleSheetsRow: {
        enabled: true,
        spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${spreadsheetId}/edit#gid=0`,
        range: 'Leads',
      },
    },
  });
});

describe('connecting', () => {
  it("lets the owner connect the organization's Google account through the consent screen, PKCE and a sealed refresh token", async () => {
    // Prepare
    expect(await statusOf(home.id)).toMatchObject({ status: 'not-connected', account: null, standIn: true });

    // Act
    const { url, code, state } = await consent(owner, home.id, account);
    const connected = await complete(owner, home.id, { code, state });

    // Assess
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('access_type')).toBe('offline');
    expect(url.searchParams.get('scope')!.split(' ').sort()).toEqual([
      'email',
      'https://www.googleapis.com/auth/calendar.events',
      'https://www.googleapis.com/auth/gmail.send',
      'https://www.googleapis.com/auth/spreadsheets',
      'openid',
    ]);
    expect(connected.status, connected.text).toBe(200);
    expect(connected.json).toMatchObject({
      orgId: home.id,
      status: 'connected',
      account,
      connectedBy: 'Hana Home',
      revokedAt: null,
      standIn: true,
    });
    // Members see it; the refresh token is stored sealed only.
    expect((await statusOf(home.id, member)).status).toBe('connected');
    const items = JSON.parse(await tableSnapshot()) as string[];
    const grant = items
      .map((item) => JSON.parse(item))
      .find((item) => item.pk === `ORG#${home.id}#` && item.sk === 'GOOGLEWORKSPACE#');
    expect(grant).toMatchObject({ account, sealedRefreshToken: expect.stringMatching(/^aes:/) });
    expect(items.join('\n')).not.toContain('1//local-');
    // The consent state works once.
    expect((await complete(owner, home.id, { code, state })).status).toBe(400);
    // Lead Capture's sheet row is now active.
    const view = await api('GET', `/api/orgs/${home.id}/automations`, { token: member.token });
    expect(view.json.leadCapture.googleSheetsRow).toMatchObject({ status: 'active', range: 'Leads' });
  });

  it("answers 404 to another organization's owner, who can neither start nor finish this organization's consent", async () => {
    // Prepare: a state of the other owner's own organization, and a code for it.
    const own = await consent(otherOwner, other.id, `office@other.example`);

    // Act
    const start = await api('POST', workspacePath(home.id, '/authorize'), { token: otherOwner.token });
    const finish = await complete(otherOwner, home.id, own);
    const disconnect = await api('DELETE', workspacePath(home.id), { token: otherOwner.token });

    // Assess
    expect([start.status, finish.status, disconnect.status]).toEqual([404, 404, 404]);
    expect((await statusOf(home.id)).status).toBe('connected');
    expect(await statusOf(other.id, otherOwner)).toMatchObject({ status: 'not-connected' });
  });

  it('refuses a state started for one organization at another, and one started by someone else', async () => {
    // Prepare: an admin may act for both organizations; the state belongs to `other`.
    const forOther = await consent(admin, other.id, 'office@other.example');

    // Act
    const elsewhere = await complete(admin, third.id, forOther);
    const byOwner = await consent(otherOwner, other.id, 'office@other.example');
    const byAdmin = await complete(admin, other.id, byOwner);
    const byMember = await complete(member, home.id, await consent(owner, home.id, account));

    // Assess
    expect(elsewhere.status, elsewhere.text).toBe(400);
    expect(elsewhere.json.detail).toContain('another organization');
    expect(byAdmin.status, byAdmin.text).toBe(400);
    expect(byMember.status, byMember.text).toBe(403);
    expect((await statusOf(third.id, admin)).status).toBe('not-connected');
    expect((await statusOf(other.id, admin)).status).toBe('not-connected');
    // The state was only ever valid for its own organization, where its admin can still finish it.
    expect((await complete(admin, other.id, forOther)).json).toMatchObject({
      status: 'connected',
      connectedBy: expect.any(String),
    });
    expect((await api('DELETE', workspacePath(other.id), { token: admin.token })).status).toBe(204);
  });
});

describe('automation mail and Lead Capture rows', () => {
  it('sends the new-lead alerts through Gmail as the organization, not SES, and appends the lead to the sheet', async () => {
    // Act
    const lead = await addLead();

    // Assess
    const sent = alertsIn((await standIn()).messages, lead) as StandInMessage[];
    expect(sent.map((m) => m.to[0]).sort()).toEqual([member.user.email, owner.user.email].sort());
    for (const message of sent) {
      expect(message.account).toBe(account);
      expect(message.from).toBe(account);
      expect(message.headers['list-unsubscribe']).toMatch(
        /^<http:\/\/127\.0\.0\.1:\d+\/api\/unsubscribe\?token=/,
      );
      expect(message.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    }
    expect(await outboxAlerts(lead)).toEqual([]);
    const rows = await leadRows();
    const row = rows.find((candidate) => candidate[1] === lead.name)!;
    expect(row.slice(1, 8)).toEqual([
      lead.name,
      lead.email,
      '',
      'Boiler repair',
      '=HYPERLINK("https://evil.example")',
      'Added by the team',
      expect.stringMatching(new RegExp(`/leads/${lead.id}$`)),
    ]);
    expect(row[0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const run = await runOf(lead.id);
    expect(run).toMatchObject({ outcome: 'succeeded', emailsSent: 2, attempts: 1 });
    expect(run.detail).toBe(
      `Emailed 2 users through Gmail as ${account}. Google Sheets row added (Leads!A${rows.indexOf(row) + 1}:H${rows.indexOf(row) + 1})`,
    );
  });

  it('fails the run while Gmail or Sheets does not answer, and its retries send each alert and add the row once', async () => {
    // Prepare: Gmail refuses one message, then Sheets one append.
    await google('POST', '/faults', { operation: 'gmail.send', status: 503 });
    await google('POST', '/faults', { operation: 'sheets.append', status: 500 });

    // Act
    const lead = await addLead();

    // Assess
    const run = await runOf(lead.id);
    expect(run).toMatchObject({ outcome: 'succeeded', emailsSent: 2, attempts: 3 });
    expect(alertsIn((await standIn()).messages, lead)).toHaveLength(2);
    expect((await leadRows()).filter((row) => row[1] === lead.name)).toHaveLength(1);
    expect(await outboxAlerts(lead)).toEqual([]);
  });

  it('goes back to SES once disconnected, and revokes the grant at Google', async () => {
    // Act
    const disconnected = await api('DELETE', workspacePath(home.id), { token: owner.token });
    const lead = await addLead();

    // Assess
    expect(disconnected.status).toBe(204);
    expect(await statusOf(home.id)).toMatchObject({ status: 'not-connected', account: null });
    expect((await standIn()).refreshTokens.filter((grant) => grant.account === account)).toEqual([]);
    expect(alertsIn((await standIn()).messages, lead)).toEqual([]);
    expect((await outboxAlerts(lead)).map((m) => m.to[0]).sort()).toEqual(
      [member.user.email, owner.user.email].sort(),
    );
    const run = await runOf(lead.id);
    expect(run.detail).toBe(
      'Emailed 2 users. Google Sheets row not written: needs a Google Workspace connection',
    );
    const view = await api('GET', `/api/orgs/${home.id}/automations`, { token: owner.token });
    expect(view.json.leadCapture.googleSheetsRow.status).toBe('needs-google-workspace');
  });

  it('marks a grant Google revoked as revoked, tells the owner once, and sends through SES meanwhile', async () => {
    // Prepare: connected again, then the account removes Portico's access at Google.
    await connect(owner, home.id, account);
    await google('POST', '/revoke-all', { account });

    // Act
    const first = await addLead();
    const second = await addLead();

    // Assess
    expect(await statusOf(home.id)).toMatchObject({
      status: 'revoked',
      account,
      revokedAt: expect.any(String),
    });
    const notice = await waitForEmail(owner.user.email, /^Reconnect Google Workspace/);
    expect(notice.text).toContain(account);
    const notices = (await outbox()).filter(
      (m) => m.subject.startsWith('Reconnect Google Workspace') && m.subject.includes(home.name),
    );
    expect(notices.map((m) => m.to)).toEqual([[owner.user.email]]);
    for (const lead of [first, second]) {
      expect((await outboxAlerts(lead)).map((m) => m.to[0]).sort()).toEqual(
        [member.user.email, owner.user.email].sort(),
      );
      expect(alertsIn((await standIn()).messages, lead)).toEqual([]);
    }
    const run = await runOf(first.id);
    expect(run).toMatchObject({ outcome: 'succeeded', emailsSent: 2, attempts: 1 });
    expect(run.detail).toContain(`Google revoked the Google Workspace access of ${account}`);
    expect((await runOf(second.id)).detail).toBe(
      'Emailed 2 users. Google Sheets row not written: needs a Google Workspace connection',
    );

    // Reconnecting brings Gmail back.
    expect((await connect(owner, home.id, account)).status).toBe('connected');
    const third = await addLead();
    expect(alertsIn((await standIn()).messages, third)).toHaveLength(2);
  });
});

describe('jobs in Google Calendar', () => {
  const inDays = (days: number) => new Date(Date.now() + days * 24 * 3_600_000).toISOString().slice(0, 10);

  const scheduleJob = async (orgId: string, scheduledAt: string) => {
    const response = await api('POST', `/api/orgs/${orgId}/jobs`, {
      token: admin.token,
      body: {
        customer: { name: `Cal Customer ${uniqueSuffix()}`, phone: '+49 30 1234567' },
        title: 'Boiler service',
        address: 'Torstraße 1, Berlin',
        scheduledAt,
        durationMinutes: 90,
        notes: 'Side door, ring twice',
        price: { amountMinor: 12_900, currency: 'EUR' },
      },
    });
    expect(response.status, response.text).toBe(201);
    await eventsSettled();
    return response.json as { id: string; version: number; scheduledAt: string; customer: { name: string } };
  };

  const eventsOf = async (orgId: string, jobId: string) =>
    (await standIn()).events.filter((event) => event.id === jobEventIdFor(orgId, jobId));

  const calendarRuns = async (orgId: string, jobId: string): Promise<RunView[]> => {
    const response = await api(
      'GET',
      `/api/orgs/${orgId}/automation-runs?automation=appointment-helper&limit=100`,
      {
        token: admin.token,
      },
    );
    expect(response.status, response.text).toBe(200);
    return (response.json.items as RunView[]).filter(
      (run) => run.jobId === jobId && run.action.endsWith('in Google Calendar'),
    );
  };

  const helper = {
    enabled: true,
    sendConfirmation: false,
    reminderMinutesBefore: null,
    jobs: true,
    bookings: false,
  };

  beforeAll(async () => {
    expect((await statusOf(home.id)).status).toBe('connected');
    await configure(home.id, { appointmentHelper: helper });
    await configure(third.id, { appointmentHelper: helper });
  });

  it("puts a scheduled job into the organization's primary calendar, and moves the event when the job moves", async () => {
    // Act
    const job = await scheduleJob(home.id, `${inDays(3)}T10:00`);

    // Assess
    const [event, ...others] = await eventsOf(home.id, job.id);
    expect(others).toEqual([]);
    expect(event).toMatchObject({
      calendarId: 'operator@portico.localhost',
      status: 'confirmed',
      summary: `Boiler service – ${job.customer.name}`,
      location: 'Torstraße 1, Berlin',
    });
    expect(event!.description).toContain('Side door, ring twice');
    expect(event!.description).toMatch(new RegExp(`/jobs/${job.id}$`));
    expect(Date.parse(event!.start)).toBe(Date.parse(job.scheduledAt));
    expect(Date.parse(event!.end) - Date.parse(event!.start)).toBe(90 * 60_000);
    expect(await calendarRuns(home.id, job.id)).toMatchObject([
      { outcome: 'succeeded', detail: `Added to the Google Calendar of ${account}`, attempts: 1 },
    ]);

    // Act: moved two days later.
    const moved = await api('PATCH', `/api/orgs/${home.id}/jobs/${job.id}`, {
      token: admin.token,
      body: { version: job.version, scheduledAt: `${inDays(5)}T15:30` },
    });
    expect(moved.status, moved.text).toBe(200);
    await eventsSettled();

    // Assess
    const after = await eventsOf(home.id, job.id);
    expect(after).toHaveLength(1);
    expect(Date.parse(after[0]!.start)).toBe(Date.parse(moved.json.scheduledAt));
    expect(Date.parse(after[0]!.end) - Date.parse(after[0]!.start)).toBe(90 * 60_000);
    expect((await calendarRuns(home.id, job.id)).map((run) => run.detail)).toContain(
      `Updated in the Google Calendar of ${account}`,
    );
  });

  it("takes a cancelled job's event out of the calendar", async () => {
    // Arrange
    const job = await scheduleJob(home.id, `${inDays(4)}T09:00`);
    expect((await eventsOf(home.id, job.id)).map((event) => event.status)).toEqual(['confirmed']);

    // Act
    const cancelled = await api('POST', `/api/orgs/${home.id}/jobs/${job.id}/status`, {
      token: admin.token,
      body: { version: job.version, status: 'cancelled' },
    });
    expect(cancelled.status, cancelled.text).toBe(200);
    await eventsSettled();

    // Assess
    expect((await eventsOf(home.id, job.id)).map((event) => event.status)).toEqual(['cancelled']);
  });

  it('adds no event, and records no run, for an organization without Google Workspace', async () => {
    // Act
    const job = await scheduleJob(third.id, `${inDays(3)}T11:00`);

    // Assess
    expect((await statusOf(third.id, admin)).status).toBe('not-connected');
    expect(await eventsOf(third.id, job.id)).toEqual([]);
    expect(await calendarRuns(third.id, job.id)).toEqual([]);
  });

  it('fails the run while Calendar does not answer, and its retry creates exactly one event', async () => {
    // Prepare
    await google('POST', '/faults', { operation: 'events.insert', status: 503 });

    // Act
    const job = await scheduleJob(home.id, `${inDays(4)}T09:00`);

    // Assess
    expect(await eventsOf(home.id, job.id)).toHaveLength(1);
    expect(await calendarRuns(home.id, job.id)).toMatchObject([
      { outcome: 'succeeded', detail: `Added to the Google Calendar of ${account}`, attempts: 2 },
    ]);
  });
});
