import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { type DemoSignIn, type RunningStack, startStack } from './stack';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const screenshotDir = process.env.PORTICO_SCREENSHOT_DIR ?? join(tmpdir(), 'portico-e2e-screenshots');
export const desktop = { width: 1280, height: 860 };
export const phone = { width: 375, height: 780 };

/** Chromium as the browser tests run it: headless, no sandbox, nothing in the background. */
export const launchBrowser = async (): Promise<Browser> => {
  await mkdir(screenshotDir, { recursive: true });
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
};

export const isFocused = (locator: Locator) =>
  locator.evaluate((element) => element === document.activeElement);

/** Waits for a locator; when it never shows, keeps a screenshot of what the page showed instead. */
export const visible = async (locator: Locator, timeout = 15_000) => {
  try {
    await locator.waitFor({ state: 'visible', timeout });
  } catch (error) {
    const path = join(screenshotDir, `failure-${Date.now()}.png`);
    await locator.page().screenshot({ path, fullPage: true });
    throw new Error(`${(error as Error).message}\nThe page at that moment: ${path}`);
  }
  return locator;
};

/** Screenshots at desktop and phone width; a page wider than the phone scrolls sideways, which fails. */
export const screenshots = async (page: Page, name: string) => {
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.setViewportSize(phone);
  await page.screenshot({ path: join(screenshotDir, `${name}-375.png`), fullPage: true });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${name} overflows a 375 px screen by ${overflow} px`).toBeLessThanOrEqual(0);
  await page.setViewportSize(desktop);
  await page.screenshot({ path: join(screenshotDir, `${name}-1280.png`), fullPage: true });
};

export const signIn = async (page: Page, email: string, password: string) => {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
};

/** Fills in and sends the open "Invite user" dialog for a client user, and waits for the confirmation. */
export const sendInvitation = async (
  page: Page,
  invitee: {
    readonly email: string;
    readonly name: string;
    readonly role: 'owner' | 'member';
    readonly orgName: string;
  },
) => {
  const dialog = await visible(page.getByRole('dialog', { name: 'Invite user' }));
  await dialog.getByLabel('Email').fill(invitee.email);
  await dialog.getByLabel('Name', { exact: true }).fill(invitee.name);
  await dialog.getByLabel('Role').selectOption(invitee.role);
  await dialog.getByLabel('Organization').selectOption({ label: invitee.orgName });
  await dialog.getByRole('button', { name: 'Send invitation' }).click();
  await visible(page.getByText(`Invitation sent to ${invitee.email}.`));
};

/** What a browser test file works with, filled in before its first test. */
export interface BrowserRun {
  readonly stack: RunningStack;
  readonly browser: Browser;
  /** The demo operator admin the stack printed. */
  readonly admin: DemoSignIn;
}

/**
 * Starts the local stack and Chromium before the file's tests and stops both after them. Call it at the
 * top of a test file and read the fields inside tests: they are only set once `beforeAll` has run.
 */
export const setUpStackAndBrowser = (): BrowserRun => {
  const run: { stack?: RunningStack; browser?: Browser; admin?: DemoSignIn } = {};
  beforeAll(async () => {
    run.stack = await startStack();
    const found = run.stack.signIns.find((signIn) => signIn.role === 'admin');
    if (!found) throw new Error('The stack printed no admin sign-in');
    run.admin = found;
    run.browser = await launchBrowser();
  });
  afterAll(async () => {
    await run.browser?.close();
    await run.stack?.stop();
  });
  return run as BrowserRun;
};
