import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The import boundaries of `shared/`, as the `overrides` of `biome.json` (`noRestrictedImports`). Biome
 * takes patterns, not a graph, so they are generated here from the folders on disk; `npm run
 * lint:boundaries` writes them and a test fails when `biome.json` differs.
 *
 * - Kernel folders (`kernelFolders`) are imported by file from anywhere.
 * - Every other folder under `shared/` is a module: other code imports it through its public entry,
 *   `shared/<module>/index.ts`, or its contracts (`contracts.ts`, `*-contracts.ts`). A module's own files
 *   and its handlers in `functions/<module>/` import its files directly.
 * - Only repositories build keys: `shared/db/keys` is imported by `repository.ts` and `*-repository.ts`
 *   files, by the kernel stores (`kernelStores`), by unit and integration tests of a module or the
 *   kernel (to arrange and assert items) and by the benchmarks' fixtures (`bench/`, which seed thousands
 *   of items directly).
 */
export const kernelFolders = [
  'auth',
  'aws',
  'config',
  'db',
  'email',
  'events',
  'http',
  'observability',
  'time',
] as const;

/**
 * Kernel files that are the repository of their own concern: the table's definition and counters
 * (`shared/db`), the outbox and the consumers' processed-event records; and the events' test support.
 */
export const kernelStores = [
  'shared/db/**',
  'shared/events/outbox.ts',
  'shared/events/consumer.ts',
  'shared/events/test-support.ts',
];

export const keysMessage =
  'Only repositories build keys. Add a function to this module’s repository.ts (or a *-repository.ts file) ' +
  'that builds the key and does the read or write, and call that instead.';

/** The module folders of `shared/`: every folder that is not the kernel. */
export const moduleFolders = (root: string): string[] =>
  readdirSync(join(root, 'shared'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !(kernelFolders as readonly string[]).includes(entry.name))
    .map((entry) => entry.name)
    .sort();

interface Pattern {
  readonly group: readonly string[];
  readonly message: string;
}

const keysRule: Pattern = { group: ['**/db/keys'], message: keysMessage };

const override = (includes: readonly string[], patterns: readonly Pattern[]) => ({
  includes,
  linter: {
    rules: { style: { noRestrictedImports: { level: 'error', options: { patterns } } } },
  },
});

/**
 * The overrides, in order: Biome applies every override a file matches and a later one replaces the
 * rule's options of an earlier one, so the exceptions (repositories, stores, tests) come last.
 */
export const boundaryOverrides = (modules: readonly string[]) => [
  override(['functions/*.ts', 'infra/**', 'test/**'], [keysRule]),
  override(['bench/**'], []),
  override(
    kernelFolders.map((folder) => `shared/${folder}/**`),
    [keysRule],
  ),
  override([...kernelStores, ...kernelFolders.map((folder) => `shared/${folder}/**/*.test.ts`)], []),
  ...modules.flatMap((module) => [
    override([`shared/${module}/**`, `functions/${module}/**`], [keysRule]),
    override(
      [
        `shared/${module}/**/repository.ts`,
        `shared/${module}/**/*-repository.ts`,
        `shared/${module}/**/*.test.ts`,
        `functions/${module}/**/*.test.ts`,
      ],
      [],
    ),
  ]),
];
