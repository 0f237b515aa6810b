import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desktop, screenshots, setUpStackAndBrowser, signIn, visible } from './browser';
import { linkIn, waitForEmail } from './stack';

const run = setUpStackAndBrowser();

const slug = 'brightside-plumbing';
const script = '<img src=x onerror="window.__pwned=1">';

/**
 * A client's own website on another origin: a plain page with the embed snippet and styles that would
 * wreck any form they reached, which the Shadow DOM keeps out.
 */
const clientSite = (porticoUrl: string) => `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Brightside Plumbing — Water heaters</title>
  <style>
    body { font-family: serif; background: #fffbe6; }
    input, textarea, button { display: none !important; }
    h2 { color: red !important; font-size: 60px !important; }
  </style>
</head>
<body>
  <h1>Water heater trouble?</h1>
  <p>Tell us what is going on and we call you back today.</p>
  <script src="${porticoUrl}/embed/lead-form.js" data-portico-form="${slug}" async></script>
  <p>Brightside Plumbing, since 1998.</p>
</body>
</html>`;

const serve = (html: string) =>
  new Promise<{ server: Server; origin: string }>((resolve) => {
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(html);
    });
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    );
  });

let clientWebsite: { server: Server; origin: string };
let strangerWebsite: { server: Server; origin: string };
let adminToken: string;
let orgId: string;

const apiCall = async (method: string, path: string, body?: unknown) => {
  const response = await fetch(`${run.stack.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${adminToken}`,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
};

beforeAll(async () => {
  clientWebsite = await serve(clientSite(run.stack.url));
  strangerWebsite = await serve(clientSite(run.stack.url));
  const signedIn = await fetch(`${run.stack.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: run.admin.email, password: run.admin.password }),
  });
  adminToken = (await signedIn.json()).accessToken;
  const orgs = await apiCall('GET', `/api/orgs?q=${slug}`);
  const org = orgs.items.find((item: { slug: string }) => item.slug === slug);
  orgId = org.id;
  // The operator allows the client's website (and only it) to embed the form.
  await apiCall('PATCH', `/api/orgs/${orgId}`, {
    version: org.version,
    allowedOrigins: [...org.allowedOrigins, clientWebsite.origin],
  });
  const settings = await apiCall('GET', `/api/orgs/${orgId}/lead-form`);
  await apiCall('PUT', `/api/orgs/${orgId}/lead-form`, {
    version: settings.version,
    services: ['Water heater repair', 'Drain cleaning'],
    intro: 'We call back the same day.',
  });
});

afterAll(async () => {
  for (const site of [clientWebsite, strangerWebsite]) await new Promise((done) => site?.server.close(done));
});

/** Fails the test if anything a visitor typed ever runs as script. */
const watchForScript = (page: Page) => {
  page.on('dialog', (dialog) => {
    throw new Error(`A dialog opened: ${dialog.message()}`);
  });
  return async () =>
    expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
};

const leads = async (): Promise<
  {
    id: string;
    name: string;
    message: string;
    source: string;
    serviceWanted: string;
    attribution?: Record<string, string>;
  }[]
> => (await apiCall('GET', `/api/orgs/${orgId}/leads?limit=50`)).items;

describe('the lead form in a browser', () => {
  it('takes a lead on a client website through the embed, isolated from its styles and across origins', async () => {
    const context = await run.browser.newContext({ viewport: desktop });
    const page = await context.newPage();
    const noScriptRan = watchForScript(page);
    await page.goto(
      `${clientWebsite.origin}/water-heaters?utm_source=newsletter&utm_campaign=spring-heaters`,
    );

    const name = await visible(page.getByLabel('Your name'));
    // The host page hides every input and blows up every h2; inside the shadow root neither applies.
    expect(await name.isVisible()).toBe(true);
    const heading = page.getByRole('heading', { name: 'Contact Brightside Plumbing' });
    expect(await heading.evaluate((element) => getComputedStyle(element).fontSize)).not.toBe('60px');
    await visible(page.getByText('We call back the same day.'));

    // Field errors show beside the fields, before anything is sent.
    await page.getByRole('button', { name: 'Send' }).click();
    await visible(page.getByText('Please tell us your name.'));
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    await visible(page.getByText('Give an email address or a phone number.'));

    await name.fill(`${script} Rosa`);
    await page.getByLabel('Email').fill('rosa@example.com');
    await page.getByLabel('Service needed').selectOption('Water heater repair');
    await page.getByLabel('How can we help?').fill(`No hot water since Monday. ${script}`);
    await page.getByRole('button', { name: 'Send' }).click();
    await visible(page.getByRole('heading', { name: 'Thank you!' }));
    await noScriptRan();

    const [lead] = await leads();
    expect(lead).toMatchObject({
      name: `${script} Rosa`,
      message: `No hot water since Monday. ${script}`,
      source: 'embed',
      serviceWanted: 'Water heater repair',
      attribution: {
        utmSource: 'newsletter',
        utmCampaign: 'spring-heaters',
        landingPage: `${clientWebsite.origin}/water-heaters?utm_source=newsletter&utm_campaign=spring-heaters`,
      },
    });
    await context.close();
  });

  it('alerts the owner by email about the embedded lead (Lead Capture) and shows it on their leads page', async () => {
    const owner = run.stack.signIns.find((signIn) => signIn.role === 'owner' && signIn.orgSlug === slug)!;
    const lead = (await leads()).find((item) => item.name === `${script} Rosa`)!;

    // Brightside Plumbing has Lead Capture on: each of its users hears about the lead, with a link to it.
    const alert = await waitForEmail(
      run.stack.url,
      owner.email,
      /^New lead: .*Rosa \(Water heater repair\)$/,
    );
    expect(alert.text).toContain('rosa@example.com');
    const link = linkIn(alert, `/leads/${lead.id}`);

    const context = await run.browser.newContext({ viewport: desktop });
    const page = await context.newPage();
    const noScriptRan = watchForScript(page);
    await page.goto(`${run.stack.url}/sign-in`);
    await signIn(page, owner.email, owner.password);
    await page.waitForURL('**/dashboard');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Leads' }).click();
    await visible(page.getByRole('heading', { name: 'Leads', level: 1 }));
    const row = page.getByRole('row').filter({ hasText: `${script} Rosa` });
    await visible(row.getByText('Embedded form'));
    await visible(row.getByText('Water heater repair'));

    // The email's link opens the lead, whose automations say what fired and why.
    await page.goto(link.href);
    const automations = page.getByRole('region', { name: 'Automations' });
    const alertRun = automations
      .getByRole('listitem')
      .filter({ hasText: `New-lead alert for ${script} Rosa` });
    await visible(alertRun.getByText('Succeeded'));
    await visible(alertRun.getByText('through the website form', { exact: false }));
    await noScriptRan();
    await context.close();
  });

  it('shows nothing usable on a website the organization did not allow', async () => {
    const context = await run.browser.newContext({ viewport: desktop });
    const page = await context.newPage();
    await page.goto(strangerWebsite.origin);
    await visible(page.getByRole('heading', { name: 'This form could not be loaded' }));
    expect(await page.getByLabel('Your name').count()).toBe(0);
    await context.close();
  });

  it('takes a lead on the hosted page and shows it, as text, to the owner with the snippet and a preview', async () => {
    const context = await run.browser.newContext({ viewport: desktop });
    const page = await context.newPage();
    const noScriptRan = watchForScript(page);
    await page.goto(`${run.stack.url}/lead/${slug}`);
    await visible(page.getByRole('heading', { name: 'Brightside Plumbing', level: 1 }));
    await screenshots(page, 'lead-form-hosted');
    await page.getByLabel('Your name').fill('Omar Haddad');
    await page.getByLabel('Phone').fill('+1 630 555 0142');
    await page.getByLabel('How can we help?').fill('The kitchen drain is slow.');
    await page.getByRole('button', { name: 'Send' }).click();
    await visible(page.getByRole('heading', { name: 'Thank you!' }));
    await noScriptRan();
    expect((await leads()).find((lead) => lead.name === 'Omar Haddad')).toMatchObject({ source: 'form' });

    // The owner's dashboard: the visitor's text in the activity log, as text; the card with the snippet.
    const owner = run.stack.signIns.find((signIn) => signIn.role === 'owner' && signIn.orgSlug === slug)!;
    const dashboard = await context.newPage();
    const noScriptInDashboard = watchForScript(dashboard);
    await dashboard.goto(`${run.stack.url}/sign-in`);
    await signIn(dashboard, owner.email, owner.password);
    await dashboard.waitForURL('**/dashboard');
    const activity = dashboard.getByRole('region', { name: 'Activity' });
    await visible(activity.getByText(`${script} Rosa sent the embedded lead form`, { exact: false }));
    const card = dashboard.getByRole('region', { name: 'Lead form' });
    await visible(
      card.getByText(
        `<script src="${run.stack.url}/embed/lead-form.js" data-portico-form="${slug}" async></script>`,
      ),
    );
    const preview = card.getByRole('region', { name: 'Lead form preview' });
    await visible(preview.getByLabel('Service needed'));
    await preview.getByLabel('Your name').fill('Preview Person');
    await preview.getByLabel('Email').fill('preview@example.com');
    await preview.getByRole('button', { name: 'Send' }).click();
    await visible(preview.getByText('This is a preview: nothing is sent.'));
    await noScriptInDashboard();
    expect((await leads()).some((lead) => lead.name === 'Preview Person')).toBe(false);
    await screenshots(dashboard, 'lead-form-dashboard');
    await context.close();
  });
});
