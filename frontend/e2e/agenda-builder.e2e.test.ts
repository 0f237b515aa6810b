import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, wallClockIn } from '../src/lib/zoned-time';
import { desktop, screenshots, setUpStackAndBrowser, signIn, visible } from './browser';

const run = setUpStackAndBrowser();

// Northwind Events' owner organizes its events; the builder's event is in Berlin, the browser in New York.
const zone = 'Europe/Berlin';
let token: string;
let orgId: string;

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
  return response.status === 204 ? undefined : response.json();
};

interface Item {
  readonly id: string;
  readonly title: string;
  readonly start: string;
  readonly end: string;
  readonly track: string;
  readonly version: number;
}

const createConference = async (startDate: string, endDate: string, timeZone: string) =>
  (await api('POST', `/api/orgs/${orgId}/conferences`, {
    name: `Builder Days ${Date.now()}`,
    startDate,
    endDate,
    timeZone,
  })) as { id: string };

const addItem = async (conferenceId: string, body: Record<string, unknown>) =>
  (await api('POST', `/api/orgs/${orgId}/conferences/${conferenceId}/agenda`, body)) as Item;

const itemOf = async (conferenceId: string, itemId: string) =>
  (await api('GET', `/api/orgs/${orgId}/conferences/${conferenceId}/agenda/${itemId}`)) as Item;

/** Whether the builder's socket passes `conference.agenda` frames on to the page (see `openAs`). */
let agendaFramesHeld = false;

const openAs = async (path: string, { holdable = false } = {}): Promise<Page> => {
  const owner = run.stack.signIns.find((s) => s.role === 'owner' && s.orgSlug === 'northwind-events')!;
  const context = await run.browser.newContext({
    viewport: desktop,
    locale: 'en-US',
    timezoneId: 'America/New_York',
  });
  const page = await context.newPage();
  // A holdable page's socket goes through a relay that can drop agenda frames, as if they were missed.
  if (holdable)
    await page.routeWebSocket(/\/ws\?/, (socket) => {
      const server = socket.connectToServer();
      server.onMessage((message) => {
        if (agendaFramesHeld && String(message).includes('"conference.agenda"')) return;
        socket.send(message);
      });
    });
  await page.goto(`${run.stack.url}/sign-in?next=${encodeURIComponent(path)}`);
  await signIn(page, owner.email, owner.password);
  return page;
};

const block = (page: Page, title: string) => page.locator('.agenda-block', { hasText: title });
/** Waits for the live region to say `text`; says what it said instead (and keeps a screenshot) if not. */
const announced = async (page: Page, text: string) => {
  const region = page.getByRole('status').filter({ hasText: text });
  try {
    await region.waitFor({ state: 'attached', timeout: 10_000 });
  } catch {
    const said = await page.getByRole('status').allTextContents();
    await visible(region, 1).catch(() => undefined);
    throw new Error(`Expected the announcement “${text}”; the page said ${JSON.stringify(said)}`);
  }
};

beforeAll(async () => {
  const owner = run.stack.signIns.find((s) => s.role === 'owner' && s.orgSlug === 'northwind-events')!;
  const session = await fetch(`${run.stack.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: owner.email, password: owner.password }),
  });
  const signedIn = (await session.json()) as { accessToken: string; user: { orgId: string } };
  token = signedIn.accessToken;
  orgId = signedIn.user.orgId;
});

describe('the agenda builder', () => {
  it('moves sessions by dragging and by keyboard, flags overlaps, follows another organizer live, and reloads on a stale edit', async () => {
    const conference = await createConference('2027-06-10', '2027-06-11', zone);
    const speaker = (await api('POST', `/api/orgs/${orgId}/conferences/${conference.id}/speakers`, {
      name: 'Rosa Diaz',
      title: 'CTO',
    })) as { id: string };
    const day = '2027-06-10';
    const keynote = await addItem(conference.id, {
      title: 'Keynote',
      track: 'Main',
      start: `${day}T09:00`,
      end: `${day}T10:00`,
    });
    const workshop = await addItem(conference.id, {
      title: 'Workshop',
      track: 'Labs',
      start: `${day}T09:00`,
      end: `${day}T10:00`,
    });
    const panel = await addItem(conference.id, {
      title: 'Panel',
      track: 'Main',
      start: `${day}T11:00`,
      end: `${day}T12:00`,
      speakerIds: [speaker.id],
    });
    const fireside = await addItem(conference.id, {
      title: 'Fireside',
      track: 'Labs',
      start: `${day}T13:00`,
      end: `${day}T14:00`,
      speakerIds: [speaker.id],
    });

    const page = await openAs(`/conferences/${orgId}/${conference.id}/agenda-builder`, { holdable: true });
    await visible(page.getByText('Times in the event’s zone, Europe/Berlin'));
    await visible(block(page, 'Keynote'));

    // Drag the keynote one hour down (four 15-minute rows) and one column left: the tracks read Labs, Main.
    const box = (await block(page, 'Keynote').boundingBox())!;
    const column = (await page.locator('.agenda-builder__track').nth(1).boundingBox())!;
    const row = box.height / 4;
    await page.mouse.move(box.x + box.width / 2, box.y + 10);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 - column.width / 2, box.y + 10 + row * 2, { steps: 5 });
    await page.mouse.move(box.x + box.width / 2 - column.width, box.y + 10 + row * 4, { steps: 5 });
    await page.mouse.up();
    await announced(page, 'Saved: Keynote at 10:00–11:00, Labs.');
    expect(await itemOf(conference.id, keynote.id)).toMatchObject({
      track: 'Labs',
      start: `${day}T10:00`,
      end: `${day}T11:00`,
    });

    // Drag the keynote's lower edge down by one row: it ends a quarter of an hour later.
    const moved = (await block(page, 'Keynote').boundingBox())!;
    await page.mouse.move(moved.x + moved.width / 2, moved.y + moved.height - 3);
    await page.mouse.down();
    await page.mouse.move(moved.x + moved.width / 2, moved.y + moved.height - 3 + row, { steps: 4 });
    await page.mouse.up();
    await announced(page, 'Saved: Keynote at 10:00–11:15, Labs.');

    // Keyboard: Escape cancels a step; arrows move by a slot, Shift+arrow lengthens, Enter saves.
    await block(page, 'Panel').focus();
    await page.keyboard.press('ArrowLeft');
    await announced(page, 'Panel: 11:00–12:00, Labs. Enter saves, Escape cancels.');
    await page.keyboard.press('Escape');
    await announced(page, 'Not moved: Panel stays at 11:00–12:00, Main.');
    for (let step = 0; step < 6; step++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await announced(page, 'Panel: 12:30–13:45, Main. Enter saves, Escape cancels.');
    await page.keyboard.press('Enter');
    await announced(page, 'Saved: Panel at 12:30–13:45, Main.');
    expect(await itemOf(conference.id, panel.id)).toMatchObject({
      track: 'Main',
      start: `${day}T12:30`,
      end: `${day}T13:45`,
      version: 2,
    });
    // Rosa now speaks in two sessions at once: both are flagged.
    await visible(block(page, 'Panel').getByText('Overlap: Rosa Diaz is also in “Fireside”'));
    await visible(block(page, 'Fireside').getByText('Overlap: Rosa Diaz is also in “Panel”'));
    await screenshots(page, 'agenda-builder');

    // Another organizer moves the fireside an hour later: the grid follows over the live channel, and
    // the overlap it had with the panel is gone.
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    await api('PATCH', `/api/orgs/${orgId}/conferences/${conference.id}/agenda/${fireside.id}`, {
      version: fireside.version,
      title: 'Fireside chat',
      start: `${day}T14:00`,
      end: `${day}T15:00`,
    });
    await visible(block(page, 'Fireside chat'), 10_000);
    await expect
      .poll(() => block(page, 'Panel').getByText('Overlap: Rosa Diaz').count(), { timeout: 10_000 })
      .toBe(0);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );

    // Someone else renames the workshop while the page misses that frame: the stale move is refused,
    // said, and the grid reloads.
    agendaFramesHeld = true;
    await api('PATCH', `/api/orgs/${orgId}/conferences/${conference.id}/agenda/${workshop.id}`, {
      version: workshop.version,
      title: 'Workshop: advanced',
    });
    // Long enough for the frame to have arrived, had it been let through.
    await page.waitForTimeout(1500);
    expect(await block(page, 'Workshop: advanced').count()).toBe(0);
    await block(page, 'Workshop').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await visible(
      page
        .getByRole('alert')
        .getByText('Someone else changed “Workshop” meanwhile, so your move was not saved.', {
          exact: false,
        }),
    );
    await visible(block(page, 'Workshop: advanced'));
    expect(await itemOf(conference.id, workshop.id)).toMatchObject({ start: `${day}T09:00`, version: 2 });
    agendaFramesHeld = false;
  });

  it('shows a session turning live without a reload, pushed over the WebSocket', async () => {
    const now = Date.now();
    const today = wallClockIn('UTC', now).slice(0, 10);
    const conference = await createConference(today, addDays(today, 2), 'UTC');
    const tomorrow = now + 86_400_000;
    const item = await addItem(conference.id, {
      title: 'Opening stream',
      start: wallClockIn('UTC', tomorrow),
      end: wallClockIn('UTC', tomorrow + 1_800_000),
      stream: 'https://vimeo.com/76979871',
    });
    const page = await openAs(`/conferences/${orgId}/${conference.id}`);
    const session = page.locator('.agenda-item', { hasText: 'Opening stream' });
    await visible(session.getByText('Scheduled'));
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    // Let the page's socket subscribe, then move the session to start three minutes after the pinned clock.
    await page.waitForTimeout(1500);
    await api('PATCH', `/api/orgs/${orgId}/conferences/${conference.id}/agenda/${item.id}`, {
      version: item.version,
      start: wallClockIn('UTC', now + 180_000),
      end: wallClockIn('UTC', now + 1_980_000),
    });
    const pinned = await fetch(`${run.stack.url}/_local/clock`, {
      method: 'POST',
      body: JSON.stringify({ at: new Date(now).toISOString() }),
    });
    expect(pinned.ok).toBe(true);
    const tick = await fetch(`${run.stack.url}/_local/schedules/due-work/every-minute`, { method: 'POST' });
    expect(tick.status).toBe(204);
    // Well inside the 20 s poll: the push brought it.
    await visible(session.getByText('Live now'), 10_000);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(
      true,
    );
  });
});
