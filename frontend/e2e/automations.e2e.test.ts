import type { Locator } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatInZone } from '../src/lib/zoned-time';
import { desktop, screenshots, setUpStackAndBrowser, signIn, visible } from './browser';
import { readOutbox, waitForEmail } from './stack';

const run = setUpStackAndBrowser();

// Northwind Events starts with every automation off; its clock is Berlin's, the browser's is Los Angeles'.
const orgName = 'Northwind Events';
const orgSlug = 'northwind-events';
const orgZone = 'Europe/Berlin';
const visitor = { name: 'Lena Fischer', email: 'lena.fischer@example.com' };
const firstSubject = 'Hello from Northwind Events';
const secondSubject = 'Still looking for help?';

interface StepView {
  readonly id: string;
  readonly label: string;
  readonly dueAt: string;
}

let adminToken: string;
let orgId: string;

const api = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${run.stack.url}${path}`, {
    method,
    headers: {
      ...(adminToken ? { authorization: `Bearer ${adminToken}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.status === 204 ? undefined : response.json();
};

/** Waits until every published event has reached its consumers (the follow-ups are queued by one). */
const eventsSettled = () => api('POST', '/_local/events/settled');

/** Runs the per-minute schedule as if it were a minute after `instant`. */
const tickAfter = (instant: string) =>
  api(
    'POST',
    `/_local/schedules/due-work/every-minute?time=${new Date(Date.parse(instant) + 60_000).toISOString()}`,
  );

const newPage = async () => {
  const context = await run.browser.newContext({
    viewport: desktop,
    locale: 'en-US',
    timezoneId: 'America/Los_Angeles',
  });
  return { context, page: await context.newPage() };
};

const signedIn = async (email: string, password: string) => {
  const opened = await newPage();
  await opened.page.goto(`${run.stack.url}/sign-in`);
  await signIn(opened.page, email, password);
  await opened.page.waitForURL(/\/(dashboard|admin\/organizations)$/);
  return opened;
};

const owner = () => {
  const found = run.stack.signIns.find((item) => item.role === 'owner' && item.orgSlug === orgSlug);
  if (!found) throw new Error('The stack printed no Northwind Events owner');
  return found;
};

/** The same clock text the page shows, spaces normalized (ICU puts a narrow space before AM/PM). */
const clockText = (text: string) => text.replace(/\s+/g, ' ');
const shownText = async (locator: Locator) => clockText((await locator.textContent()) ?? '');

beforeAll(async () => {
  const session = await api('POST', '/api/auth/sign-in', {
    email: run.admin.email,
    password: run.admin.password,
  });
  adminToken = session.accessToken;
  const orgs = await api('GET', `/api/orgs?q=${orgSlug}`);
  orgId = orgs.items.find((item: { slug: string }) => item.slug === orgSlug).id;
});

describe('automations in the browser', () => {
  it('are set up by the admin, queue follow-ups the owner can cancel, and fail into a retry the admin runs', async () => {
    // The admin opens the organization's automations from its page: everything is off.
    const admin = await signedIn(run.admin.email, run.admin.password);
    await admin.page.getByRole('link', { name: orgName, exact: true }).click();
    await admin.page
      .getByRole('region', { name: 'Automations' })
      .getByRole('link', { name: 'Open automations' })
      .click();
    await visible(admin.page.getByRole('heading', { name: 'Automations', level: 1 }));
    await visible(admin.page.getByText('Not set up yet: every template is off.'));
    const sequence = admin.page.getByRole('region', { name: 'Follow-Up Sequence' });
    await visible(sequence.getByText('Off', { exact: true }));

    // Turned on and reworded; a step placed before the one above it is refused beside the steps.
    await sequence.getByRole('button', { name: 'Edit Follow-Up Sequence' }).click();
    const editor = await visible(admin.page.getByRole('dialog', { name: 'Edit Follow-Up Sequence' }));
    await editor.getByLabel('Run this automation').check();
    const first = editor.getByRole('group', { name: 'Step 1' });
    await first.getByLabel('Hours after the lead arrives').fill('2');
    await first.getByLabel('Subject').fill('Hello from {business}');
    const second = editor.getByRole('group', { name: 'Step 2' });
    await second.getByLabel('Hours after the lead arrives').fill('1');
    await editor.getByRole('button', { name: 'Save Follow-Up Sequence' }).click();
    await visible(editor.getByText('Each step comes later than the one before'));
    await second.getByLabel('Hours after the lead arrives').fill('26');
    await editor.getByRole('button', { name: 'Save Follow-Up Sequence' }).click();
    await editor.waitFor({ state: 'hidden' });
    await visible(admin.page.getByText('Follow-Up Sequence is saved.'));
    await visible(sequence.getByText('On', { exact: true }));
    await visible(sequence.getByText('Hello from {business}'));
    await visible(sequence.getByText('After 1 day 2 hours:'));
    await screenshots(admin.page, 'automations-organization');

    // A visitor sends Northwind's form: the sequence queues its two steps for the new lead.
    const visitorPage = await newPage();
    await visitorPage.page.goto(`${run.stack.url}/lead/${orgSlug}`);
    await (await visible(visitorPage.page.getByLabel('Your name'))).fill(visitor.name);
    await visitorPage.page.getByLabel('Email').fill(visitor.email);
    await visitorPage.page.getByLabel('How can we help?').fill('A venue for 80 guests in June.');
    await visitorPage.page.getByRole('button', { name: 'Send' }).click();
    await visible(visitorPage.page.getByRole('heading', { name: 'Thank you!' }));
    await visitorPage.context.close();
    await eventsSettled();

    // The owner sees both steps on the lead's page, on Berlin's clock, and cancels the first.
    const ownerSession = await signedIn(owner().email, owner().password);
    const { page } = ownerSession;
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Leads' }).click();
    await page.getByRole('link', { name: visitor.name, exact: true }).click();
    const automations = await visible(page.getByRole('region', { name: 'Automations' }));
    await visible(automations.getByText(`Times on the organization’s clock (${orgZone}).`));
    const queued = automations.getByRole('list', { name: 'Queued for this lead, soonest first' });
    const firstStep = queued.getByRole('listitem').filter({ hasText: `Follow-up 1 of 2: ${firstSubject}` });
    const secondStep = queued.getByRole('listitem').filter({ hasText: `Follow-up 2 of 2: ${secondSubject}` });
    await visible(firstStep);
    await visible(secondStep);

    const leadId = page.url().split('/').pop()!;
    const timeline = await api('GET', `/api/orgs/${orgId}/leads/${leadId}/automations`);
    const [step1, step2] = timeline.queued as StepView[];
    expect(await shownText(firstStep.locator('time'))).toBe(
      clockText(formatInZone(step1!.dueAt, orgZone, 'en-US')),
    );
    // Two hours after the lead, unless that falls in the default quiet hours (20:00–08:00 on Berlin's clock):
    // then at their end. The test runs at any hour, so it checks whichever applies.
    const lead = await api('GET', `/api/orgs/${orgId}/leads/${leadId}`);
    const wanted = Date.parse(lead.createdAt) + 2 * 3_600_000;
    const berlinClock = (instant: number) =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone: orgZone,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(instant);
    const wantedHour = Number(berlinClock(wanted).slice(0, 2));
    if (wantedHour >= 8 && wantedHour < 20) {
      expect(Math.abs(Date.parse(step1!.dueAt) - wanted)).toBeLessThan(60_000);
      await visible(firstStep.getByText('(in 2 hours)'));
    } else {
      expect(berlinClock(Date.parse(step1!.dueAt))).toBe('08:00');
      expect(Date.parse(step1!.dueAt)).toBeGreaterThan(wanted);
    }
    await visible(firstStep.getByText(`to ${visitor.email}`, { exact: false }));

    await firstStep.getByRole('button', { name: `Cancel Follow-up 1 of 2: ${firstSubject}` }).click();
    await visible(page.getByText(`Cancelled: Follow-up 1 of 2: ${firstSubject}.`));
    await firstStep.waitFor({ state: 'detached' });
    const cancelled = automations.getByRole('list', { name: 'Cancelled steps' });
    await visible(cancelled.getByText(`Follow-up 1 of 2: ${firstSubject}`));
    await visible(cancelled.getByText(`Cancelled by ${owner().name}`));
    await screenshots(page, 'automations-lead');

    // The owner's automations page is read-only: the agency manages it.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Automations' }).click();
    await visible(page.getByText('Your agency sets these up and manages them for you.', { exact: false }));
    await visible(page.getByRole('region', { name: 'Follow-Up Sequence' }).getByText('On', { exact: true }));
    expect(await page.getByRole('button', { name: /^Edit / }).count()).toBe(0);
    await screenshots(page, 'automations-owner');
    await ownerSession.context.close();

    // The cancelled step sends nothing when its time comes; the second one meets a mail server that
    // refuses the address, and fails.
    await tickAfter(step1!.dueAt);
    await api('POST', '/_local/ses/faults', { to: visitor.email, code: 'MessageRejected' });
    await tickAfter(step2!.dueAt);
    await api('DELETE', '/_local/ses/faults');
    expect((await readOutbox(run.stack.url)).filter((mail) => mail.to.includes(visitor.email))).toEqual([]);

    // The admin finds the failure first among every organization's runs, and retries it.
    await admin.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Automations' })
      .click();
    await visible(admin.page.getByRole('heading', { name: 'Automations', level: 1 }));
    const rows = admin.page.getByRole('table').first().getByRole('row');
    const failed = rows
      .filter({ hasText: `Follow-up 2 of 2: ${secondSubject}` })
      .filter({ hasText: orgName });
    await visible(failed.getByText('Failed', { exact: true }));
    await visible(failed.getByText('MessageRejected', { exact: false }));
    await visible(failed.getByText('A follow-up came due'));
    expect(await rows.nth(1).textContent()).toContain('Failed');
    expect(await rows.nth(1).textContent()).toContain(orgName);
    await screenshots(admin.page, 'automations-admin');
    await failed.getByRole('button', { name: `Retry Follow-up 2 of 2: ${secondSubject}` }).click();
    await visible(failed.getByText('Succeeded', { exact: true }));
    await visible(failed.getByText(`retried by ${run.admin.name}`, { exact: false }));

    const sent = await waitForEmail(
      run.stack.url,
      visitor.email,
      new RegExp(`^${secondSubject.replace('?', '\\?')}$`),
    );
    expect(sent.text).toContain(`Hi ${visitor.name},`);
    expect((await readOutbox(run.stack.url)).filter((mail) => mail.to.includes(visitor.email))).toHaveLength(
      1,
    );

    // The run links to its lead, whose timeline now says what fired and why.
    await failed.getByRole('link', { name: 'Open lead' }).click();
    const leadAutomations = await visible(admin.page.getByRole('region', { name: 'Automations' }));
    const entry = leadAutomations
      .getByRole('list', { name: 'Runs, newest first' })
      .getByRole('listitem')
      .filter({ hasText: `Follow-up 2 of 2: ${secondSubject}` });
    await visible(entry.getByText('Succeeded', { exact: true }));
    await visible(entry.getByText(`Sent if ${visitor.name} is still new 26 h after arriving`));
    await admin.context.close();
  });

  it('lifts the suppression of an address that bounced, for the admin', async () => {
    const bounced = 'gone.mailbox@example.com';
    await api('POST', '/_local/ses/feedback', { type: 'bounce', recipients: [bounced] });
    await expect
      .poll(async () => (await api('GET', '/api/email-suppressions')).items.length, { timeout: 15_000 })
      .toBeGreaterThan(0);

    const admin = await signedIn(run.admin.email, run.admin.password);
    await admin.page.goto(`${run.stack.url}/admin/automations`);
    const section = await visible(admin.page.getByRole('region', { name: 'Suppressed email addresses' }));
    const row = section.getByRole('row').filter({ hasText: bounced });
    await visible(row.getByText('Bounced'));
    await row.getByRole('button', { name: `Lift the suppression of ${bounced}` }).click();
    const confirm = await visible(admin.page.getByRole('dialog', { name: 'Mail this address again?' }));
    await confirm.getByRole('button', { name: 'Lift suppression' }).click();
    await visible(admin.page.getByText(`${bounced} gets email again.`));
    await visible(section.getByText('No suppressed addresses'));
    expect((await api('GET', '/api/email-suppressions')).items).toEqual([]);
    await admin.context.close();
  });
});
