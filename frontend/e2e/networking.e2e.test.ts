import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { desktop, screenshots, setUpStackAndBrowser, signIn, visible } from './browser';
import { linkIn, waitForEmail } from './stack';

const run = setUpStackAndBrowser();
const password = 'correct horse battery staple';

// biome-ignore lint/suspicious/noExplicitAny: answers the test reads freely.
type Json = Record<string, any>;

const json = async (path: string, method: string, body: unknown, token?: string): Promise<Json> => {
  const response = await fetch(`${run.stack.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return text ? (JSON.parse(text) as Json) : {};
};

/** An event of Northwind Events with two attendees registered as guests (their accounts made on the way). */
const eventWithTwoAttendees = async () => {
  const owner = run.stack.signIns.find((s) => s.role === 'owner' && s.orgSlug === 'northwind-events');
  if (!owner) throw new Error('The stack printed no Northwind Events owner');
  const session = await json('/api/auth/sign-in', 'POST', { email: owner.email, password: owner.password });
  const orgId = session.user.orgId as string;
  const conference = await json(
    `/api/orgs/${orgId}/conferences`,
    'POST',
    { name: 'Meetup Day', startDate: '2027-09-01', endDate: '2027-09-01', timeZone: 'Europe/Berlin' },
    session.accessToken,
  );
  const people = [];
  for (const name of ['Ada Lovelace', 'Grace Hopper']) {
    const email = `${name.split(' ')[0]!.toLowerCase()}-${Date.now()}@example.com`;
    await json(
      `/api/orgs/${orgId}/conferences/${conference.id}/registrations`,
      'POST',
      { people: [{ email, name }] },
      session.accessToken,
    );
    const token = linkIn(
      await waitForEmail(run.stack.url, email, /invited you to/),
      '/conference-invitation',
    ).searchParams.get('token');
    await json('/api/public/conference-invitations/register', 'POST', { token, name, password, answers: {} });
    people.push({ email, name });
  }
  return { orgId, conferenceId: conference.id as string, people, ownerToken: session.accessToken as string };
};

/** A signed-in page of its own browser context (its own cookies), on the event's networking page. */
const openNetworking = async (path: string, email: string): Promise<Page> => {
  const context = await run.browser.newContext({ viewport: desktop, locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(`${run.stack.url}/sign-in?next=${encodeURIComponent(path)}`);
  await signIn(page, email, password);
  await visible(page.getByRole('status').filter({ hasText: 'Live' }));
  return page;
};

/** From the event's page, opens its chat as an attendee finds it, and joins the room named. */
const openEventRoom = async (page: Page, roomName: string) => {
  await page.getByRole('main').getByRole('link', { name: 'Chat', exact: true }).click();
  await page.getByRole('navigation', { name: 'Rooms' }).getByRole('button', { name: roomName }).click();
  await visible(page.getByRole('status').filter({ hasText: 'Live' }));
};

const listMyself = async (page: Page, company: string) => {
  const card = page.getByRole('form', { name: 'My card' });
  await card.getByLabel('Show me in the attendee directory').check();
  await card.getByLabel('Company').fill(company);
  await card.getByRole('button', { name: 'Save card' }).click();
  await visible(card.getByText('Saved.'));
};

describe('networking at an event', () => {
  it('lets one attendee ask another to connect, the other accept, both exchange a message live, then chat in the event’s own lobby until an organizer removes a message, and the organizer opens a private room for one of them from the event’s menu, adds the other from the room, and one leaves while the organizer takes the other out', async () => {
    const { orgId, conferenceId, people, ownerToken } = await eventWithTwoAttendees();
    const path = `/conferences/${orgId}/${conferenceId}/networking`;
    const [ada, grace] = await Promise.all(people.map((person) => openNetworking(path, person.email)));
    await listMyself(ada!, 'Analytical Engines');
    await listMyself(grace!, 'Navy Labs');

    const directory = ada!.getByRole('region', { name: 'Directory' });
    await directory.getByLabel('Search by name or company').fill('navy');
    const graceCard = directory.getByRole('listitem', { name: 'Grace Hopper' });
    await graceCard.getByRole('button', { name: 'Connect' }).click();
    await graceCard.getByLabel('Note').fill('Loved your talk on compilers');
    await graceCard.getByRole('button', { name: 'Send request' }).click();
    await visible(graceCard.getByText('Request sent'));

    // Grace's page hears about the request over its WebSocket: no reload.
    const incoming = grace!
      .getByRole('list', { name: 'Requests to you' })
      .getByRole('listitem', { name: 'Ada Lovelace' });
    await visible(incoming.getByText('Loved your talk on compilers'));
    await screenshots(grace!, 'networking-request');
    await incoming.getByRole('button', { name: 'Accept' }).click();
    const connection = (page: Page, name: string) =>
      page.getByRole('list', { name: 'Connections' }).getByRole('listitem', { name });
    await visible(connection(ada!, 'Grace Hopper'));

    await connection(grace!, 'Ada Lovelace').getByRole('button', { name: 'Message' }).click();
    await connection(ada!, 'Grace Hopper').getByRole('button', { name: 'Message' }).click();
    const text = 'Coffee at 3? ☕ <b>not bold</b>';
    const adaThread = ada!.getByRole('region', { name: 'Conversation with Grace Hopper' });
    await adaThread.getByLabel('Message to Grace Hopper').fill(text);
    await adaThread.getByRole('button', { name: 'Send' }).click();
    const graceThread = grace!.getByRole('region', { name: 'Conversation with Ada Lovelace' });
    await visible(graceThread.getByText(text, { exact: true }));
    await expect.poll(() => grace!.locator('.chat__text b').count()).toBe(0);

    await graceThread.getByLabel('Message to Ada Lovelace').fill('See you there');
    await graceThread.getByRole('button', { name: 'Send' }).click();
    await visible(adaThread.getByText('See you there', { exact: true }));
    // Both are on the page, so each shows the other online: in the conversation list and the thread.
    await visible(
      ada!.getByRole('list', { name: 'Conversations' }).getByRole('button', { name: /Grace Hopper.*Online/ }),
    );
    await visible(adaThread.getByRole('heading', { name: 'Grace Hopper Online' }));
    await connection(ada!, 'Grace Hopper').getByRole('button', { name: 'Contact details' }).click();
    await visible(connection(ada!, 'Grace Hopper').getByText(people[1]!.email));
    await screenshots(ada!, 'networking');

    // The event's chat rooms: both guests find them from the event's page; the organizer opens the lobby,
    // which the event has of its own (made by the chat module once the event's creation is handled).
    const eventPath = `/conferences/${orgId}/${conferenceId}`;
    const lobbies = async () => {
      const rooms = await fetch(`${run.stack.url}/api/orgs/${orgId}/conferences/${conferenceId}/chat/rooms`, {
        headers: { authorization: `Bearer ${ownerToken}` },
      }).then((response) => response.json() as Promise<Json>);
      return (rooms.items as Json[])
        .filter((room) => room.kind === 'lobby')
        .map((room) => room.name as string);
    };
    await expect.poll(lobbies, { timeout: 10_000 }).toEqual(['Lobby']);
    const lobby = 'Lobby';
    // One after the other: Grace's member list, read when she joins, then finds Ada in the room.
    for (const page of [ada!, grace!]) {
      await page.goto(`${run.stack.url}${eventPath}`);
      await openEventRoom(page, lobby);
    }
    const roomText = 'Who is up for the compiler workshop?';
    await ada!.getByRole('textbox', { name: 'Message', exact: true }).fill(roomText);
    await ada!.getByRole('button', { name: 'Send', exact: true }).click();
    for (const page of [ada!, grace!]) await visible(page.getByText(roomText, { exact: true }));
    // Grace sees Ada online in the room's member list: Ada opted into the directory.
    const members = grace!.getByRole('complementary', { name: 'Members' });
    await visible(members.getByRole('listitem').filter({ hasText: 'Ada Lovelace' }).getByText('Online'));
    await screenshots(grace!, 'event-chat');

    const owner = run.stack.signIns.find((s) => s.role === 'owner' && s.orgSlug === 'northwind-events')!;
    const organizerContext = await run.browser.newContext({ viewport: desktop, locale: 'en-US' });
    const organizer = await organizerContext.newPage();
    await organizer.goto(`${run.stack.url}/sign-in?next=${encodeURIComponent(eventPath)}`);
    await signIn(organizer, owner.email, owner.password);
    await openEventRoom(organizer, lobby);
    const message = organizer.getByRole('listitem').filter({ hasText: roomText });
    await message.getByRole('button', { name: 'Remove' }).click();
    for (const page of [ada!, grace!, organizer])
      await expect.poll(() => page.getByText(roomText, { exact: true }).count(), { timeout: 10_000 }).toBe(0);

    // The organizer's menu on the event's pages leads to its chat, where they open a private room for Ada.
    await organizer.goto(`${run.stack.url}${eventPath}/attendees`);
    await organizer.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Chat' }).click();
    const newRoom = organizer.getByRole('form', { name: 'New private room' });
    await newRoom.getByLabel('New private room').fill('Speakers lounge');
    await newRoom.getByLabel('Ada Lovelace').check();
    await newRoom.getByRole('button', { name: 'Create private room' }).click();
    const organizerRooms = organizer.getByRole('navigation', { name: 'Rooms' });
    await visible(organizerRooms.getByRole('button', { name: /Speakers lounge/ }));
    await visible(organizer.getByRole('status').filter({ hasText: 'Live' }));
    for (const page of [ada!, grace!]) await page.reload();
    await visible(
      ada!.getByRole('navigation', { name: 'Rooms' }).getByRole('button', { name: /Speakers lounge/ }),
    );
    await visible(grace!.getByRole('navigation', { name: 'Rooms' }).getByRole('button', { name: /Lobby/ }));
    expect(
      await grace!
        .getByRole('navigation', { name: 'Rooms' })
        .getByRole('button', { name: /Speakers lounge/ })
        .count(),
    ).toBe(0);

    // From the room's member list the organizer adds Grace, picked from the event's roster.
    const sidebar = organizer.getByRole('complementary', { name: 'Members' });
    const addForm = sidebar.getByRole('form', { name: 'Add someone to the room' });
    await addForm.getByLabel('Add someone').selectOption({ label: 'Grace Hopper (attendee)' });
    await addForm.getByRole('button', { name: 'Add' }).click();
    await visible(sidebar.getByRole('listitem').filter({ hasText: 'Grace Hopper' }));
    await screenshots(organizer, 'event-chat-members');
    await grace!.reload();
    const graceRooms = grace!.getByRole('navigation', { name: 'Rooms' });
    await graceRooms.getByRole('button', { name: /Speakers lounge/ }).click();
    await visible(grace!.getByRole('status').filter({ hasText: 'Live' }));
    // Grace leaves; the room is gone from her list.
    await grace!
      .getByRole('complementary', { name: 'Members' })
      .getByRole('button', { name: 'Leave room' })
      .click();
    await expect
      .poll(() => graceRooms.getByRole('button', { name: /Speakers lounge/ }).count(), { timeout: 10_000 })
      .toBe(0);
    // The organizer takes Ada out: her list loses the room too.
    await organizer.reload();
    await sidebar.getByRole('button', { name: 'Remove Ada Lovelace from the room' }).click();
    await expect
      .poll(() => sidebar.getByRole('listitem').filter({ hasText: 'Ada Lovelace' }).count(), {
        timeout: 10_000,
      })
      .toBe(0);
    await ada!.reload();
    await visible(ada!.getByRole('navigation', { name: 'Rooms' }).getByRole('button', { name: /Lobby/ }));
    expect(
      await ada!
        .getByRole('navigation', { name: 'Rooms' })
        .getByRole('button', { name: /Speakers lounge/ })
        .count(),
    ).toBe(0);
  });
});
