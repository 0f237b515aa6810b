import { describe, expect, it } from 'vitest';
import { desktop, screenshots, setUpStackAndBrowser, signIn, visible } from './browser';

const run = setUpStackAndBrowser();

const owner = () => {
  const found = run.stack.signIns.find(
    (candidate) => candidate.role === 'owner' && candidate.orgSlug === 'brightside-plumbing',
  );
  if (!found) throw new Error('The stack printed no Brightside Plumbing owner');
  return found;
};

/** 50 leads, three of them bad: an invalid email (line 8), no contact (line 21), a duplicate (line 40). */
const leadsCsv = () => {
  const rows = ['Full Name;E-Mail;Telefon;Service'];
  for (let index = 1; index <= 50; index++) {
    const line = index + 1;
    if (line === 8) rows.push(`Bad Email ${index};not-an-email;;Drains`);
    else if (line === 21) rows.push(`No Contact ${index};;;Boiler`);
    else if (line === 40) rows.push(`Twin ${index};imported-1@example.com;;Leak`);
    else
      rows.push(
        `Imported Lead ${index};imported-${index}@example.com;+1 630 555 ${String(index).padStart(4, '0')};Boiler`,
      );
  }
  return `${rows.join('\r\n')}\r\n`;
};

describe('importing leads from a CSV file', () => {
  it('lets the owner check a file of 50 leads, see the 3 bad rows by line, import the rest and find them listed', async () => {
    const context = await run.browser.newContext({
      viewport: desktop,
      locale: 'en-US',
      acceptDownloads: true,
    });
    const page = await context.newPage();
    await page.goto(`${run.stack.url}/sign-in`);
    await signIn(page, owner().email, owner().password);
    await page.waitForURL('**/dashboard');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Leads' }).click();
    await visible(page.getByRole('heading', { name: 'Leads', level: 1 }));

    await page.getByRole('button', { name: 'Import CSV' }).click();
    const dialog = await visible(page.getByRole('dialog', { name: 'Import leads from CSV' }));
    await dialog.getByLabel('CSV file').setInputFiles({
      name: 'trade-show.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(leadsCsv(), 'utf8'),
    });

    // Detection: semicolons, a header row, and the German and English headers mapped.
    await visible(dialog.getByRole('table'));
    expect(await dialog.getByLabel('Delimiter').inputValue()).toBe(';');
    expect(await dialog.getByLabel('Field for column Full Name').inputValue()).toBe('name');
    expect(await dialog.getByLabel('Field for column E-Mail').inputValue()).toBe('email');
    expect(await dialog.getByLabel('Field for column Telefon').inputValue()).toBe('phone');
    expect(await dialog.getByLabel('Field for column Service').inputValue()).toBe('serviceWanted');
    await screenshots(page, 'lead-import-preview');

    await dialog.getByRole('button', { name: 'Check the whole file' }).click();
    const rejected = await visible(dialog.getByRole('region', { name: 'Rejected rows' }));
    await visible(dialog.getByText('Dry run: nothing has been written yet'));
    const reasons = await rejected.getByRole('listitem').allTextContents();
    expect(reasons).toEqual([
      'Line 8: Email: Must be an email address',
      'Line 21: Give an email address or a phone number',
      'Line 40: Same email address as line 2: only the first row is imported',
    ]);
    await screenshots(page, 'lead-import-dry-run');

    await dialog.getByRole('button', { name: 'Import 47 leads' }).click();
    await visible(dialog.getByRole('progressbar'));
    await visible(dialog.getByText('Import finished'), 30_000);
    expect(await dialog.locator('.import-wizard__counts dd').allTextContents()).toEqual([
      '47',
      '0',
      '0',
      '3',
    ]);
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Download rejected rows' }).click();
    expect((await download).suggestedFilename()).toBe('trade-show-rejected.csv');

    await dialog.getByRole('button', { name: 'Close dialog' }).click();
    await page.getByRole('searchbox', { name: 'Search leads' }).fill('Imported Lead 50');
    await visible(page.getByRole('link', { name: 'Imported Lead 50', exact: true }));
    await screenshots(page, 'lead-import-listed');
    await context.close();
  }, 120_000);
});
