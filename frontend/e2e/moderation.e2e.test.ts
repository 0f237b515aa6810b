import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { desktop, screenshots, setUpStackAndBrowser, signIn, visible } from './browser';
import { linkIn, waitForEmail } from './stack';

const run = setUpStackAndBrowser();

const brightside = (role: 'owner' | 'member') => {
  const found = run.stack.signIns.find((s) => s.role === role && s.orgSlug === 'brightside-plumbing');
  if (!found) throw new Error(`The stack printed no Brightside Plumbing ${role}`);
  return found;
};

const json = async (path: string, init: { token?: string; body?: unknown; method?: string } = {}) => {
  const response = await fetch(`${run.stack.url}${path}`, {
    method: init.method ?? (init.body ? 'POST' : 'GET'),
    headers: {
      'content-type': 'application/json',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
    },
    body: init.body ? JSON.stringify(init.body) : undefined,
  });
  expect(response.ok, `${path}: ${response.status}`).toBe(true);
  // biome-ignore lint/suspicious/noExplicitAny: answers are JSON the test reads freely.
  return (await response.json()) as Record<string, any>;
};

const signInByApi = (email: string, password: string) =>
  json('/api/auth/sign-in', { body: { email, password } }) as Promise<{
    accessToken: string;
    user: { id: string; orgId: string };
  }>;

/** A second attendee of Brightside Plumbing: invited by the operator admin, joined with a password. */
const secondAttendee = async (orgId: string) => {
  const admin = await signInByApi(run.admin.email, run.admin.password);
  const email = 'rosa@brightside-plumbing.example';
  await json('/api/users', {
    token: admin.accessToken,
    body: { email, name: 'Rosa Attendee', role: 'member', orgId },
  });
  const token = linkIn(
    await waitForEmail(run.stack.url, email, /invited you/),
    '/invitation',
  ).searchParams.get('token');
  const password = 'quiet harbour lantern 77';
  await json('/api/auth/invitations/accept', { body: { token, name: 'Rosa Attendee', password } });
  return { email, password };
};

/** A signed-in page of its own browser context (its own cookies) at `path`. */
const openPage = async (person: { email: string; password: string }, path: string): Promise<Page> => {
  const context = await run.browser.newContext({ viewport: desktop, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${run.stack.url}/sign-in?next=${encodeURIComponent(path)}`);
  await signIn(page, person.email, person.password);
  return page;
};

describe("an event's chat room with two attendees and an organizer", () => {
  it('shows a message on both screens without reload, and takes it off both when an organizer deletes it from the queue', async () => {
    const owner = await signInByApi(brightside('owner').email, brightside('owner').password);
    const orgId = owner.user.orgId;
    const conference = await json(`/api/orgs/${orgId}/conferences`, {
      token: owner.accessToken,
      body: {
        name: 'Plumbing Expo',
        startDate: '2027-06-01',
        endDate: '2027-06-01',
        timeZone: 'UTC',
        privacy: 'unlisted',
      },
    });
    const room = await json(`/api/orgs/${orgId}/chat/rooms`, {
      token: owner.accessToken,
      body: { name: 'Expo lobby', kind: 'lobby', conferenceId: conference.id },
    });
    const rosa = await secondAttendee(orgId);
    // Rooms of an event take the people on its roster: both attend.
    for (const person of [
      { email: brightside('member').email, name: 'Sam' },
      { email: rosa.email, name: 'Rosa Attendee' },
    ])
      await json(`/api/orgs/${orgId}/conferences/${conference.id}/attendees`, {
        token: owner.accessToken,
        body: person,
      });
    const chatPath = `/chat?room=${room.id}`;
    const [sam, other] = await Promise.all([
      openPage(brightside('member'), chatPath),
      openPage(rosa, chatPath),
    ]);
    for (const page of [sam, other]) await visible(page.getByRole('status').filter({ hasText: 'Live' }));

    const text = 'Cheap watches <b>here</b> =HYPERLINK("x")';
    await sam.getByRole('textbox', { name: 'Message' }).fill(text);
    await sam.getByRole('button', { name: 'Send' }).click();
    for (const page of [sam, other]) await visible(page.getByText(text, { exact: true }));
    expect(await other.locator('.chat__text b').count()).toBe(0);

    await other.getByRole('button', { name: 'Report' }).click();
    const dialog = await visible(other.getByRole('dialog', { name: 'Report message' }));
    await dialog.getByLabel('Reason').selectOption('spam');
    await dialog.getByLabel('Note').fill('Not about plumbing');
    await dialog.getByRole('button', { name: 'Send report' }).click();
    await visible(other.getByText('Reported to the organizers'));

    const organizer = await openPage(
      brightside('owner'),
      `/conferences/${orgId}/${conference.id}/moderation`,
    );
    const queue = await visible(organizer.getByRole('region', { name: 'Reported messages' }));
    await visible(queue.getByText(text, { exact: true }));
    await visible(queue.getByText('Not about plumbing'));
    await screenshots(organizer, 'moderation-queue');
    await queue.getByRole('button', { name: 'Delete message' }).click();
    await visible(organizer.getByText('Message deleted and report resolved.'));

    for (const page of [sam, other])
      await expect.poll(() => page.getByText(text, { exact: true }).count(), { timeout: 10_000 }).toBe(0);
    await visible(queue.getByText('No open reports.'));
  });
});
