import type { ReactElement } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { type DashboardPage, dashboardPages } from '../../shared/dashboard/pages';
import { appLink } from '../../shared/email/links';

const at = vi.hoisted(() => ({ pathname: '/' }));

vi.mock('./lib/router', async (original) => ({
  ...(await original<typeof import('./lib/router')>()),
  useLocation: () => ({ pathname: at.pathname, search: new URLSearchParams(), href: at.pathname }),
}));
vi.mock('./lib/session', async (original) => ({
  ...(await original<typeof import('./lib/session')>()),
  useSession: () => ({ state: { status: 'loading' }, user: null }),
}));

const { App } = await import('./app');
const { NotFoundPage } = await import('./pages/not-found-page');

/** What the router picks for a pathname: App's only hooks are the two mocked above. */
const routeFor = (pathname: string) => {
  at.pathname = pathname;
  return (App as () => ReactElement)().type;
};

/** Every page an email, calendar entry or redirect can link to, as the backend builds the link. */
const links = (Object.keys(dashboardPages) as DashboardPage[]).map((name) => {
  const params = Object.fromEntries(
    [...dashboardPages[name].matchAll(/:(\w+)/g)].map(([, param]) => [param, `${param}-01J0`]),
  );
  return { name, url: (appLink as (page: DashboardPage, params: object) => string)(name, params) };
});

describe('the dashboard router', () => {
  it.each(links)('serves $name, which emails may link to as $url', ({ url }) => {
    expect(routeFor(new URL(url).pathname)).not.toBe(NotFoundPage);
  });

  it('answers not found for a path outside the page definition', () => {
    expect(routeFor('/conferences/o/c/sessions/s')).toBe(NotFoundPage);
    expect(routeFor('/leads/1/2')).toBe(NotFoundPage);
  });
});
