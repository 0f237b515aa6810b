import { beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  createOrganization,
  eventsSettled,
  inviteAndAccept,
  type OutboxMessage,
  outbox,
  publishedEvents,
  type Session,
  signInAs,
  stack,
  uniqueSuffix,
  waitForEmail,
} from '../../test/integ/api';
import type { AutomationsView, LeadAutomationsView, RunView, StepView } from './contracts';
import { nextDailyAt } from './schedule';

/**
 * The five automations end to end on the local cloud: an API call publishes a domain event, the local
 * EventBridge invokes the consumer, mail lands in the outbox or a due item waits, and the per-minute tick
 * (run at a chosen time) sends it. Also: redelivery, SES failures and retries, the digest fan-out,
 * unsubscribe and bounces. Every test works in organizations this file creates (Europe/Berlin).
 */

/** What the outbox keeps of each message, with the sender and the headers of raw (MIME) mail. */
type Mail = OutboxMessage & { from: string; headers?: Record<string, string> };

let admin: Session;
let home: { id: string; name: string };
let owner: Session;
let member: Session;
let outsider: Session; // brightside-plumbing's owner

const HOUR = 3_600_000;

beforeAll(async () => {
  [admin, outsider] = await Promise.all([signInAs('admin'), signInAs('owner', 'brightside-plumbing')]);
  home = await createOrganization(admin.token, `Automation Org ${uniqueSuffix()}`);
  const user = (role: 'owner' | 'member', name: string) =>
    inviteAndAccept(admin.token, {
      email: `${role}-${uniqueSuffix()}@example.com`,
      name,
      role,
      orgId: home.id,
    });
  [owner, member] = await Promise.all([user('owner', 'Olga Owner'), user('member', 'Mika Member')]);
});

/** Changes some templates of an organization as the admin, with the version it has now. */
const configure = async (orgId: string, patch: Record<string, unknown>): Promise<AutomationsView> => {
  const current = await api('GET', `/api/orgs/${orgId}/automations`, { token: admin.token });
  const response = await api('PATCH', `/api/orgs/${orgId}/automations`, {
    token: admin.token,
    body: { version: current.json.version, ...patch },
  });
  expect(response.status, response.text).toBe(200);
  return response.json;
};

const addLead = async (overrides: Record<string, unknown> = {}, orgId = home.id) => {
  const suffix = uniqueSuffix();
  const response = await api('POST', `/api/orgs/${orgId}/leads`, {
    token: admin.token,
    body: {
      name: `Lead ${suffix}`,
      email: `lead-${suffix}@example.com`,
      serviceWanted: 'Boiler repair',
      message: 'It rattles.',
      ...overrides,
    },
  });
  expect(response.status, response.text).toBe(201);
  return response.json as { id: string; name: string; email: string; createdAt: string; version: number };
};

/**
 * Runs the per-minute due-work tick as if it fired at `at`. Scheduled events carry whole seconds, so a
 * moment with milliseconds is rounded up to the next second.
 */
const tick = async (at: string | number) => {
  const time = new Date(Math.ceil(new Date(at).getTime() / 1000) * 1000).toISOString();
  const response = await fetch(`${stack().url}/_local/schedules/due-work/every-minute?time=${time}`, {
    method: 'POST',
  });
  expect(response.status).toBe(204);
};

const mailTo = async (to: string, subject?: RegExp): Promise<Mail[]> =>
  ((await outbox()) as Mail[]).filter((m) => m.to.includes(to) && (!subject || subject.test(m.subject)));

const leadAutomations = async (leadId: string, token = member.token): Promise<LeadAutomationsView> => {
  const response = await api('GET', `/api/orgs/${home.id}/leads/${leadId}/automations`, { token });
  expect(response.status, response.text).toBe(200);
  return response.json;
};

const runsOf = async (orgId: string, query = ''): Promise<RunView[]> => {
  const response = await api('GET', `/api/orgs/${orgId}/automation-runs?limit=100${query}`, {
    token: admin.token,
  });
  expect(response.status, response.text).toBe(200);
  return response.json.items;
};

const sesFault = (fault: Record<string, unknown>) =>
  fetch(`${stack().url}/_local/ses/faults`, { method: 'POST', body: JSON.stringify(fault) });
const clearSesFaults = () => fetch(`${stack().url}/_local/ses/faults`, { method: 'DELETE' });

const eventOf = async (type: string, key: string, value: string) =>
  (await publishedEvents()).filter((e) => e['detail-type'] === type && e.detail[key] === value);

/** A wall-clock time in Berlin, `YYYY-MM-DDTHH:MM`, `days` from now. */
const berlin = (instant: number) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Berlin',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  })
    .format(instant)
    .replace(' ', 'T');

describe('Lead Capture', () => {
  it("emails the organization's users about a new lead, with one-click unsubscribe, once even when the event comes twice", async () => {
    // Prepare
    const view = await configure(home.id, {
      leadCapture: {
        enabled: true,
        notifyUsers: true,
        googleSheetsRow: { enabled: true, spreadsheetUrl: null },
      },
    });
    expect(view.leadCapture.googleSheetsRow.status).toBe('needs-google-workspace');

    // Act
    const lead = await addLead();
    await eventsSettled();
    const [created] = await eventOf('lead.created', 'leadId', lead.id);
    await fetch(`${stack().url}/_local/events/${created!.id}/redeliver`, { method: 'POST' });
    await eventsSettled();

    // Assess
    const subject = new RegExp(`^New lead: ${lead.name}`);
    const [toOwner] = (await mailTo(owner.user.email, subject)) as Mail[];
    expect(await mailTo(owner.user.email, subject)).toHaveLength(1);
    expect(await mailTo(member.user.email, subject)).toHaveLength(1);
    expect(toOwner!.text).toContain(lead.email);
    expect(toOwner!.html).toContain(home.name);
    expect(toOwner!.headers?.['list-unsubscribe']).toMatch(
      /^<http:\/\/127\.0\.0\.1:\d+\/api\/unsubscribe\?token=/,
    );
    expect(toOwner!.headers?.['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const [run] = (await runsOf(home.id, '&automation=lead-capture')).filter((r) => r.leadId === lead.id);
    expect(run).toMatchObject({
      outcome: 'succeeded',
      emailsSent: 2,
      attempts: 1,
      // The outbox id: the same however often the relay or EventBridge delivers the event.
      trigger: { kind: 'event', type: 'lead.created', ref: created!.detail.eventId },
      retryable: false,
    });
    expect(run!.detail).toContain('Google Sheets row not written: needs a Google Workspace connection');
    expect(run!.durationMs).toBeGreaterThanOrEqual(0);
    const timeline = await leadAutomations(lead.id);
    expect(timeline.runs.items.map((r) => r.id)).toContain(run!.id);
  });

  it('keeps the lead when SES fails, marks the run failed and retryable, and a retry sends only what is missing', async () => {
    // Prepare: SES refuses mail to the member, not to the owner.
    await sesFault({ to: member.user.email, code: 'MessageRejected', message: 'Injected: address on hold' });

    // Act
    const lead = await addLead();
    await eventsSettled();

    // Assess: the lead is stored, the owner was told, the run failed and waits in the failures list.
    expect((await api('GET', `/api/orgs/${home.id}/leads/${lead.id}`, { token: member.token })).status).toBe(
      200,
    );
    const subject = new RegExp(`^New lead: ${lead.name}`);
    expect(await mailTo(owner.user.email, subject)).toHaveLength(1);
    expect(await mailTo(member.user.email, subject)).toHaveLength(0);
    const [failed] = (await runsOf(home.id, '&outcome=failed')).filter((r) => r.leadId === lead.id);
    expect(failed).toMatchObject({ outcome: 'failed', retryable: true, emailsSent: 1, attempts: 3 });
    expect(failed!.error).toBe('MessageRejected: Injected: address on hold');
    const deadLetters = (await (await fetch(`${stack().url}/_local/dead-letters.json`)).json()) as {
      event: { id: string; detail: { leadId?: string } };
    }[];
    const letter = deadLetters.find((candidate) => candidate.event.detail.leadId === lead.id);
    expect(letter).toBeDefined();
    // Dealt with below by the retry: dismissed, so the bus shows nothing else failed.
    const dismissed = await fetch(`${stack().url}/_local/dead-letters/${letter!.event.id}`, {
      method: 'DELETE',
    });
    expect(dismissed.status).toBe(204);
    const all = await api('GET', '/api/automation-runs?limit=100', { token: admin.token });
    const outcomes = (all.json.items as RunView[]).map((r) => r.outcome);
    expect(outcomes.indexOf('failed')).toBe(0);
    expect(outcomes.lastIndexOf('failed')).toBeLessThan(outcomes.findIndex((o) => o !== 'failed'));
    expect((all.json.items as RunView[]).some((r) => r.id === failed!.id)).toBe(true);

    // Act: SES recovers; the owner (read-only) may not retry, the admin may.
    await clearSesFaults();
    const refused = await api('POST', `/api/orgs/${home.id}/automation-runs/${failed!.id}/retry`, {
      token: owner.token,
    });
    expect(refused.status).toBe(403);
    const retried = await api('POST', `/api/orgs/${home.id}/automation-runs/${failed!.id}/retry`, {
      token: admin.token,
    });
    expect(retried.status, retried.text).toBe(202);
    expect(retried.json.outcome).toBe('retrying');
    await eventsSettled();

    // Assess: the member got it, the owner still has one.
    expect(await mailTo(member.user.email, subject)).toHaveLength(1);
    expect(await mailTo(owner.user.email, subject)).toHaveLength(1);
    const after = await api('GET', `/api/orgs/${home.id}/automation-runs/${failed!.id}`, {
      token: member.token,
    });
    expect(after.json).toMatchObject({
      outcome: 'succeeded',
      emailsSent: 2,
      attempts: 4,
      retriedBy: 'Avery Operator',
    });
    expect(after.json.error).toBeNull();
    const again = await api('POST', `/api/orgs/${home.id}/automation-runs/${failed!.id}/retry`, {
      token: admin.token,
    });
    expect(again.status).toBe(409);
  });
});

describe('Follow-Up Sequence', () => {
  const steps = [
    {
      afterHours: 1,
      subject: 'About your {service}',
      body: 'Hi {name},\n\n{business} can help with {service}.',
    },
    { afterHours: 48, subject: 'Still there, {name}?', body: 'Just checking in.' },
    { afterHours: 96, subject: 'Last note', body: 'We are here when you need us.' },
  ];

  it('mails a new lead at the set delays and stops as soon as the lead moves on', async () => {
    // No quiet hours: the steps keep their exact delays whatever time of day the test runs.
    await configure(home.id, {
      followUpSequence: { enabled: true, steps },
      reviewRequest: { enabled: false, reviewUrl: null, quietHours: null },
    });
    const lead = await addLead();
    await eventsSettled();
    const created = Date.parse(lead.createdAt);

    // The timeline shows what is queued and when.
    const queued = (await leadAutomations(lead.id)).queued;
    expect(queued.map((step) => step.label)).toEqual([
      'Follow-up 1 of 3: About your Boiler repair',
      `Follow-up 2 of 3: Still there, ${lead.name}?`,
      'Follow-up 3 of 3: Last note',
    ]);
    expect(queued.map((step) => Date.parse(step.dueAt) - created)).toEqual([1 * HOUR, 48 * HOUR, 96 * HOUR]);

    // Not before its time; then once, with the placeholders filled and a reply address.
    await tick(created + HOUR - 60_000);
    expect(await mailTo(lead.email)).toHaveLength(0);
    await tick(created + HOUR);
    await tick(created + HOUR + 60_000);
    const [first, ...more] = (await mailTo(lead.email)) as Mail[];
    expect(more).toHaveLength(0);
    expect(first!.subject).toBe('About your Boiler repair');
    expect(first!.text).toContain(`Hi ${lead.name},`);
    expect(first!.text).toContain(`${home.name} can help with Boiler repair.`);
    expect(first!.from).toContain(`${home.name} via Portico`);
    expect(first!.headers?.['reply-to']).toBe(owner.user.email);

    // The lead is contacted: the rest of the sequence is cancelled, and nothing more is sent.
    const moved = await api('POST', `/api/orgs/${home.id}/leads/${lead.id}/status`, {
      token: member.token,
      body: { version: lead.version, status: 'contacted' },
    });
    expect(moved.status, moved.text).toBe(200);
    await eventsSettled();
    const timeline = await leadAutomations(lead.id);
    expect(timeline.queued).toEqual([]);
    expect(timeline.cancelled.map((step) => step.reason)).toEqual([
      'Stopped: the lead moved to contacted',
      'Stopped: the lead moved to contacted',
    ]);
    await tick(created + 48 * HOUR);
    await tick(created + 96 * HOUR);
    expect(await mailTo(lead.email)).toHaveLength(1);
    expect(timeline.runs.items.find((run) => run.automation === 'follow-up-sequence')).toMatchObject({
      outcome: 'succeeded',
      trigger: { kind: 'step', type: 'follow-up' },
      reason: `Sent if ${lead.name} is still new 1 h after arriving`,
    });
  });

  it("holds a follow-up due in the organization's quiet hours until they end, on its clock", async () => {
    // Quiet hours around the moment the first step would be due, so it waits for their end.
    const wanted = Date.now() + HOUR;
    const hour = Number(berlin(wanted).slice(11, 13));
    const end = `${String((hour + 2) % 24).padStart(2, '0')}:00`;
    await configure(home.id, {
      followUpSequence: { enabled: true, steps: steps.slice(0, 1) },
      reviewRequest: {
        enabled: false,
        reviewUrl: null,
        quietHours: { start: `${String(hour).padStart(2, '0')}:00`, end },
      },
    });
    const lead = await addLead();
    await eventsSettled();

    const [step] = (await leadAutomations(lead.id)).queued;
    expect(step!.dueAtLocal.slice(11)).toBe(end);
    expect(Date.parse(step!.dueAt)).toBeGreaterThan(Date.parse(lead.createdAt) + HOUR);
    expect(step!.reason).toContain(`at the end of quiet hours (${end})`);
    await tick(Date.parse(lead.createdAt) + HOUR);
    expect(await mailTo(lead.email)).toHaveLength(0);
    await tick(step!.dueAt);
    expect((await mailTo(lead.email)).map((mail) => mail.subject)).toEqual(['About your Boiler repair']);
    await configure(home.id, {
      followUpSequence: { enabled: true, steps },
      reviewRequest: { enabled: false, reviewUrl: null, quietHours: null },
    });
  });

  it('lets a user cancel one queued step in one click; the others still go out', async () => {
    const lead = await addLead();
    await eventsSettled();
    const created = Date.parse(lead.createdAt);
    const [first] = (await leadAutomations(lead.id)).queued;

    const cancelled = await api('POST', `/api/orgs/${home.id}/automation-steps/${first!.id}/cancel`, {
      token: member.token,
    });
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.json).toMatchObject({ status: 'cancelled', cancelledBy: 'Mika Member' });
    const twice = await api('POST', `/api/orgs/${home.id}/automation-steps/${first!.id}/cancel`, {
      token: member.token,
    });
    expect(twice.status).toBe(409);
    const elsewhere = await api('POST', `/api/orgs/${home.id}/automation-steps/${first!.id}/cancel`, {
      token: outsider.token,
    });
    expect(elsewhere.status).toBe(404);

    await tick(created + HOUR);
    expect(await mailTo(lead.email)).toHaveLength(0);
    await tick(created + 48 * HOUR);
    expect((await mailTo(lead.email)).map((m) => m.subject)).toEqual([`Still there, ${lead.name}?`]);
  });

  it('sends a step SES refused at a later tick, once, and records both attempts', async () => {
    const lead = await addLead();
    await eventsSettled();
    const created = Date.parse(lead.createdAt);
    await sesFault({ to: lead.email, code: 'MessageRejected', message: 'Injected once', remaining: 1 });

    await tick(created + HOUR);
    expect(await mailTo(lead.email)).toHaveLength(0);
    const [failed] = (await leadAutomations(lead.id)).runs.items.filter(
      (r) => r.automation === 'follow-up-sequence',
    );
    expect(failed).toMatchObject({
      outcome: 'failed',
      retryable: true,
      error: 'MessageRejected: Injected once',
    });

    // The tick tries the due item again five minutes later; running that tick twice sends nothing twice.
    await tick(created + HOUR + 5 * 60_000);
    await tick(created + HOUR + 6 * 60_000);
    expect((await mailTo(lead.email)).map((m) => m.subject)).toEqual(['About your Boiler repair']);
    const run = await api('GET', `/api/orgs/${home.id}/automation-runs/${failed!.id}`, {
      token: member.token,
    });
    expect(run.json).toMatchObject({ outcome: 'succeeded', attempts: 2, emailsSent: 1 });
    const retry = await api('POST', `/api/orgs/${home.id}/automation-runs/${failed!.id}/retry`, {
      token: admin.token,
    });
    expect(retry.status).toBe(409);
  });

  it('stops for a recipient who unsubscribes with the link, and refuses a forged link', async () => {
    const lead = await addLead();
    await eventsSettled();
    const created = Date.parse(lead.createdAt);
    await tick(created + HOUR);
    const [message] = (await mailTo(lead.email)) as Mail[];
    const link = /^<(.+)>$/.exec(message!.headers!['list-unsubscribe']!)![1]!;
    const path = link.slice(stack().url.length);
    expect(message!.text).toContain(`Unsubscribe: ${link}`);

    // The page asks first: opening it unsubscribes nobody.
    const page = await api('GET', path);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).toContain(`Unsubscribe from ${home.name}?`);
    expect(page.text).toContain('<form method="post"');
    expect((await leadAutomations(lead.id)).queued).toHaveLength(2);

    // What a mail client's one-click unsubscribe sends (RFC 8058).
    const done = await api('POST', path, {
      rawBody: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(done.status, done.text).toBe(200);
    expect(done.text).toContain('You are unsubscribed');
    await eventsSettled();
    const timeline = await leadAutomations(lead.id);
    expect(timeline.queued).toEqual([]);
    expect(timeline.cancelled.map((step) => step.reason)).toEqual([
      'Stopped: the recipient unsubscribed',
      'Stopped: the recipient unsubscribed',
    ]);
    await tick(created + 48 * HOUR);
    await tick(created + 96 * HOUR);
    expect(await mailTo(lead.email)).toHaveLength(1);

    const forged = path.replace(/\.[\w-]+$/, '.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
    const refused = await api('POST', forged, {
      rawBody: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('This link does not work');
  });
});

describe('Appointment Helper', () => {
  it('confirms a job to its customer and reminds them before it, at the moved time when it moves', async () => {
    await configure(home.id, {
      appointmentHelper: {
        enabled: true,
        sendConfirmation: true,
        reminderMinutesBefore: 120,
        jobs: true,
        bookings: true,
      },
    });
    const customer = `customer-${uniqueSuffix()}@example.com`;
    const firstTime = berlin(Date.now() + 3 * 24 * HOUR).slice(0, 10);
    const created = await api('POST', `/api/orgs/${home.id}/jobs`, {
      token: member.token,
      body: {
        customer: { name: 'Cleo Customer', email: customer },
        title: 'Boiler service',
        address: 'Torstraße 1, Berlin',
        scheduledAt: `${firstTime}T10:00`,
        price: { amountMinor: 12_900, currency: 'EUR' },
      },
    });
    expect(created.status, created.text).toBe(201);
    await eventsSettled();
    const [confirmation] = (await mailTo(customer, /^Confirmed: Boiler service/)) as Mail[];
    expect(confirmation!.text).toContain('Torstraße 1, Berlin');
    expect(confirmation!.text).toContain('10:00');
    expect(confirmation!.headers?.['reply-to']).toBe(owner.user.email);
    const queued = await api('GET', `/api/orgs/${home.id}/automation-steps`, { token: owner.token });
    const reminder = (queued.json.items as StepView[]).find((step) => step.jobId === created.json.id)!;
    expect(reminder.dueAtLocal).toBe(`${firstTime}T08:00`);

    // Moved two days later before the reminder: a "moved" mail, and the reminder moves along.
    const laterDay = berlin(Date.now() + 5 * 24 * HOUR).slice(0, 10);
    const moved = await api('PATCH', `/api/orgs/${home.id}/jobs/${created.json.id}`, {
      token: member.token,
      body: { version: created.json.version, scheduledAt: `${laterDay}T15:30` },
    });
    expect(moved.status, moved.text).toBe(200);
    await eventsSettled();
    expect(await mailTo(customer, /^Moved: Boiler service/)).toHaveLength(1);

    await tick(reminder.dueAt);
    expect(await mailTo(customer, /^Reminder/)).toHaveLength(0);
    const steps = await api('GET', `/api/orgs/${home.id}/automation-steps`, { token: owner.token });
    const movedReminder = (steps.json.items as StepView[]).find((step) => step.jobId === created.json.id)!;
    expect(movedReminder.dueAtLocal).toBe(`${laterDay}T13:30`);
    await tick(movedReminder.dueAt);
    const reminders = (await mailTo(customer, /^Reminder: Boiler service/)) as Mail[];
    expect(reminders).toHaveLength(1);
    expect(reminders[0]!.text).toContain('15:30');
    const done = await api('GET', `/api/orgs/${home.id}/automation-steps?status=done`, {
      token: owner.token,
    });
    expect((done.json.items as StepView[]).some((step) => step.id === movedReminder.id)).toBe(true);
  });
});

describe('Job Completion → Review Request', () => {
  it('asks every customer for a review after the delay, waiting out quiet hours, once per job', async () => {
    // Quiet hours around the moment the request would be due, so it waits for their end.
    const wanted = Date.now() + 24 * HOUR;
    const hour = Number(berlin(wanted).slice(11, 13));
    const start = `${String((hour + 23) % 24).padStart(2, '0')}:00`;
    const end = `${String((hour + 2) % 24).padStart(2, '0')}:00`;
    await configure(home.id, {
      reviewRequest: {
        enabled: true,
        reviewUrl: 'https://g.page/r/automation-test/review',
        delayHours: 24,
        quietHours: { start, end },
      },
    });
    const customer = `reviewer-${uniqueSuffix()}@example.com`;
    const job = await api('POST', `/api/orgs/${home.id}/jobs`, {
      token: member.token,
      body: {
        customer: { name: 'Rhea Reviewer', email: customer },
        title: 'Tap replacement',
        address: 'Torstraße 2, Berlin',
        scheduledAt: `${berlin(Date.now() + 24 * HOUR).slice(0, 10)}T09:00`,
        price: { amountMinor: 9_900, currency: 'EUR' },
      },
    });
    expect(job.status, job.text).toBe(201);
    await eventsSettled();
    const completed = await api('POST', `/api/orgs/${home.id}/jobs/${job.json.id}/status`, {
      token: member.token,
      body: { version: job.json.version, status: 'completed' },
    });
    expect(completed.status, completed.text).toBe(200);
    await eventsSettled();
    const [event] = await eventOf('job.completed', 'jobId', job.json.id);
    await fetch(`${stack().url}/_local/events/${event!.id}/redeliver`, { method: 'POST' });
    await eventsSettled();

    const steps = await api('GET', `/api/orgs/${home.id}/automation-steps`, { token: owner.token });
    const request = (steps.json.items as StepView[]).filter(
      (step) => step.jobId === job.json.id && step.automation === 'review-request',
    );
    // The appointment reminder of the completed job is cancelled: the job is done.
    const cancelled = await api('GET', `/api/orgs/${home.id}/automation-steps?status=cancelled&limit=100`, {
      token: owner.token,
    });
    expect(
      (cancelled.json.items as StepView[]).find(
        (step) => step.jobId === job.json.id && step.automation === 'appointment-helper',
      )?.reason,
    ).toBe('The job is completed');
    expect(request).toHaveLength(1);
    expect(request[0]!.dueAtLocal.slice(11)).toBe(end);
    expect(Date.parse(request[0]!.dueAt)).toBeGreaterThan(wanted);
    expect(request[0]!.reason).toContain(`at the end of quiet hours (${end})`);

    const review = /^How did we do\?/;
    await tick(Date.parse(request[0]!.dueAt) - 60_000);
    expect(await mailTo(customer, review)).toHaveLength(0);
    await tick(request[0]!.dueAt);
    await tick(Date.parse(request[0]!.dueAt) + 60_000);
    const mails = await mailTo(customer, review);
    expect(mails.map((m) => m.subject)).toEqual([`How did we do? Your review helps ${home.name}`]);
    expect(mails[0]!.html).toContain('href="https://g.page/r/automation-test/review"');
    expect(mails[0]!.text).toContain('Leave a review: https://g.page/r/automation-test/review');
  });
});

describe('bounces and complaints', () => {
  it('suppress an address everywhere until an admin lifts it; a transient bounce does not', async () => {
    const feedback = (body: Record<string, unknown>) =>
      fetch(`${stack().url}/_local/ses/feedback`, { method: 'POST', body: JSON.stringify(body) });
    await feedback({ type: 'bounce', recipients: [member.user.email] });
    await feedback({ type: 'bounce', bounceType: 'Transient', recipients: [owner.user.email] });

    const suppressed = await api('GET', '/api/email-suppressions?limit=100', { token: admin.token });
    expect(suppressed.status).toBe(200);
    const addresses = (suppressed.json.items as { address: string; reason: string }[]).map((s) => s.address);
    expect(addresses).toContain(member.user.email);
    expect(addresses).not.toContain(owner.user.email);
    expect((await api('GET', '/api/email-suppressions', { token: owner.token })).status).toBe(403);

    const lead = await addLead();
    await eventsSettled();
    const subject = new RegExp(`^New lead: ${lead.name}`);
    expect(await mailTo(owner.user.email, subject)).toHaveLength(1);
    expect(await mailTo(member.user.email, subject)).toHaveLength(0);
    const [run] = (await runsOf(home.id, '&automation=lead-capture')).filter((r) => r.leadId === lead.id);
    expect(run!.detail).toContain('1 suppressed after a bounce or complaint');

    const lifted = await api(
      'DELETE',
      `/api/email-suppressions?address=${encodeURIComponent(member.user.email)}`,
      {
        token: admin.token,
      },
    );
    expect(lifted.status).toBe(204);
    const next = await addLead();
    await eventsSettled();
    expect(await mailTo(member.user.email, new RegExp(`^New lead: ${next.name}`))).toHaveLength(1);
  });
});

describe('Daily Digest', () => {
  it('fans out one event per organization whose morning it is, each sent by its own invocation', async () => {
    // Prepare: three organizations with a user each; the digest hour is the current Berlin hour, so the
    // next digest is tomorrow morning and today is "yesterday" in it.
    const hour = Number(berlin(Date.now()).slice(11, 13));
    const orgs = await Promise.all(
      [0, 1, 2].map(async (index) => {
        const org = await createOrganization(admin.token, `Digest Org ${index} ${uniqueSuffix()}`);
        const user = await inviteAndAccept(admin.token, {
          email: `digest-${index}-${uniqueSuffix()}@example.com`,
          name: `Dee ${index}`,
          role: 'owner',
          orgId: org.id,
        });
        const view = await configure(org.id, { dailyDigest: { enabled: true, hour } });
        return { org, user, nextDigestAt: view.dailyDigest.nextDigestAt! };
      }),
    );
    const [first] = orgs;
    const digestAt = first!.nextDigestAt;
    expect(orgs.every((o) => o.nextDigestAt === digestAt)).toBe(true);
    expect(Date.parse(digestAt) - Date.now()).toBeGreaterThan(22 * HOUR);
    const waiting = await addLead({ name: `Waiting ${uniqueSuffix()}` }, first!.org.id);
    const answered = await addLead({ name: `Answered ${uniqueSuffix()}` }, first!.org.id);
    await api('POST', `/api/orgs/${first!.org.id}/leads/${answered.id}/status`, {
      token: admin.token,
      body: { version: answered.version, status: 'contacted' },
    });
    const tomorrow = berlin(Date.parse(digestAt)).slice(0, 10);
    await api('POST', `/api/orgs/${first!.org.id}/jobs`, {
      token: admin.token,
      body: {
        customer: { name: 'Jo Job', email: `jo-${uniqueSuffix()}@example.com` },
        title: 'Radiator bleed',
        address: 'Torstraße 3',
        scheduledAt: `${tomorrow}T11:15`,
        price: { amountMinor: 5_000, currency: 'EUR' },
      },
    });
    await eventsSettled();

    // Act: the hourly schedule runs at tomorrow's digest time.
    const fanOut = () =>
      fetch(`${stack().url}/_local/schedules/digest-fan-out/hourly?time=${digestAt}`, { method: 'POST' });
    expect((await fanOut()).status).toBe(204);
    await eventsSettled();

    // Assess: one digest.due per organization, one run each, triggered by that organization's own event.
    const ours = new Set(orgs.map((o) => o.org.id));
    const due = (await publishedEvents()).filter(
      (e) => e['detail-type'] === 'digest.due' && ours.has(e.detail.orgId as string),
    );
    expect(due.map((e) => e.detail.orgId).sort()).toEqual([...ours].sort());
    for (const { org, user } of orgs) {
      const mail = await waitForEmail(user.user.email, new RegExp(`^${org.name} today:`));
      expect(mail.text).toContain('Good morning!');
      const [run] = await runsOf(org.id, '&automation=daily-digest');
      const event = due.find((e) => e.detail.orgId === org.id)!;
      expect(run).toMatchObject({
        outcome: 'succeeded',
        emailsSent: 1,
        trigger: { kind: 'schedule', type: 'digest.due', ref: event.id },
      });
    }
    const digest = await waitForEmail(first!.user.user.email, /today:/);
    expect(digest.subject).toMatch(/: 2 new leads, 1 job$/);
    expect(digest.text).toContain('Waiting for a first response: 1');
    expect(digest.text).toContain(`${waiting.name} — waiting`);
    expect(digest.text).toMatch(/Median time to first response \(30 days\): \d+ min \(1 leads\)/);
    expect(digest.text).toContain('11:15 Radiator bleed — Jo Job');

    // The schedule moved to the next morning: running the hour again publishes nothing for them.
    const view = await api('GET', `/api/orgs/${first!.org.id}/automations`, { token: first!.user.token });
    expect(Date.parse(view.json.dailyDigest.nextDigestAt) - Date.parse(digestAt)).toBe(24 * HOUR);
    await fanOut();
    await eventsSettled();
    const again = (await publishedEvents()).filter(
      (e) => e['detail-type'] === 'digest.due' && ours.has(e.detail.orgId as string),
    );
    expect(again).toHaveLength(3);

    // The organization moves to Chicago: its next digest moves to Chicago's morning.
    const moving = orgs[1]!.org.id;
    const org = await api('GET', `/api/orgs/${moving}`, { token: admin.token });
    const moved = await api('PATCH', `/api/orgs/${moving}`, {
      token: admin.token,
      body: { version: org.json.version, timeZone: 'America/Chicago' },
    });
    expect(moved.status, moved.text).toBe(200);
    await eventsSettled();
    const rescheduled = await api('GET', `/api/orgs/${moving}/automations`, { token: admin.token });
    expect(rescheduled.json.dailyDigest.nextDigestAt).toBe(
      nextDailyAt(hour, 'America/Chicago', new Date()).toISOString(),
    );
  });
});

describe('who sees what', () => {
  it("shows an organization's automations to its users read-only, and nothing to others", async () => {
    const path = `/api/orgs/${home.id}/automations`;
    const seen = await api('GET', path, { token: member.token });
    expect(seen.status).toBe(200);
    expect(seen.json.templates.map((t: { id: string }) => t.id)).toEqual([
      'lead-capture',
      'appointment-helper',
      'follow-up-sequence',
      'review-request',
      'daily-digest',
    ]);
    const edit = await api('PATCH', path, {
      token: owner.token,
      body: { version: seen.json.version, dailyDigest: { enabled: true, hour: 6 } },
    });
    expect(edit.status).toBe(403);
    expect((await api('GET', path, { token: outsider.token })).status).toBe(404);
    expect((await api('GET', `/api/orgs/${home.id}/automation-runs`, { token: outsider.token })).status).toBe(
      404,
    );
    expect((await api('GET', '/api/automation-runs', { token: owner.token })).status).toBe(403);

    const stale = await api('PATCH', path, {
      token: admin.token,
      body: { version: seen.json.version - 1, dailyDigest: { enabled: true, hour: 6 } },
    });
    expect(stale.status).toBe(409);
    expect(stale.json.currentVersion).toBe(seen.json.version);
    const bad = await api('PATCH', path, {
      token: admin.token,
      body: { version: seen.json.version, reviewRequest: { enabled: true, reviewUrl: null } },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { path: string }) => e.path)).toEqual(['reviewRequest.reviewUrl']);

    const activity = await api('GET', `/api/orgs/${home.id}/activity`, { token: owner.token });
    expect(
      (activity.json.items as { kind: string; summary: string }[]).find(
        (e) => e.kind === 'automations.updated',
      )!.summary,
    ).toMatch(/^Avery Operator turned on /);
  });
});
