import { describe, expect, it } from 'vitest';
import {
  desktop,
  isFocused,
  screenshots,
  sendInvitation,
  setUpStackAndBrowser,
  signIn,
  visible,
} from './browser';
import { linkIn, waitForEmail } from './stack';

const run = setUpStackAndBrowser();

describe('the dashboard in a browser', () => {
  it('reaches the sign-in button by keyboard and refuses a wrong password', async () => {
    const context = await run.browser.newContext({ viewport: desktop });
    const page = await context.newPage();
    await page.goto(`${run.stack.url}/`);
    await page.waitForURL('**/sign-in');
    await visible(page.getByRole('heading', { name: 'Sign in' }));

    const email = page.getByLabel('Email');
    for (let presses = 0; presses < 5 && !(await isFocused(email)); presses++)
      await page.keyboard.press('Tab');
    expect(await isFocused(email)).toBe(true);
    await page.keyboard.type(run.admin.email);
    await page.keyboard.press('Tab');
    expect(await isFocused(page.getByLabel('Password', { exact: true }))).toBe(true);
    await page.keyboard.type(`${run.admin.password}-wrong`);
    await page.keyboard.press('Tab');
    expect(await isFocused(page.getByRole('button', { name: 'Sign in' }))).toBe(true);
    await page.keyboard.press('Enter');

    const alert = await visible(
      page.getByRole('alert').filter({ hasText: 'The email or password is not correct' }),
    );
    expect(await alert.isVisible()).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await context.close();
  });

  it('lets an admin invite an owner who joins, signs in again and edits the profile', async () => {
    const orgName = 'Harbor Light Studio';
    const invitee = {
      email: 'mara@harborlight.example',
      name: 'Mara Lindqvist',
      password: 'tide pool lantern 42',
    };

    const adminContext = await run.browser.newContext({ viewport: desktop });
    const adminPage = await adminContext.newPage();
    await adminPage.goto(`${run.stack.url}/sign-in`);
    await signIn(adminPage, run.admin.email, run.admin.password);
    await adminPage.waitForURL('**/admin/organizations');
    await visible(adminPage.getByRole('heading', { name: 'Organizations', level: 1 }));

    await adminPage.getByRole('button', { name: 'New organization' }).click();
    const orgDialog = await visible(adminPage.getByRole('dialog', { name: 'New organization' }));
    await orgDialog.getByLabel('Name', { exact: true }).fill(orgName);
    expect(await orgDialog.getByLabel('Slug').inputValue()).toBe('harbor-light-studio');
    await orgDialog.getByLabel('Time zone').selectOption('Europe/Stockholm');
    await orgDialog
      .getByLabel('Allowed origins')
      .fill('https://harborlight.example\nhttps://www.harborlight.example');
    await orgDialog.getByLabel('Brand colour as hex').fill('#0b7285');
    await orgDialog.getByRole('button', { name: 'Create organization' }).click();
    await visible(adminPage.getByRole('link', { name: orgName, exact: true }));
    expect(await orgDialog.isVisible()).toBe(false);
    await screenshots(adminPage, 'admin-organizations');

    await adminPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
    await visible(adminPage.getByRole('heading', { name: 'Users', level: 1 }));
    await adminPage.getByRole('button', { name: 'Invite user' }).click();
    await sendInvitation(adminPage, { email: invitee.email, name: 'Mara', role: 'owner', orgName });
    const row = await visible(adminPage.getByRole('row').filter({ hasText: invitee.email }));
    expect(await row.textContent()).toMatch(new RegExp(`Owner.*${orgName}.*Invited`));
    await screenshots(adminPage, 'admin-users');
    await adminContext.close();

    const invitation = await waitForEmail(run.stack.url, invitee.email, /invit/i);
    const link = linkIn(invitation, '/invitation');
    expect(link.origin).toBe(run.stack.url);
    expect(link.searchParams.get('token')).toBeTruthy();

    const context = await run.browser.newContext({ viewport: desktop });
    const page = await context.newPage();
    await page.goto(link.href);
    await visible(page.getByRole('heading', { name: `Join ${orgName}` }));
    expect(await page.getByText(invitee.email).isVisible()).toBe(true);
    await page.getByLabel('Your name').fill(invitee.name);
    await page.getByLabel('Password', { exact: true }).fill(invitee.password);
    await page.getByRole('button', { name: 'Accept invitation' }).click();
    await page.waitForURL('**/dashboard');
    await visible(page.getByRole('heading', { name: orgName, level: 1 }));

    await page.getByRole('button', { name: /account menu/i }).click();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.waitForURL('**/sign-in?signed-out=here');
    await visible(page.getByRole('status').filter({ hasText: 'You are signed out' }));
    await signIn(page, invitee.email, invitee.password);
    await page.waitForURL('**/dashboard');
    await visible(page.getByRole('heading', { name: orgName, level: 1 }));
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    expect(stored, 'the access token stays in memory').not.toMatch(/eyJ/);
    expect(await context.cookies()).not.toContainEqual(expect.objectContaining({ httpOnly: false }));
    await visible(
      page
        .getByRole('region', { name: 'Engagement' })
        .getByText('Your agency has not started an engagement yet'),
    );

    const summary =
      'Photography and film for the west coast: harbours, lighthouses and the people who keep them.';
    const profile = page.getByRole('region', { name: 'Profile' });
    await profile.getByRole('button', { name: 'Edit profile' }).click();
    await profile.getByLabel('Summary').fill(summary);
    await profile.getByLabel('Website').fill('https://harborlight.example');
    await profile.getByLabel('X', { exact: true }).fill('https://x.com/harborlight');
    await profile.getByRole('button', { name: 'Save profile' }).click();
    await visible(profile.getByText(summary));

    const topics = page.getByRole('region', { name: 'Focus topics' });
    await topics.getByLabel('Add a focus topic').fill('Coastal heritage');
    await topics.getByRole('button', { name: 'Add' }).click();
    await visible(topics.getByRole('button', { name: 'Remove Coastal heritage' }));
    await screenshots(page, 'client-dashboard');

    await page.getByRole('button', { name: 'Customize dashboard' }).click();
    const layoutDialog = await visible(page.getByRole('dialog', { name: 'Customize dashboard' }));
    await layoutDialog.getByRole('button', { name: 'Move Activity up' }).click();
    expect(await isFocused(layoutDialog.getByRole('button', { name: 'Move Activity up' }))).toBe(true);
    await layoutDialog.getByLabel('Show Jobs').uncheck();
    await screenshots(page, 'customize-dashboard');
    await layoutDialog.getByRole('button', { name: 'Save layout' }).click();
    await layoutDialog.waitFor({ state: 'hidden' });

    await page.reload();
    await visible(page.getByRole('heading', { name: orgName, level: 1 }));
    const reloadedProfile = page.getByRole('region', { name: 'Profile' });
    await visible(reloadedProfile.getByText(summary));
    await visible(reloadedProfile.getByRole('link', { name: 'harborlight.example', exact: true }));
    await visible(reloadedProfile.getByRole('link', { name: /X\s+x\.com\/harborlight/ }));
    await visible(page.getByRole('region', { name: 'Focus topics' }).getByText('Coastal heritage'));
    const headings = await page.getByRole('heading', { level: 2 }).allTextContents();
    expect(headings).not.toContain('Jobs');
    expect(headings.indexOf('Activity')).toBeLessThan(headings.indexOf('Focus topics'));
    await context.close();
  });
});
