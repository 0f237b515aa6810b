import { readFile } from 'node:fs/promises';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { localToUtc } from '../../shared/time/zones';
import { desktop, isFocused, screenshots, setUpStackAndBrowser, signIn, visible } from './browser';

const run = setUpStackAndBrowser();

const orgName = 'Brightside Plumbing';
const lead = {
  name: 'Olivia Park',
  email: 'olivia.park@example.com',
  phone: '+1 (630) 555-0199',
  service: 'Boiler tune-up',
  message: 'The boiler is loud when it starts.\nMornings suit me best.',
};
const address = '12 Elm Street, Naperville, IL';
// The browser runs in Berlin while the organization keeps Chicago time: what is typed and shown is
// Chicago's clock, and the job page also says what that is in the viewer's own zone.
const browserZone = 'Europe/Berlin';

const owner = () => {
  const found = run.stack.signIns.find(
    (signIn) => signIn.role === 'owner' && signIn.orgSlug === 'brightside-plumbing',
  );
  if (!found) throw new Error('The stack printed no Brightside Plumbing owner');
  return found;
};

const newPage = async () => {
  const context = await run.browser.newContext({
    viewport: desktop,
    locale: 'en-US',
    timezoneId: browserZone,
    acceptDownloads: true,
  });
  return { context, page: await context.newPage() };
};

const badgeIn = (page: Page, text: string) =>
  page.getByRole('heading', { level: 1 }).locator('.badge', { hasText: text });

/** Waits until a field holds a value (a textarea's text is its value, not its content). */
const hasValue = (field: Locator, value: string) => expect.poll(() => field.inputValue()).toBe(value);

/** Signs in through the API, for data set up around the browser. */
const apiSession = async (email: string, password: string) => {
  const response = await fetch(`${run.stack.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  expect(response.status).toBe(200);
  const session = (await response.json()) as { accessToken: string; user: { orgId: string } };
  return { token: session.accessToken, orgId: session.user.orgId };
};

describe('a lead from first call to completed job', () => {
  it('is added by the owner, contacted, noted, turned into a job that is completed, and seen by the admin', async () => {
    const { context, page } = await newPage();
    await page.goto(`${run.stack.url}/sign-in`);
    await signIn(page, owner().email, owner().password);
    await page.waitForURL('**/dashboard');
    await visible(page.getByRole('region', { name: 'Leads' }).getByRole('link', { name: 'All leads' }));

    // The owner adds a lead by hand from the leads page.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Leads' }).click();
    await visible(page.getByRole('heading', { name: 'Leads', level: 1 }));
    await page.getByRole('button', { name: 'New lead' }).click();
    const leadDialog = await visible(page.getByRole('dialog', { name: 'New lead' }));
    await leadDialog.getByLabel('Name', { exact: true }).fill(lead.name);
    await leadDialog.getByRole('button', { name: 'Add lead' }).click();
    await visible(leadDialog.getByText('Give an email address or a phone number'));
    expect(await leadDialog.getByLabel('Email').getAttribute('aria-invalid')).toBe('true');
    await leadDialog.getByLabel('Email').fill(lead.email);
    await leadDialog.getByLabel('Phone').fill(lead.phone);
    await leadDialog.getByLabel('Service wanted').fill(lead.service);
    await leadDialog.getByLabel('Message').fill(lead.message);
    await leadDialog.getByRole('button', { name: 'Add lead' }).click();
    await leadDialog.waitFor({ state: 'hidden' });
    const row = await visible(page.getByRole('row').filter({ hasText: lead.name }));
    expect(await row.textContent()).toMatch(/Added by hand.*New/);

    // Search and filters narrow the list; an end date before the start date is pointed out.
    await page.getByLabel('Search leads').fill('olivia');
    await visible(page.getByText('Showing 1 lead, all loaded'));
    await page.getByLabel('Status').selectOption('won');
    await visible(page.getByText('No leads match'));
    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('Added from').fill('2030-01-02');
    await page.getByLabel('Added until').fill('2030-01-01');
    await visible(page.getByText('Must not be before the start date'));
    await page.getByLabel('Added from').fill('');
    await page.getByLabel('Added until').fill('');
    await visible(page.getByText('Showing 1 lead, all loaded'));
    await screenshots(page, 'leads-list');

    // The lead's page offers only the moves the pipeline allows.
    await page.getByRole('link', { name: lead.name, exact: true }).click();
    await visible(page.getByRole('heading', { name: lead.name, level: 1 }));
    await visible(badgeIn(page, 'New'));
    await visible(page.getByText('Mornings suit me best.'));
    const status = page.getByRole('region', { name: 'Status' });
    expect(await status.getByRole('button').allTextContents()).toEqual([
      'Mark contacted',
      'Mark qualified',
      'Mark won',
      'Mark lost',
    ]);
    // From the keyboard: the used button goes away, and focus moves on to the next step.
    await status.getByRole('button', { name: 'Mark contacted' }).focus();
    await page.keyboard.press('Enter');
    await visible(badgeIn(page, 'Contacted'));
    await expect
      .poll(() => isFocused(status.getByRole('button', { name: 'Mark qualified' })), { timeout: 10_000 })
      .toBe(true);
    expect(await status.getByRole('button').allTextContents()).toEqual([
      'Mark qualified',
      'Mark won',
      'Mark lost',
    ]);
    await visible(
      page
        .getByRole('list', { name: 'Timeline, newest first' })
        .getByText(`moved ${lead.name} from new to contacted`),
    );

    // Notes are saved against the version the page holds: a change made elsewhere in between is not
    // overwritten, and reloading brings it in.
    const notes = page.getByRole('form', { name: 'Notes' });
    await notes.getByLabel('Notes for your team').fill('Call back after 8 am.');
    await notes.getByRole('button', { name: 'Save notes' }).click();
    await visible(notes.getByText('Notes saved.'));

    const other = await context.newPage();
    await other.goto(page.url());
    const otherNotes = other.getByRole('form', { name: 'Notes' });
    await visible(otherNotes);
    await hasValue(otherNotes.getByLabel('Notes for your team'), 'Call back after 8 am.');
    await otherNotes.getByLabel('Notes for your team').fill('Has a dog; ring twice.');
    await otherNotes.getByRole('button', { name: 'Save notes' }).click();
    await visible(otherNotes.getByText('Notes saved.'));
    await other.close();

    await notes.getByLabel('Notes for your team').fill('Call back after 9 am.');
    await notes.getByRole('button', { name: 'Save notes' }).click();
    const conflict = await visible(notes.getByRole('alert').filter({ hasText: 'Changed by someone else' }));
    await conflict.getByRole('button', { name: 'Reload lead' }).click();
    await hasValue(notes.getByLabel('Notes for your team'), 'Has a dog; ring twice.');
    await conflict.waitFor({ state: 'hidden' });
    await screenshots(page, 'lead-detail');

    // A job from the lead, typed on the organization's clock; the lead is won with it.
    await page.getByRole('button', { name: 'Create job from this lead' }).click();
    const jobDialog = await visible(page.getByRole('dialog', { name: 'Create a job from this lead' }));
    expect(await jobDialog.getByLabel('Title').inputValue()).toBe(lead.service);
    await visible(jobDialog.getByText('On the organization’s clock: America/Chicago.'));
    const when = jobDialog.getByLabel('Date and time');
    const day = (await when.inputValue()).slice(0, 10);
    await when.fill(`${day}T10:30`);
    await jobDialog.getByLabel('Address').fill(address);
    await jobDialog.getByLabel('Price').fill('240,5.0');
    await jobDialog.getByRole('button', { name: 'Schedule job' }).click();
    await visible(jobDialog.getByText('An amount such as 180 or 180.50'));
    await jobDialog.getByLabel('Price').fill('1,240.50');
    expect(await jobDialog.getByLabel('Mark the lead as won').isChecked()).toBe(true);
    await jobDialog.getByRole('button', { name: 'Schedule job' }).click();
    await page.waitForURL(/\/jobs\/[0-9A-Z]{26}$/);

    await visible(page.getByRole('heading', { name: lead.service, level: 1 }));
    await visible(badgeIn(page, 'Scheduled'));
    const schedule = page.getByRole('region', { name: 'When and where' });
    await visible(schedule.getByText('Scheduled (America/Chicago)'));
    expect(await schedule.textContent()).toMatch(/10:30 AM to 11:30 AM \(60 minutes\)/);
    const inBerlin = new Intl.DateTimeFormat('en-US', {
      timeZone: browserZone,
      hour: 'numeric',
      minute: '2-digit',
    }).format(new Date(localToUtc(`${day}T10:30`, 'America/Chicago')!));
    expect(await schedule.textContent()).toContain(`Your time (Europe/Berlin): `);
    expect(await schedule.textContent()).toContain(inBerlin);
    await visible(page.getByRole('region', { name: 'Price and origin' }).getByText('$1,240.50'));
    await visible(page.getByRole('region', { name: 'Customer' }).getByText(lead.email));

    const jobStatus = page.getByRole('region', { name: 'Status' });
    expect(await jobStatus.getByRole('button').allTextContents()).toEqual([
      'Start job',
      'Complete job',
      'Cancel job',
    ]);
    // Cancelling asks for a reason first; Escape backs out and gives focus back to the button.
    await jobStatus.getByRole('button', { name: 'Cancel job' }).click();
    const cancelDialog = await visible(page.getByRole('dialog', { name: 'Cancel job?' }));
    await visible(cancelDialog.getByLabel('Reason'));
    await page.keyboard.press('Escape');
    await cancelDialog.waitFor({ state: 'hidden' });
    expect(await isFocused(jobStatus.getByRole('button', { name: 'Cancel job' }))).toBe(true);
    await visible(badgeIn(page, 'Scheduled'));
    await jobStatus.getByRole('button', { name: 'Complete job' }).click();
    await visible(badgeIn(page, 'Completed'));
    await visible(jobStatus.getByText('This job is completed.'));
    expect(await jobStatus.getByRole('button').count()).toBe(0);
    await screenshots(page, 'job-detail');

    await page.getByRole('link', { name: 'Open the lead' }).click();
    await visible(badgeIn(page, 'Won'));
    await visible(page.getByText('A won lead stays won.'));
    await visible(page.getByRole('region', { name: 'Jobs' }).getByRole('link', { name: lead.service }));
    await context.close();

    // The operator admin finds the lead on the organization's leads page.
    const admin = await newPage();
    await admin.page.goto(`${run.stack.url}/sign-in`);
    await signIn(admin.page, run.admin.email, run.admin.password);
    await admin.page.waitForURL('**/admin/organizations');
    await admin.page.getByRole('link', { name: orgName, exact: true }).click();
    await visible(admin.page.getByRole('heading', { name: orgName, level: 1 }));
    const leadsWidget = admin.page.getByRole('region', { name: 'Leads' });
    await visible(leadsWidget.getByRole('link', { name: lead.name }));
    // From the keyboard: the organization page's other widgets still load around this one, and a click
    // aimed at a link that has just moved lands beside it.
    await leadsWidget.getByRole('link', { name: 'All leads' }).press('Enter');
    await admin.page.waitForURL(/\/admin\/organizations\/[0-9A-Z]{26}\/leads$/);
    await visible(admin.page.getByRole('heading', { name: 'Leads', level: 1 }));
    await visible(admin.page.getByText(`Leads of ${orgName}`));
    const adminRow = await visible(admin.page.getByRole('row').filter({ hasText: lead.name }));
    expect(await adminRow.textContent()).toContain('Won');
    await visible(
      admin.page.getByRole('navigation', { name: 'Breadcrumbs' }).getByRole('link', { name: orgName }),
    );
    await screenshots(admin.page, 'admin-leads');
    await admin.context.close();
  });

  it('exports every lead in one CSV file with the header once, however many parts the API sends', async () => {
    // More leads than one part holds (500), added through the API.
    const { token, orgId } = await apiSession(owner().email, owner().password);
    for (let index = 0; index < 505; index++) {
      const response = await fetch(`${run.stack.url}/api/orgs/${orgId}/leads`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          name: `Import ${index}`,
          email: `import-${index}@example.com`,
          source: 'import',
        }),
      });
      expect(response.status).toBe(201);
    }
    const firstPart = await fetch(`${run.stack.url}/api/orgs/${orgId}/leads/export`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(firstPart.headers.get('x-next-cursor'), 'the export comes in more than one part').toBeTruthy();

    const { context, page } = await newPage();
    await page.goto(`${run.stack.url}/sign-in`);
    await signIn(page, owner().email, owner().password);
    await page.waitForURL('**/dashboard');
    await page.goto(`${run.stack.url}/leads`);
    await visible(page.getByText('Showing 25 leads'));
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^leads-brightside-plumbing-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    const ids = csv.match(/,[0-9A-HJKMNP-TV-Z]{26}\r\n/g) ?? [];
    expect(csv.match(/^Created \(America\/Chicago\),Name,/gm)).toHaveLength(1);
    expect(csv.startsWith('Created (America/Chicago),Name,')).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    // The demo leads, the one added by hand in the first test and the imported ones.
    expect(ids.length).toBeGreaterThanOrEqual(505 + 1 + 5);
    expect(csv).toContain(`Import 0,import-0@example.com`);
    expect(csv).toContain(`Import 504,import-504@example.com`);
    expect(csv).toContain('"The boiler is loud when it starts.\nMornings suit me best."');
    await context.close();
  });
});
