import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { desktop, screenshots, setUpStackAndBrowser, signIn, visible } from './browser';

const run = setUpStackAndBrowser();

const brightside = (role: 'owner' | 'member') => {
  const found = run.stack.signIns.find((s) => s.role === role && s.orgSlug === 'brightside-plumbing');
  if (!found) throw new Error(`The stack printed no Brightside Plumbing ${role}`);
  return found;
};

/** A signed-in page of its own browser context (its own cookies), on the given chat room. */
const openRoom = async (role: 'owner' | 'member', roomId: string): Promise<Page> => {
  const context = await run.browser.newContext({ viewport: desktop, locale: 'en-US' });
  const page = await context.newPage();
  const person = brightside(role);
  await page.goto(`${run.stack.url}/sign-in?next=${encodeURIComponent(`/chat?room=${roomId}`)}`);
  await signIn(page, person.email, person.password);
  await visible(page.getByRole('status').filter({ hasText: 'Live' }));
  return page;
};

const signedIn = async (role: 'owner' | 'member') => {
  const person = brightside(role);
  const session = await fetch(`${run.stack.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: person.email, password: person.password }),
  });
  return (await session.json()) as { accessToken: string; user: { orgId: string; name: string } };
};

const createLobby = async () => {
  const { accessToken, user } = await signedIn('owner');
  const created = await fetch(`${run.stack.url}/api/orgs/${user.orgId}/chat/rooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({ name: 'Team lobby', kind: 'lobby' }),
  });
  expect(created.status).toBe(201);
  return ((await created.json()) as { id: string }).id;
};

describe('a chat room with two people', () => {
  it('shows a message on both screens without reload, and takes it away on both when its author deletes it', async () => {
    const roomId = await createLobby();
    const [owner, member] = await Promise.all([openRoom('owner', roomId), openRoom('member', roomId)]);
    const text = 'Kick-off at 10 🎉 <b>not bold</b>';

    await owner.getByRole('textbox', { name: 'Message' }).fill(text);
    await owner.getByRole('button', { name: 'Send' }).click();
    for (const page of [owner, member]) await visible(page.getByText(text, { exact: true }));
    await expect.poll(() => member.locator('.chat__text b').count()).toBe(0);

    await visible(
      member.getByRole('complementary', { name: 'Members' }).getByText('Online', { exact: true }).first(),
    );
    await screenshots(member, 'chat-room');
    expect(await member.getByRole('button', { name: 'Delete' }).count()).toBe(0);

    await owner.getByRole('button', { name: 'Delete' }).click();
    for (const page of [owner, member])
      await expect.poll(() => page.getByText(text, { exact: true }).count(), { timeout: 10_000 }).toBe(0);
  });

  it('lets the owner open a private room and add a colleague from its member list, who then finds it and can leave it', async () => {
    const roomId = await createLobby();
    const [owner, member] = await Promise.all([openRoom('owner', roomId), openRoom('member', roomId)]);
    const newRoom = owner.getByRole('navigation', { name: 'Rooms' });
    await newRoom.getByLabel('New room').fill('Van crew');
    await newRoom.getByRole('button', { name: 'Create room' }).click();
    await visible(owner.getByRole('status').filter({ hasText: 'Live' }));
    const sidebar = owner.getByRole('complementary', { name: 'Members' });
    const colleague = await signedIn('member');
    const addForm = sidebar.getByRole('form', { name: 'Add someone to the room' });
    await addForm.getByLabel('Add someone').selectOption({ label: `${colleague.user.name} (member)` });
    await addForm.getByRole('button', { name: 'Add' }).click();
    await visible(sidebar.getByRole('listitem').filter({ hasText: colleague.user.name }));

    // The colleague's open page finds the room at its next refresh of the list (every 15 s).
    const memberRooms = member.getByRole('navigation', { name: 'Rooms' });
    await expect
      .poll(() => memberRooms.getByRole('button', { name: /Van crew/ }).count(), { timeout: 30_000 })
      .toBe(1);
    await memberRooms.getByRole('button', { name: /Van crew/ }).click();
    await visible(member.getByRole('status').filter({ hasText: 'Live' }));
    await member
      .getByRole('complementary', { name: 'Members' })
      .getByRole('button', { name: 'Leave room' })
      .click();
    await expect
      .poll(() => memberRooms.getByRole('button', { name: /Van crew/ }).count(), { timeout: 10_000 })
      .toBe(0);
  });
});
