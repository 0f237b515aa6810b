import { describe, expect, it } from 'vitest';
import { desktop, screenshots, setUpStackAndBrowser, signIn, visible } from './browser';

const run = setUpStackAndBrowser();

const account = 'office@brightside-plumbing.example';

describe("an organization's Google Workspace", () => {
  it('is connected by the owner from the dashboard, shown with its account, and disconnected again', async () => {
    const owner = run.stack.signIns.find((s) => s.role === 'owner' && s.orgSlug === 'brightside-plumbing');
    if (!owner) throw new Error('The stack printed no Brightside Plumbing owner');
    const context = await run.browser.newContext({ viewport: desktop });
    const page = await context.newPage();
    await page.goto(`${run.stack.url}/sign-in`);
    await signIn(page, owner.email, owner.password);
    await page.waitForURL('**/dashboard');

    const card = page.getByRole('region', { name: 'Google Workspace' });
    await visible(card.getByText('Not connected', { exact: true }));
    await card.getByRole('button', { name: 'Connect Google Workspace' }).click();
    await page.waitForURL('**/_google/o/oauth2/v2/auth?**');
    await visible(page.getByText('Send email on your behalf'));
    await page.getByLabel('Signed in as').fill(account);
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL('**/dashboard');
    await visible(card.getByText('Connected', { exact: true }));
    await visible(page.getByText(`Google Workspace is connected (${account}).`));
    expect(await card.textContent()).toContain(account);
    expect(await card.textContent()).toContain('Local Google stand-in');
    await screenshots(page, 'owner-google-workspace-connected');

    await card.getByRole('button', { name: 'Disconnect' }).click();
    const dialog = await visible(page.getByRole('dialog', { name: 'Disconnect Google Workspace?' }));
    await dialog.getByRole('button', { name: 'Disconnect' }).click();
    await visible(card.getByText('Not connected', { exact: true }));
    await context.close();
  });

  it("lets an operator admin connect it from the organization's page, and explains a denied consent", async () => {
    const context = await run.browser.newContext({ viewport: desktop });
    const page = await context.newPage();
    await page.goto(`${run.stack.url}/sign-in`);
    await signIn(page, run.admin.email, run.admin.password);
    await page.waitForURL('**/admin/organizations');
    await page.getByRole('link', { name: 'Northwind Events' }).first().click();
    await page.waitForURL('**/admin/organizations/*');
    const organizationPage = page.url();

    const card = page.getByRole('region', { name: 'Google Workspace' });
    await card.getByRole('button', { name: 'Connect Google Workspace' }).click();
    await page.waitForURL('**/_google/o/oauth2/v2/auth?**');
    await page.getByRole('button', { name: 'Deny' }).click();
    await page.waitForURL('**/google-workspace/callback?**');
    const alert = await visible(
      page.getByRole('alert').filter({ hasText: 'Google Workspace was not connected' }),
    );
    expect(await alert.textContent()).toContain('You chose not to give Portico access');
    await screenshots(page, 'admin-google-workspace-denied');

    await alert.getByRole('button', { name: 'Try again' }).click();
    await page.waitForURL('**/_google/o/oauth2/v2/auth?**');
    await page.getByLabel('Signed in as').fill('office@northwind.example');
    await page.getByRole('button', { name: 'Allow' }).click();
    await page.waitForURL(organizationPage);
    await visible(card.getByText('Connected', { exact: true }));
    expect(await card.textContent()).toContain('office@northwind.example');
    await context.close();
  });
});
