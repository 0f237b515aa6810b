import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { stringify } from './bundled/query-string';
import { wrapTopLevelValues } from './bundling';

const require = createRequire(import.meta.url);

const wrap = (source: string) => wrapTopLevelValues(ts, source, 'module.ts');
const pure = (value: string) => `/* @__PURE__ */ (() => (${value}))()`;

describe('wrapTopLevelValues', () => {
  it('wraps the value of a top-level const that calls something, whole', () => {
    expect(wrap('export const lead = z.object({ name: z.string().min(1) }).strict();')).toBe(
      `export const lead = ${pure('z.object({ name: z.string().min(1) }).strict()')};`,
    );
    expect(wrap('const routes = { list: defineRoute({ path: "/a" }) };')).toBe(
      `const routes = ${pure('{ list: defineRoute({ path: "/a" }) }')};`,
    );
    expect(wrap('const cache = new Map<string, number>();')).toBe(
      `const cache = ${pure('new Map<string, number>()')};`,
    );
  });

  it('wraps each declaration of a statement on its own', () => {
    expect(wrap('const a = f(), b = 1, c = g();')).toBe(
      `const a = ${pure('f()')}, b = 1, c = ${pure('g()')};`,
    );
  });

  it('leaves alone values that call nothing when evaluated, lets, statements and values that await', () => {
    const untouched = [
      'export const limit = 10 * 60;',
      "export const kinds = ['a', 'b'] as const;",
      'export const parse = (value: string) => schema.parse(value);',
      'export async function load() { return read(); }',
      'let counter = start();',
      'z.config(z.locales.en());',
      'export const settings = await loadSettings();',
      'export const view = { read: () => fetchIt() };',
    ];
    for (const source of untouched) expect(wrap(source)).toBe(source);
  });

  it('lets esbuild leave out what a bundle does not use, and evaluate what it does in the module order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portico-wrap-'));
    writeFileSync(
      join(dir, 'values.ts'),
      wrap(
        [
          'export const log: string[] = [];',
          'const built = (name: string) => { log.push(name); return name; };',
          "export const first = built('first');",
          "export const unused = built('unused');",
          "export const second = { of: built('second after ' + first) };",
        ].join('\n'),
      ),
    );
    writeFileSync(
      join(dir, 'entry.ts'),
      "import { log, second } from './values';\nexport const seen = [second.of, ...log];\n",
    );
    await build({
      entryPoints: [join(dir, 'entry.ts')],
      outfile: join(dir, 'out.mjs'),
      bundle: true,
      format: 'esm',
      logLevel: 'silent',
    });

    const bundled = readFileSync(join(dir, 'out.mjs'), 'utf8');
    expect(bundled).toContain('"first"');
    expect(bundled).not.toContain('unused');
    const { seen } = (await import(join(dir, 'out.mjs'))) as { seen: string[] };
    expect(seen).toEqual(['second after first', 'first', 'second after first']);
  });
});

describe('the query strings Google requests are built with', () => {
  // googleapis-common's own `qs`, which the bundles leave out.
  const qs = createRequire(require.resolve('googleapis-common'))('qs') as {
    stringify: (params: unknown, options: { arrayFormat: 'repeat' }) => string;
  };

  it('match qs for the parameters Google APIs take', () => {
    const cases: Record<string, unknown>[] = [
      {},
      { timeMin: '2026-12-08T09:00:00.000Z', singleEvents: true, maxResults: 250 },
      { q: "Kickoff: O'Brien & Sons (draft) *100% ✓*", pageToken: 'a/b+c=d', sendUpdates: 'all' },
      { eventTypes: ['default', 'focusTime'], fields: 'items(id,summary)', empty: [], none: undefined },
      { nullish: null, when: new Date('2026-12-08T10:30:00Z'), nested: { a: 1, b: ['x', 'y'] } },
      { 'key with space': 'value with space', emoji: '🗓️', surrogateFree: 'é' },
    ];
    for (const params of cases)
      expect(stringify(params)).toBe(qs.stringify(params, { arrayFormat: 'repeat' }));
  });
});
