import { beforeAll, describe, expect, it } from 'vitest';
import { formatDayInZone } from '../src/lib/zoned-time';
import { desktop, screenshots, setUpStackAndBrowser, signIn, visible } from './browser';

const run = setUpStackAndBrowser();

// Northwind Events' demo event is public, in Berlin; the visitor reads it from Tokyo.
const visitorZone = 'Asia/Tokyo';
let token: string;
let orgId: string;
let summitId: string;
let privateId: string;

const owner = () => run.stack.signIns.find((s) => s.role === 'owner' && s.orgSlug === 'northwind-events')!;

const api = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${run.stack.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
};

beforeAll(async () => {
  const session = await fetch(`${run.stack.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: owner().email, password: owner().password }),
  });
  const signedIn = (await session.json()) as { accessToken: string; user: { orgId: string } };
  token = signedIn.accessToken;
  orgId = signedIn.user.orgId;
  const list = (await api('GET', `/api/orgs/${orgId}/conferences`)) as {
    items: { id: string; name: string }[];
  };
  summitId = list.items.find((item) => item.name === 'Northwind Summit')!.id;

  // The demo seeds sponsors in three tiers: Platinum, Gold, Community.
  const one = `/api/orgs/${orgId}/conferences/${summitId}`;

  // The logo, uploaded as the organizer's browser does: a presigned POST, then completed through the API.
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
  const target = { kind: 'logo' };
  const created = (await api('POST', `${one}/images`, {
    target,
    contentType: 'image/png',
    size: png.length,
  })) as { url: string; fields: Record<string, string>; imageId: string };
  const form = new FormData();
  for (const [name, value] of Object.entries(created.fields)) form.append(name, value);
  form.append('file', new Blob([png], { type: 'image/png' }));
  expect((await fetch(created.url, { method: 'POST', body: form })).status).toBeLessThan(300);
  await api('POST', `${one}/images/${created.imageId}/complete`, { target });

  const hidden = (await api('POST', `/api/orgs/${orgId}/conferences`, {
    name: `Board retreat ${Date.now()}`,
    startDate: '2027-03-01',
    endDate: '2027-03-01',
    timeZone: 'Europe/Berlin',
    privacy: 'invitation-only',
  })) as { id: string };
  privateId = hidden.id;
});

describe('the public event page', () => {
  it('shows a public event signed out: the agenda by day and track on the visitor’s clock, speakers and sponsors by tier', async () => {
    const context = await run.browser.newContext({
      viewport: desktop,
      locale: 'en-US',
      timezoneId: visitorZone,
    });
    const page = await context.newPage();
    await page.goto(`${run.stack.url}/events/${orgId}/${summitId}`);
    await visible(page.getByRole('heading', { name: 'Northwind Summit', level: 1 }));
    await visible(page.getByRole('img', { name: 'Northwind Summit logo' }));
    await visible(page.getByText('Kongresshalle am Alexanderplatz, Alexanderstraße 11, Berlin'));
    await visible(page.getByText('Times in Asia/Tokyo (the event is in Europe/Berlin)'));

    // Day two's keynote, 09:00 in Berlin, is on the visitor's own day and clock, with the event's beside it.
    const agenda = (await api('GET', `/api/public/orgs/${orgId}/conferences/${summitId}`)) as {
      items: { title: string; startUtc: string }[];
    };
    const keynote = agenda.items.find((item) => item.title === 'Opening keynote: events people remember')!;
    const day = page.getByRole('region', { name: formatDayInZone(keynote.startUtc, visitorZone, 'en-US') });
    await visible(day.getByRole('heading', { name: 'Main', level: 4 }));
    await visible(day.getByRole('heading', { name: 'Tech', level: 4 }));
    const main = day.getByRole('list', { name: 'Main sessions' });
    const keynoteRow = main.getByRole('listitem').filter({ hasText: keynote.title });
    await visible(keynoteRow);
    expect(await keynoteRow.textContent()).toContain('(09:00 event time)');
    expect(await keynoteRow.textContent()).toContain('Lena Fischer');
    await visible(
      day.getByRole('list', { name: 'Tech sessions' }).getByText('Running a stream for a million viewers'),
    );

    const speakers = page.getByRole('region', { name: 'Speakers' });
    await visible(speakers.getByRole('heading', { name: 'Amara Okafor' }));
    await visible(speakers.getByText('Head of Community, Lumen Labs'));

    const sponsors = page.getByRole('region', { name: 'Sponsors' });
    expect(await sponsors.getByRole('heading', { level: 3 }).allTextContents()).toEqual([
      'Platinum',
      'Gold',
      'Community',
    ]);
    await visible(sponsors.getByRole('region', { name: 'Platinum' }).getByText('Lumen Labs'));
    await visible(sponsors.getByRole('region', { name: 'Gold' }).getByText('Tideway'));
    await screenshots(page, 'public-conference');
    await context.close();
  });

  it('shows a sponsor logo an organizer uploaded on the sponsors page, served without sign-in', async () => {
    const context = await run.browser.newContext({ viewport: desktop, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(
      `${run.stack.url}/sign-in?next=${encodeURIComponent(`/conferences/${orgId}/${summitId}/sponsors`)}`,
    );
    await signIn(page, owner().email, owner().password);
    await visible(page.getByRole('heading', { name: 'Sponsors', level: 1 }));
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
    await page.getByLabel('Logo of Tideway').setInputFiles({
      name: 'tideway.png',
      mimeType: 'image/png',
      buffer: Buffer.from(png),
    });
    await visible(page.getByRole('img', { name: 'Tideway', exact: true }));
    await context.close();

    const visitor = await run.browser.newContext({ viewport: desktop, locale: 'en-US' });
    const publicPage = await visitor.newPage();
    await publicPage.goto(`${run.stack.url}/events/${orgId}/${summitId}`);
    const logo = publicPage
      .getByRole('region', { name: 'Sponsors' })
      .getByRole('region', { name: 'Gold' })
      .getByRole('img', { name: 'Tideway logo' });
    await visible(logo);
    const src = (await logo.getAttribute('src'))!;
    expect(src).toMatch(new RegExp(`^/api/public/orgs/${orgId}/conferences/${summitId}/images/`));
    const redirect = await fetch(`${run.stack.url}${src}`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const file = await fetch(redirect.headers.get('location')!);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(png);
    await visitor.close();
  });

  it('says an invitation-only event is not public', async () => {
    const context = await run.browser.newContext({ viewport: desktop, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${run.stack.url}/events/${orgId}/${privateId}`);
    await visible(page.getByRole('heading', { name: 'This event is not public', level: 1 }));
    expect(await page.getByText(/Board retreat/).count()).toBe(0);
    await context.close();
  });

  it('is linked from the conference page for its organizers, whose header shows the logo', async () => {
    const context = await run.browser.newContext({ viewport: desktop, locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(
      `${run.stack.url}/sign-in?next=${encodeURIComponent(`/conferences/${orgId}/${summitId}`)}`,
    );
    await signIn(page, owner().email, owner().password);
    await visible(page.getByRole('img', { name: 'Northwind Summit logo' }));
    await page.getByRole('link', { name: 'Public page' }).click();
    await page.waitForURL(`**/events/${orgId}/${summitId}`);
    await visible(page.getByRole('heading', { name: 'Northwind Summit', level: 1 }));
    await context.close();
  });
});
