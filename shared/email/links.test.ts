import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiLink, appLink, appOrigin } from './links';

const root = join(import.meta.dirname, '..', '..');

const sources = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));

describe('links into the dashboard', () => {
  it('are absolute, on the dashboard origin, with paths from the page definition', () => {
    expect(appLink('lead', { leadId: '01J0' })).toBe('https://portico.test/leads/01J0');
    expect(appLink('invitation', {}, { token: 't' })).toBe('https://portico.test/invitation?token=t');
    expect(apiLink('/api/unsubscribe?token=t')).toBe('https://portico.test/api/unsubscribe?token=t');
    expect(appOrigin).toBe('https://portico.test');
  });

  // Emails, calendar entries and OAuth redirects can then only name pages of `shared/dashboard/pages.ts`,
  // and the frontend's route test holds the router to serving every one of those.
  it('are built only here: no other backend file reads the dashboard URL to build one by hand', () => {
    const readers = [...sources('shared'), ...sources('functions')].filter((file) =>
      readFileSync(join(root, file), 'utf8').includes('APP_URL'),
    );
    expect(readers).toEqual(['shared/email/links.ts']);
  });
});
