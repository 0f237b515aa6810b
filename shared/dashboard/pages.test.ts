import { describe, expect, it } from 'vitest';
import { type DashboardPage, dashboardPages, dashboardUrl, matchDashboardPage } from './pages';

/** Every page with made-up values for its parameters. */
const samples = (Object.keys(dashboardPages) as DashboardPage[]).map((name) => {
  const params = Object.fromEntries(
    [...dashboardPages[name].matchAll(/:(\w+)/g)].map(([, param]) => [param, `${param}-01J0`]),
  );
  return { name, params };
});

describe('dashboard pages', () => {
  it.each(samples)('resolve the URL of $name back to $name and its parameters', ({ name, params }) => {
    const url = (dashboardUrl as (page: DashboardPage, params: object) => string)(name, params);
    expect(matchDashboardPage(url)).toEqual({ name, params });
  });

  it('build paths with encoded parameters, so an id cannot add a segment', () => {
    expect(dashboardUrl('lead', { leadId: 'a/b c' })).toBe('/leads/a%2Fb%20c');
    expect(matchDashboardPage('/leads/a%2Fb%20c')).toEqual({ name: 'lead', params: { leadId: 'a/b c' } });
  });

  it('add the query and leave out parameters that are undefined', () => {
    expect(dashboardUrl('resetPassword', {}, { token: 'x+y&z', next: undefined })).toBe(
      '/reset-password?token=x%2By%26z',
    );
    expect(dashboardUrl('home')).toBe('/');
  });

  it('refuse to build a page without one of its parameters', () => {
    expect(() => dashboardUrl('organization', { orgId: '' })).toThrow('organization needs orgId');
  });

  it('ignore trailing slashes and match nothing outside the definition', () => {
    expect(matchDashboardPage('/admin/')).toEqual({ name: 'admin', params: {} });
    expect(matchDashboardPage('/conferences/o/c/sessions/s')).toBeNull();
    expect(matchDashboardPage('/leads/%E0%A4%A')).toBeNull();
    expect(matchDashboardPage('/api/leads')).toBeNull();
  });
});
