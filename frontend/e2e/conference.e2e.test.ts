import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { localToUtc } from '../../shared/time/zones';
import { desktop, screenshots, setUpStackAndBrowser, signIn, visible } from './browser';
import { linkIn, waitForEmail } from './stack';

const run = setUpStackAndBrowser();

const organizer = () => {
  const found = run.stack.signIns.find(
    (candidate) => candidate.role === 'owner' && candidate.orgSlug === 'northwind-events',
  );
  if (!found) throw new Error('The stack printed no Northwind Events owner');
  return found;
};

const eventZone = 'Europe/Berlin';
const attendeeZone = 'Asia/Tokyo';
/** Three days ahead, like the agenda's own tests: the sessions' live moments are still to come. */
const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
const attendeeEmail = `ana-${Date.now().toString(36)}@example.com`;

/** 50 attendees, three of them bad: an invalid email (line 8), no name (line 21), a duplicate (line 40). */
const attendeesCsv = () => {
  const rows = ['Name;Email;Group'];
  for (let index = 1; index <= 50; index++) {
    const line = index + 1;
    if (line === 2) rows.push(`Ana Attendee;${attendeeEmail};Press`);
    else if (line === 8) rows.push(`Bad Email ${index};not-an-email;`);
    else if (line === 21) rows.push(`;nameless-${index}@example.com;`);
    else if (line === 40) rows.push(`Ana Twin;${attendeeEmail};`);
    else rows.push(`Guest ${index};guest-${index}-${attendeeEmail.split('@')[0]}@guests.example;`);
  }
  return `${rows.join('\r\n')}\r\n`;
};

const addSession = async (
  page: Page,
  session: { title: string; start: string; end: string; track: string; speaker: string },
) => {
  await page.getByRole('button', { name: 'Add session' }).click();
  const dialog = await visible(page.getByRole('dialog', { name: 'Add a session' }));
  await dialog.getByLabel('Title').fill(session.title);
  await dialog.getByLabel(`Starts (${eventZone})`).fill(`${day}T${session.start}`);
  await dialog.getByLabel(`Ends (${eventZone})`).fill(`${day}T${session.end}`);
  await dialog.getByLabel('Track').fill(session.track);
  await dialog.getByLabel(session.speaker).check();
  await dialog.getByRole('button', { name: 'Add session' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await visible(page.getByRole('cell', { name: new RegExp(`^${session.title}`) }));
};

describe('an event from the organizer to the attendee', () => {
  it('is created with sessions in two tracks, fills its roster from a CSV, and an attendee sees the agenda in their own zone go live and follow a move', async () => {
    const context = await run.browser.newContext({ viewport: desktop, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${run.stack.url}/sign-in`);
    await signIn(page, organizer().email, organizer().password);
    await page.waitForURL('**/dashboard');

    // The event, on Berlin's clock.
    await page.goto(`${run.stack.url}/conferences`);
    await page.getByRole('button', { name: 'New event' }).click();
    const form = await visible(page.getByRole('dialog', { name: 'New event' }));
    await form.getByLabel('Event name').fill('Northwind Product Summit');
    await form.getByLabel('First day').fill(day);
    await form.getByLabel('Last day').fill(day);
    await form.getByLabel('Time zone').selectOption(eventZone);
    await form.getByRole('button', { name: 'Create event' }).click();
    await page.waitForURL('**/manage');
    const eventPath = new URL(page.url()).pathname.replace(/\/manage$/, '');
    await visible(page.getByRole('heading', { name: 'Northwind Product Summit', level: 1 }));

    await page.getByRole('button', { name: 'Add speaker' }).click();
    const speakerForm = await visible(page.getByRole('dialog', { name: 'Add a speaker' }));
    await speakerForm.getByLabel('Name').fill('Ada Lovelace');
    await speakerForm.getByLabel('Company').fill('Analytical Engines');
    await speakerForm.getByRole('button', { name: 'Add speaker' }).click();
    await visible(page.getByRole('cell', { name: 'Ada Lovelace', exact: true }));

    await addSession(page, {
      title: 'Opening keynote',
      start: '09:00',
      end: '10:00',
      track: 'Main stage',
      speaker: 'Ada Lovelace',
    });
    await addSession(page, {
      title: 'Engine workshop',
      start: '09:30',
      end: '10:30',
      track: 'Workshops',
      speaker: 'Ada Lovelace',
    });
    // The same speaker twice at once is flagged, not refused.
    await visible(page.getByText('Overlap: Ada Lovelace also speaks in Engine workshop'));
    await screenshots(page, 'conference-manage');

    // The roster from a file: the bad rows are named by line before anything is written.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Attendees' }).click();
    await visible(page.getByRole('heading', { name: 'Attendees', level: 1 }));
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const wizard = await visible(page.getByRole('dialog', { name: 'Import attendees from CSV' }));
    await wizard.getByLabel('CSV file').setInputFiles({
      name: 'summit-attendees.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(attendeesCsv(), 'utf8'),
    });
    await visible(wizard.getByRole('table'));
    expect(await wizard.getByLabel('Field for column Name').inputValue()).toBe('name');
    expect(await wizard.getByLabel('Field for column Email').inputValue()).toBe('email');
    expect(await wizard.getByLabel('Field for column Group').inputValue()).toBe('group');
    await wizard.getByRole('button', { name: 'Check the whole file' }).click();
    const rejected = await visible(wizard.getByRole('region', { name: 'Rejected rows' }));
    expect(await rejected.getByRole('listitem').allTextContents()).toEqual([
      'Line 8: Email: Must be an email address',
      'Line 21: Name: Missing: a name (or a first and last name)',
      'Line 40: Same email address as line 2: only the first row is imported',
    ]);
    await screenshots(page, 'conference-import-dry-run');
    await wizard.getByRole('button', { name: 'Import 47 attendees' }).click();
    await visible(wizard.getByText('Import finished'), 60_000);
    expect(await wizard.locator('.import-wizard__counts dd').allTextContents()).toEqual([
      '47',
      '0',
      '0',
      '3',
    ]);
    await wizard.getByRole('button', { name: 'Close dialog' }).click();
    await visible(page.getByText(attendeeEmail));
    await context.close();

    // The attendee, in Tokyo, accepts the invitation from the outbox.
    const invitation = await waitForEmail(
      run.stack.url,
      attendeeEmail,
      /invited you to Northwind Product Summit/,
    );
    const attendee = await run.browser.newContext({
      viewport: desktop,
      locale: 'en-US',
      timezoneId: attendeeZone,
    });
    const guest = await attendee.newPage();
    await guest.goto(linkIn(invitation, '/conference-invitation').toString());
    await visible(guest.getByRole('heading', { name: 'Register for Northwind Product Summit' }));
    await guest.getByLabel('Password', { exact: true }).fill('a long guest passphrase 2027');
    await guest.getByRole('button', { name: 'Register' }).click();
    await visible(guest.getByRole('heading', { name: 'You are registered' }));
    await guest.getByRole('link', { name: 'Go to Portico' }).click();
    await guest.getByRole('link', { name: 'Northwind Product Summit' }).click();
    await visible(guest.getByRole('heading', { name: 'Northwind Product Summit', level: 1 }));
    await visible(
      guest.getByText(`times in ${attendeeZone} (the event is in ${eventZone})`, { exact: false }),
    );

    // 09:00 in Berlin is 16:00 in Tokyo in summer and 17:00 in winter: read the instant, not a guess.
    const startUtc = localToUtc(`${day}T09:00`, eventZone)!;
    const tokyoTime = new Intl.DateTimeFormat('en-US', {
      timeZone: attendeeZone,
      hour: 'numeric',
      minute: '2-digit',
    }).format(new Date(startUtc));
    const keynote = guest.locator('.agenda-item', { hasText: 'Opening keynote' });
    await visible(keynote);
    expect(await keynote.locator('time').textContent()).toMatch(new RegExp(`^${tokyoTime}–`));
    await visible(keynote.getByText('(09:00 event time)'));
    await visible(guest.getByRole('list', { name: 'Main stage sessions' }));
    await visible(guest.getByRole('list', { name: 'Workshops sessions' }));
    await visible(keynote.getByText('Scheduled'));
    await screenshots(guest, 'conference-attendee-agenda');

    // Five minutes before its start, the tick takes the keynote live; the open page follows by itself.
    const liveAt = new Date(Date.parse(startUtc) - 5 * 60_000).toISOString();
    const pinned = await fetch(`${run.stack.url}/_local/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ at: liveAt }),
    });
    expect(pinned.ok).toBe(true);
    const ticked = await fetch(`${run.stack.url}/_local/schedules/due-work/every-minute?time=${liveAt}`, {
      method: 'POST',
    });
    expect(ticked.status).toBe(204);
    await visible(keynote.getByText('Live now'), 45_000);
    await visible(guest.locator('.agenda-item', { hasText: 'Engine workshop' }).getByText('Scheduled'));
    await fetch(`${run.stack.url}/_local/clock`, { method: 'DELETE' });

    // The organizer moves the workshop to 11:00: the attendee's open page shows it at its new time on
    // their clock, no longer overlapping the keynote, pushed over the live channel without a reload.
    const workshop = guest.locator('.agenda-item', { hasText: 'Engine workshop' });
    await visible(workshop.getByText('Overlap'));
    await guest.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    const [, , orgId, conferenceId] = eventPath.split('/');
    const signedIn = await fetch(`${run.stack.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: organizer().email, password: organizer().password }),
    });
    const { accessToken } = (await signedIn.json()) as { accessToken: string };
    const agendaUrl = `${run.stack.url}/api/orgs/${orgId}/conferences/${conferenceId}/agenda`;
    const auth = { authorization: `Bearer ${accessToken}` };
    const { items } = (await (await fetch(agendaUrl, { headers: auth })).json()) as {
      items: { id: string; title: string; version: number }[];
    };
    const engine = items.find((item) => item.title === 'Engine workshop')!;
    const moved = await fetch(`${agendaUrl}/${engine.id}`, {
      method: 'PATCH',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ version: engine.version, start: `${day}T11:00`, end: `${day}T12:00` }),
    });
    expect(moved.status, await moved.text()).toBe(200);
    const movedTokyoTime = new Intl.DateTimeFormat('en-US', {
      timeZone: attendeeZone,
      hour: 'numeric',
      minute: '2-digit',
    }).format(new Date(localToUtc(`${day}T11:00`, eventZone)!));
    await visible(workshop.getByText('(11:00 event time)'), 10_000);
    expect(await workshop.locator('time').textContent()).toMatch(new RegExp(`^${movedTokyoTime}–`));
    expect(await workshop.getByText('Overlap').count()).toBe(0);
    expect(await keynote.getByText('Overlap').count()).toBe(0);
    expect(await guest.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );
    await screenshots(guest, 'conference-attendee-agenda-moved');
    await attendee.close();

    // Operator admins open any organization's event pages, and may manage them.
    const operator = await run.browser.newContext({ viewport: desktop, locale: 'en-US' });
    const adminPage = await operator.newPage();
    await adminPage.goto(`${run.stack.url}/sign-in`);
    await signIn(adminPage, run.admin.email, run.admin.password);
    await adminPage.waitForURL('**/admin/organizations');
    await adminPage.goto(`${run.stack.url}${eventPath}`);
    await visible(adminPage.getByRole('heading', { name: 'Northwind Product Summit', level: 1 }));
    await adminPage.getByRole('link', { name: 'Manage the event' }).click();
    await visible(adminPage.getByRole('cell', { name: /^Opening keynote/ }));
    await operator.close();
  }, 240_000);

  it('edits a speaker’s whole list of links: adds, changes and removes them, checked as on creating', async () => {
    const context = await run.browser.newContext({ viewport: desktop, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${run.stack.url}/sign-in`);
    await signIn(page, organizer().email, organizer().password);
    await page.waitForURL('**/dashboard');
    await page.goto(`${run.stack.url}/conferences`);
    await page.getByRole('button', { name: 'New event' }).click();
    const form = await visible(page.getByRole('dialog', { name: 'New event' }));
    await form.getByLabel('Event name').fill('Northwind Links Day');
    await form.getByLabel('First day').fill(day);
    await form.getByLabel('Last day').fill(day);
    await form.getByRole('button', { name: 'Create event' }).click();
    await page.waitForURL('**/manage');
    const [orgId, conferenceId] = new URL(page.url()).pathname
      .split('/')
      .filter((part) => /^[0-9A-Z]{26}$/.test(part));

    // Created with two links.
    await page.getByRole('button', { name: 'Add speaker' }).click();
    const adding = await visible(page.getByRole('dialog', { name: 'Add a speaker' }));
    await adding.getByLabel('Name').fill('Grace Hopper');
    await adding.getByRole('button', { name: 'Add a link' }).click();
    await adding.getByLabel('Link 1 label').fill('Website');
    await adding.getByLabel('Link 1 URL').fill('https://grace.example');
    await adding.getByRole('button', { name: 'Add a link' }).click();
    await adding.getByLabel('Link 2 label').fill('Blog');
    await adding.getByLabel('Link 2 URL').fill('https://blog.grace.example');
    await adding.getByRole('button', { name: 'Add speaker' }).click();
    await visible(page.getByRole('cell', { name: 'Grace Hopper', exact: true }));

    // Edited: the first changed, the second removed, a third added; a plain-http link is refused first.
    await page.getByRole('button', { name: 'Edit Grace Hopper' }).click();
    const editing = await visible(page.getByRole('dialog', { name: 'Edit Grace Hopper' }));
    expect(await editing.getByLabel('Link 2 URL').inputValue()).toBe('https://blog.grace.example');
    await editing.getByLabel('Link 1 URL').fill('https://hopper.example');
    await editing.getByRole('button', { name: 'Remove link 2' }).click();
    await editing.getByRole('button', { name: 'Add a link' }).click();
    await editing.getByLabel('Link 2 label').fill('Talks');
    await editing.getByLabel('Link 2 URL').fill('http://talks.grace.example');
    await editing.getByRole('button', { name: 'Save speaker' }).click();
    await visible(editing.getByText('Must be an https link without credentials'));
    await editing.getByLabel('Link 2 URL').fill('https://talks.grace.example');
    await editing.getByRole('button', { name: 'Save speaker' }).click();
    await editing.waitFor({ state: 'hidden' });

    const session = await fetch(`${run.stack.url}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: organizer().email, password: organizer().password }),
    });
    const { accessToken } = (await session.json()) as { accessToken: string };
    const speakers = await fetch(`${run.stack.url}/api/orgs/${orgId}/conferences/${conferenceId}/speakers`, {
      headers: { authorization: `Bearer ${accessToken}` },
    });
    const { items } = (await speakers.json()) as { items: { name: string; links: unknown[] }[] };
    expect(items.find((speaker) => speaker.name === 'Grace Hopper')?.links).toEqual([
      { label: 'Website', url: 'https://hopper.example' },
      { label: 'Talks', url: 'https://talks.grace.example' },
    ]);

    // Removing every link saves an empty list.
    await page.getByRole('button', { name: 'Edit Grace Hopper' }).click();
    const clearing = await visible(page.getByRole('dialog', { name: 'Edit Grace Hopper' }));
    await clearing.getByRole('button', { name: 'Remove link 2' }).click();
    await clearing.getByRole('button', { name: 'Remove link 1' }).click();
    await visible(clearing.getByText('No links: add a website or a profile.'));
    await clearing.getByRole('button', { name: 'Save speaker' }).click();
    await clearing.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Edit Grace Hopper' }).click();
    const reopened = await visible(page.getByRole('dialog', { name: 'Edit Grace Hopper' }));
    await visible(reopened.getByText('No links: add a website or a profile.'));
    await context.close();
  }, 120_000);
});
