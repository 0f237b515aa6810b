import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { desktop, screenshots, setUpStackAndBrowser, signIn, visible } from './browser';
import { waitForEmail } from './stack';

const run = setUpStackAndBrowser();

// A demo organization whose engagement still has its kickoff task open (two tasks done of 32).
const orgName = 'Northwind Events';
const orgZone = 'Europe/Berlin';
const projectName = 'Founders Space Series';
const ticked = 'Collect the project summary, website and X profile';
const kickoffTask = 'Book the kickoff call';
const notes = 'We would like to plan the first Space for January.';
// Two done by the seed, one ticked by the owner, one by the booked kickoff: 4 of 32.
const percentAfterKickoff = Math.round((4 / 32) * 100);
const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const wallClock = (instant: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(
    new Date(instant),
  );

/** Goes through the local Google stand-in's consent screen and back to the booking page. */
const allowOnConsentScreen = async (page: Page) => {
  await page.waitForURL('**/_google/o/oauth2/v2/auth?**');
  await visible(page.getByRole('heading', { name: /wants to access your Google Account/ }));
  await page.getByRole('button', { name: 'Allow' }).click();
  await page.waitForURL('**/admin/booking');
};

/** Opens a weekday with one interval from 08:00 to 20:00. */
const openAllDay = async (form: Locator, day: string) => {
  const group = form.getByRole('group', { name: day, exact: true });
  const open = group.getByRole('checkbox', { name: `Open on ${day}` });
  if (!(await open.isChecked())) await open.check();
  while ((await group.getByRole('button', { name: `Remove ${day}, interval 2` }).count()) > 0)
    await group.getByRole('button', { name: `Remove ${day}, interval 2` }).click();
  const interval = group.getByRole('group', { name: `${day}, interval 1` });
  await interval.getByLabel('From').fill('08:00');
  await interval.getByLabel('To').fill('20:00');
};

describe('booking a meeting in the agency calendar', () => {
  it('is set up by the admin, booked as the kickoff by a client and followed up by the admin', async () => {
    const owner = run.stack.signIns.find((signIn) => signIn.orgSlug === 'northwind-events');
    if (!owner) throw new Error('The stack printed no Northwind Events sign-in');

    const adminContext = await run.browser.newContext({ viewport: desktop });
    const adminPage = await adminContext.newPage();
    await adminPage.goto(`${run.stack.url}/sign-in`);
    await signIn(adminPage, run.admin.email, run.admin.password);
    await adminPage.waitForURL('**/admin/organizations');

    // The admin connects the calendar through the consent screen.
    await adminPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Booking' }).click();
    await visible(adminPage.getByRole('heading', { name: 'Booking', level: 1 }));
    const card = adminPage.getByRole('region', { name: 'Google Calendar' });
    await visible(card.getByText('Not connected', { exact: true }));
    await card.getByRole('button', { name: 'Connect Google Calendar' }).click();
    await allowOnConsentScreen(adminPage);
    await visible(card.getByText('Connected', { exact: true }));
    await visible(card.getByText('Local calendar stand-in'));
    expect(await card.textContent()).toContain('operator@portico.localhost');
    expect(await card.textContent()).toContain('by Avery Operator');

    // Calendars of the account: the primary one receives the meetings; only writable ones are offered.
    const form = adminPage.getByRole('region', { name: 'Availability' });
    const calendars = form.getByRole('group', { name: 'Calendars' });
    await visible(calendars.getByRole('checkbox', { name: /Holidays \(local\)/ }));
    expect(await calendars.getByRole('checkbox', { name: /Operator \(local\)/ }).isDisabled()).toBe(true);
    await calendars.getByRole('checkbox', { name: /Holidays \(local\)/ }).check();
    const target = calendars.getByLabel('Calendar that receives the booked meetings');
    expect(await target.locator('option').allTextContents()).toEqual([
      'Operator (local) (primary)',
      'Client meetings (local)',
    ]);

    // Availability: every day 08:00–20:00 UTC, one hour's notice. A slip is shown beside its field first.
    await form.getByLabel('Time zone').selectOption('UTC');
    for (const day of weekdays) await openAllDay(form, day);
    await form.getByLabel('Minimum notice (hours)').fill('1');
    await form.getByLabel('Change notice (hours)').fill('1');
    const monday = form.getByRole('group', { name: 'Monday, interval 1' });
    await monday.getByLabel('To').fill('07:00');
    await form.getByRole('button', { name: 'Save booking settings' }).click();
    await visible(form.getByRole('alert').filter({ hasText: 'Please correct the highlighted fields.' }));
    expect(await monday.getByLabel('To').getAttribute('aria-invalid')).toBe('true');
    await monday.getByLabel('To').fill('20:00');
    await form.getByRole('button', { name: 'Save booking settings' }).click();
    await visible(adminPage.getByRole('status').filter({ hasText: 'The booking settings are saved.' }));
    await screenshots(adminPage, 'admin-booking');

    // The owner of the organization ticks a task, then books the kickoff call.
    const ownerContext = await run.browser.newContext({ viewport: desktop });
    const ownerPage = await ownerContext.newPage();
    await ownerPage.goto(`${run.stack.url}/sign-in`);
    await signIn(ownerPage, owner.email, owner.password);
    await ownerPage.waitForURL('**/dashboard');
    const engagement = ownerPage.getByRole('region', { name: 'Engagement' });
    await engagement.getByRole('checkbox', { name: ticked }).click();
    await visible(engagement.getByRole('checkbox', { name: ticked, checked: true }));

    const bookings = ownerPage.getByRole('region', { name: 'Bookings' });
    await visible(bookings.getByText('No upcoming meetings with the agency.', { exact: false }));
    await bookings.getByRole('button', { name: 'Book a meeting' }).click();
    const dialog = await visible(ownerPage.getByRole('dialog', { name: 'Book a meeting' }));
    await visible(dialog.getByText('Local calendar (demo)'));
    expect(await dialog.textContent()).toContain(`Times are in ${orgZone}`);
    const times = dialog.getByRole('group', { name: /^Free times on / });
    const firstTime = await visible(times.getByRole('radio').first());
    const start = (await firstTime.getAttribute('value')) ?? '';
    const label = wallClock(start, orgZone);
    expect(await times.getByRole('radio', { name: label }).count()).toBe(1);

    // Nothing picked yet: the form says so rather than sending.
    await dialog.getByRole('button', { name: 'Book this time' }).click();
    await visible(dialog.getByText('Pick one of the free times first.'));
    await times.getByRole('radio', { name: label }).check();
    await dialog.getByLabel('This is our kickoff call').check();
    await dialog.getByLabel('Notes for the agency').fill(notes);
    await screenshots(ownerPage, 'client-book-meeting');
    await dialog.getByRole('button', { name: 'Book this time' }).click();
    await visible(dialog.getByText('Your kickoff call is booked'));
    expect(await dialog.textContent()).toContain(label);
    await dialog.getByRole('button', { name: 'Done' }).click();

    const upcoming = bookings.getByRole('list', { name: 'Upcoming meetings' });
    const item = await visible(upcoming.getByRole('listitem').filter({ hasText: projectName }));
    expect(await item.textContent()).toContain('Kickoff');
    expect(await item.textContent()).toContain(label);
    expect(await item.textContent()).toContain(notes);
    await visible(item.getByRole('button', { name: /^Move the kickoff call of / }));
    await screenshots(ownerPage, 'client-bookings');

    const confirmation = await waitForEmail(run.stack.url, owner.email, /^Booked: your kickoff call/);
    expect(confirmation.text).toContain(orgZone);
    expect(confirmation.text).toContain(label);

    // The admin sees the meeting in the list, in the operator's zone (UTC).
    await adminPage.reload();
    const row = await visible(adminPage.getByRole('row').filter({ hasText: orgName }));
    expect(await row.textContent()).toContain(projectName);
    expect(await row.textContent()).toContain('Kickoff');
    expect(await row.textContent()).toContain(owner.name ?? 'Jonas Weber');
    expect(await row.textContent()).toContain(notes);
    expect(await row.textContent()).toContain(wallClock(start, 'UTC'));
    await visible(adminPage.getByText('Showing 1 booking, all loaded'));

    // The booked kickoff ticked its task: the overview shows the progress.
    await adminPage
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Engagements' })
      .click();
    await adminPage.getByLabel('Search engagements').fill('northwind');
    const overviewRow = adminPage.getByRole('row').filter({ hasText: orgName });
    await expect
      .poll(
        async () => {
          await adminPage.reload();
          await adminPage.getByLabel('Search engagements').fill('northwind');
          await visible(overviewRow);
          return overviewRow.textContent();
        },
        { timeout: 20_000, interval: 1000 },
      )
      .toContain(`${percentAfterKickoff}%`);
    await adminPage.getByRole('link', { name: orgName, exact: true }).click();
    await visible(
      adminPage
        .getByRole('region', { name: 'Engagement' })
        .getByRole('checkbox', { name: kickoffTask, checked: true }),
    );

    // The owner moves the meeting to another free time, reusing the picker.
    await item.getByRole('button', { name: /^Move the kickoff call of / }).click();
    const moveDialog = await visible(ownerPage.getByRole('dialog', { name: 'Move the kickoff call' }));
    // Another day: late in the evening the booked day may have no other free time left.
    await moveDialog.getByRole('group', { name: 'Day' }).getByRole('radio').nth(1).check();
    const moveTimes = moveDialog.getByRole('group', { name: /^Free times on / });
    const other = moveTimes.getByRole('radio').nth(2);
    const movedStart = (await visible(other).then((radio) => radio.getAttribute('value'))) ?? '';
    expect(movedStart).not.toBe(start);
    await other.check();
    await moveDialog.getByRole('button', { name: 'Move to this time' }).click();
    await visible(ownerPage.getByRole('status').filter({ hasText: 'Your kickoff call is moved to' }));
    await visible(upcoming.getByRole('listitem').filter({ hasText: wallClock(movedStart, orgZone) }));
    await waitForEmail(run.stack.url, owner.email, /^Moved: your kickoff call/);

    // Google revokes the grant: clients are told booking is paused, every admin page shows the banner.
    const revoked = await fetch(`${run.stack.url}/_local/google/revoke-all`, { method: 'POST' });
    expect(revoked.status).toBe(200);
    await bookings.getByRole('button', { name: 'Book a meeting' }).click();
    const pausedDialog = await visible(ownerPage.getByRole('dialog', { name: 'Book a meeting' }));
    await visible(
      pausedDialog.getByText('Booking is paused while the agency reconnects its calendar', { exact: false }),
    );
    await pausedDialog.getByRole('button', { name: 'Close', exact: true }).click();

    await adminPage.goto(`${run.stack.url}/admin/users`);
    const banner = await visible(
      adminPage.getByRole('alert').filter({ hasText: 'Google Calendar access was revoked' }),
    );
    await screenshots(adminPage, 'admin-calendar-revoked');
    await banner.getByRole('button', { name: 'Reconnect Google Calendar' }).click();
    await allowOnConsentScreen(adminPage);
    await visible(card.getByText('Connected', { exact: true }));
    expect(await adminPage.getByText('Google Calendar access was revoked').count()).toBe(0);

    await ownerContext.close();
    await adminContext.close();
  });

  it('explains a denied consent, changes nothing and leads back to the booking page', async () => {
    const context = await run.browser.newContext({ viewport: desktop });
    const page = await context.newPage();
    await page.goto(`${run.stack.url}/sign-in`);
    await signIn(page, run.admin.email, run.admin.password);
    await page.waitForURL('**/admin/organizations');
    await page.goto(`${run.stack.url}/admin/booking`);
    const card = page.getByRole('region', { name: 'Google Calendar' });
    const status = await visible(card.locator('.badge').last());
    const before = await status.textContent();
    await card.getByRole('button', { name: /^(Connect Google Calendar|Reconnect)$/ }).click();
    await page.waitForURL('**/_google/o/oauth2/v2/auth?**');
    await page.getByRole('button', { name: 'Deny' }).click();
    await page.waitForURL('**/admin/booking/callback?**');
    const alert = await visible(
      page.getByRole('alert').filter({ hasText: 'Google Calendar was not connected' }),
    );
    expect(await alert.textContent()).toContain('You chose not to give Portico access');
    await screenshots(page, 'admin-booking-callback-denied');
    await alert.getByRole('link', { name: 'Back to booking' }).click();
    await visible(card.getByText(before ?? '', { exact: true }));
    await context.close();
  });
});
