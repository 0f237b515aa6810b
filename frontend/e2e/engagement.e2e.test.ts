import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
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

const orgName = 'Lantern Bay Surf School';
const projectName = 'Summer Swell Series';
const owner = { email: 'ines@lanternbay.example', name: 'Ines Moreau', password: 'salt spray longboard 7' };
const ticked = 'Intro call or message: goals, audience and timeline';
const skipped = 'Confirm the project fits (audience size, topic, budget)';
const note = 'Our busiest weeks are in July, so the first Space should be in June.';
// The template has 32 tasks: one done and one skipped is 1 of 31.
const percentAfterOwner = Math.round((1 / 31) * 100);

/** The value a progress bar announces, as a number. */
const progressOf = async (page: Page, scope = page.getByRole('region', { name: 'Engagement' })) =>
  Number(await scope.getByRole('progressbar', { name: 'Overall progress' }).getAttribute('aria-valuenow'));

describe('an engagement from start to download', () => {
  it('is started by the admin, ticked by the client and followed up in the overview and history', async () => {
    const adminContext = await run.browser.newContext({ viewport: desktop });
    const adminPage = await adminContext.newPage();
    await adminPage.goto(`${run.stack.url}/sign-in`);
    await signIn(adminPage, run.admin.email, run.admin.password);
    await adminPage.waitForURL('**/admin/organizations');

    // A new organization, and its engagement from the template.
    await adminPage.getByRole('button', { name: 'New organization' }).click();
    const orgDialog = await visible(adminPage.getByRole('dialog', { name: 'New organization' }));
    await orgDialog.getByLabel('Name', { exact: true }).fill(orgName);
    await orgDialog.getByRole('button', { name: 'Create organization' }).click();
    await orgDialog.waitFor({ state: 'hidden' });
    await adminPage.getByRole('link', { name: orgName, exact: true }).click();
    await visible(adminPage.getByRole('heading', { name: orgName, level: 1 }));

    const adminEngagement = adminPage.getByRole('region', { name: 'Engagement' });
    await visible(adminEngagement.getByRole('button', { name: 'Start engagement' }));
    expect(await adminEngagement.getByLabel('Allow the client to tick tasks').isChecked()).toBe(true);
    await adminEngagement.getByRole('button', { name: 'Start engagement' }).click();
    await visible(adminEngagement.getByRole('alert').filter({ hasText: 'Please name the project.' }));
    expect(await adminEngagement.getByLabel('Project name').getAttribute('aria-invalid')).toBe('true');
    await adminEngagement.getByLabel('Project name').fill(projectName);
    await adminEngagement.getByRole('button', { name: 'Start engagement' }).click();
    await visible(adminEngagement.getByText(projectName, { exact: true }));
    expect(await progressOf(adminPage)).toBe(0);
    await visible(
      adminEngagement.getByRole('button', {
        name: /Phase 1: Initial Contact & Qualification/,
        expanded: true,
      }),
    );
    expect(
      await adminEngagement
        .getByRole('button', { name: /Phase 2: Planning & Agreement/ })
        .getAttribute('aria-expanded'),
    ).toBe('false');

    // The owner is invited and joins from the emailed link.
    await adminPage.getByRole('link', { name: 'Invite user' }).click();
    await sendInvitation(adminPage, { email: owner.email, name: 'Ines', role: 'owner', orgName });

    const invitation = await waitForEmail(run.stack.url, owner.email, /invit/i);
    const ownerContext = await run.browser.newContext({ viewport: desktop });
    const ownerPage = await ownerContext.newPage();
    await ownerPage.goto(linkIn(invitation, '/invitation').href);
    await ownerPage.getByLabel('Your name').fill(owner.name);
    await ownerPage.getByLabel('Password', { exact: true }).fill(owner.password);
    await ownerPage.getByRole('button', { name: 'Accept invitation' }).click();
    await ownerPage.waitForURL('**/dashboard');

    // The owner ticks one task with the mouse and skips another from the keyboard, then adds a note.
    const engagement = ownerPage.getByRole('region', { name: 'Engagement' });
    await visible(engagement.getByText(projectName, { exact: true }));
    expect(await progressOf(ownerPage)).toBe(0);
    await engagement.getByRole('checkbox', { name: ticked }).click();
    await visible(engagement.getByRole('checkbox', { name: ticked, checked: true }));

    const skip = engagement.getByRole('button', { name: `Skip ${skipped}` });
    await skip.focus();
    await ownerPage.keyboard.press('Enter');
    await visible(engagement.getByRole('button', { name: `Skip ${skipped}`, pressed: true }));
    expect(await isFocused(skip), 'focus stays on the control that was used').toBe(true);
    expect(await engagement.getByRole('checkbox', { name: skipped }).isChecked()).toBe(false);
    expect(await progressOf(ownerPage)).toBe(percentAfterOwner);

    await engagement.getByLabel('Add a note').fill(note);
    await engagement.getByRole('button', { name: 'Add note' }).click();
    await visible(engagement.getByRole('list', { name: 'Notes, newest first' }).getByText(note));
    expect(await engagement.getByLabel('Add a note').inputValue()).toBe('');
    await screenshots(ownerPage, 'client-engagement');

    // The admin finds the organization in the overview with the new percentage.
    await adminPage
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Engagements' })
      .click();
    await visible(adminPage.getByRole('heading', { name: 'Engagements', level: 1 }));
    await adminPage.getByLabel('Search engagements').fill('lantern');
    const row = adminPage.getByRole('row').filter({ hasText: orgName });
    await visible(row);
    await visible(adminPage.getByText('Showing 1 engagement, all loaded'));
    expect(await row.textContent()).toContain(projectName);
    expect(await row.textContent()).toContain(`${percentAfterOwner}%`);
    expect(await row.textContent()).toContain(`by ${owner.name}`);
    expect(await row.textContent()).toContain('Phase 1: Initial Contact & Qualification');
    await adminPage.getByLabel('Search engagements').fill('');
    await visible(adminPage.getByRole('row').filter({ hasText: 'Brightside Plumbing' }));
    await screenshots(adminPage, 'admin-engagements');

    await adminPage.getByRole('link', { name: orgName, exact: true }).click();
    await adminPage.waitForURL((url) => url.searchParams.has('engagement'));
    await visible(adminEngagement.getByRole('checkbox', { name: ticked, checked: true }));
    expect(await progressOf(adminPage)).toBe(percentAfterOwner);
    await visible(adminEngagement.getByRole('button', { name: `Skip ${skipped}`, pressed: true }));

    // The history holds the two versions the owner made, on top of the one the admin started with.
    const history = adminEngagement.getByRole('list', { name: 'Versions, newest first' });
    await visible(history.getByText('Version 3', { exact: true }));
    const versions = await history.getByRole('listitem').allTextContents();
    expect(versions).toHaveLength(3);
    expect(versions[0]).toContain(`Marked "${skipped}" skipped`);
    expect(versions[0]).toContain(owner.name);
    expect(versions[1]).toContain(`Marked "${ticked}" done`);
    expect(versions[1]).toContain(owner.name);
    expect(versions[2]).toContain('Created from the template');
    await visible(adminEngagement.getByRole('list', { name: 'Notes, newest first' }).getByText(note));

    await adminEngagement
      .getByRole('button', { name: 'Compare with previous (version 3 with version 2)' })
      .click();
    const diffDialog = await visible(adminPage.getByRole('dialog', { name: 'Changes in version 3' }));
    const diff = await visible(
      diffDialog.getByRole('region', { name: 'Changes from version 2 to version 3' }),
    );
    expect(await diff.locator('del').allTextContents()).toEqual([`−* [ ] ${skipped}\n`]);
    expect(await diff.locator('ins').allTextContents()).toEqual([`+* [-] ${skipped}\n`]);
    await screenshots(adminPage, 'admin-engagement-diff');
    await diffDialog.getByRole('button', { name: 'Close dialog' }).click();
    await screenshots(adminPage, 'admin-organization-engagement');

    // The download is the markdown file with the ticked task marked `[x]`.
    const [download] = await Promise.all([
      adminPage.waitForEvent('download'),
      adminEngagement.getByRole('button', { name: 'Download checklist' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('todo_Summer_Swell_Series.md');
    const markdown = await readFile(await download.path(), 'utf8');
    expect(markdown).toContain(`* [x] ${ticked}`);
    expect(markdown).toContain(`* [-] ${skipped}`);
    expect(markdown).toContain('* [ ] Collect the project summary, website and X profile');

    // A tick from a page that is one version behind is merged onto the newer version; the page says so.
    const next = 'Collect the project summary, website and X profile';
    const focus = 'Agree on two or three focus topics';
    await engagement.getByRole('checkbox', { name: next }).click();
    await visible(engagement.getByRole('checkbox', { name: next, checked: true }));
    await adminEngagement.getByRole('checkbox', { name: focus }).click();
    await visible(adminPage.getByRole('status').filter({ hasText: 'Someone else had changed other tasks' }));
    await visible(adminEngagement.getByRole('checkbox', { name: next, checked: true }));
    await visible(adminEngagement.getByRole('checkbox', { name: focus, checked: true }));

    // A file without phase headings, uploaded as a file: its heading is the phase, [>] shows as written.
    await adminEngagement.getByRole('button', { name: 'Upload file' }).click();
    const uploadDialog = await visible(adminPage.getByRole('dialog', { name: 'Upload file' }));
    await uploadDialog.getByLabel('Checklist file').setInputFiles({
      name: 'todo_Beach_Day.md',
      mimeType: 'text/markdown',
      buffer: Buffer.from(
        '# Beach day kit\r\n\r\n- [x] Board rental quotes\r\n- [>] Sponsor wetsuits\r\n- [ ] Lifeguard on the beach\r\n',
      ),
    });
    await uploadDialog.getByRole('button', { name: 'Upload new version' }).click();
    await uploadDialog.waitFor({ state: 'hidden' });
    await visible(adminEngagement.getByRole('button', { name: /Beach day kit/, expanded: true }));
    await visible(adminEngagement.getByRole('checkbox', { name: 'Board rental quotes', checked: true }));
    await visible(adminEngagement.getByRole('checkbox', { name: 'Lifeguard on the beach', checked: false }));
    const wetsuits = adminEngagement.locator('.task').filter({ hasText: 'Sponsor wetsuits' });
    expect(await wetsuits.locator('.task__marker').textContent()).toBe('[>]');
    await visible(
      adminEngagement.getByRole('region', { name: 'Task markers' }).getByRole('button', { name: 'Add [>]' }),
    );
    await screenshots(adminPage, 'admin-engagement-uploaded-file');
    const uploaded = await Promise.all([
      adminPage.waitForEvent('download'),
      adminEngagement.getByRole('button', { name: 'Download checklist' }).click(),
    ]);
    expect(await readFile(await uploaded[0].path(), 'utf8')).toContain('- [>] Sponsor wetsuits\r\n');

    await ownerContext.close();
    await adminContext.close();
  });
});
