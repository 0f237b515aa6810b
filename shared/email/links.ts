import { requireEnv } from '../config/env';
import { type DashboardPage, type DashboardUrlArgs, dashboardUrl } from '../dashboard/pages';

/**
 * Absolute links into the dashboard for what leaves the app: emails, calendar entries, sheets rows and
 * OAuth redirects. The only reader of `APP_URL`; every path comes from `shared/dashboard/pages.ts`, the
 * same definition the frontend router serves.
 */
const appUrl = requireEnv('APP_URL').replace(/\/$/, '');

/** The dashboard's origin (`https://app.example.com`), for origin checks. */
export const appOrigin = new URL(appUrl).origin;

/** `appLink('lead', { leadId })` is `https://<dashboard>/leads/<leadId>`. */
export const appLink = <Page extends DashboardPage>(page: Page, ...args: DashboardUrlArgs<Page>): string =>
  `${appUrl}${dashboardUrl(page, ...args)}`;

/** A link to the API on the dashboard's origin (CloudFront forwards `/api/*`): feeds, unsubscribe. */
export const apiLink = (path: `/api/${string}`): string => `${appUrl}${path}`;
