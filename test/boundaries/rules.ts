import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The import boundaries of `shared/`, as the `overrides` of `biome.json` (`noRestrictedImports`). Biome
 * takes patterns, not a graph, so they are generated here from the folders on disk; `npm run
 * lint:boundaries` writes them and a test fails when `biome.json` differs.
 *
 * - Kernel folders (`kernelFolders`) are imported by file from anywhere; `google` is the kernel's adapter
 *   to Google's APIs, shared by booking, workspace and automations.
 * - Every other folder under `shared/` is a module: other code imports it through its public entry,
 *   `shared/<module>/index.ts`, or its contracts (`contracts.ts`, `*-contracts.ts`). A module's own files
 *   and its handlers in `functions/<module>/` import its files directly; tests import what they arrange.
 * - Only repositories build keys: `shared/db/keys` is imported by `repository.ts` and `*-repository.ts`
 *   files, by the kernel stores (`kernelStores`), by unit and integration tests of a module or the
 *   kernel (to arrange and assert items) and by the benchmarks' fixtures (`bench/`, which seed thousands
 *   of items directly).
 */
export const kernelFolders = [
  'auth',
  'aws',
  'config',
  'dashboard',
  'db',
  'email',
  'events',
  'google',
  'http',
  'observability',
  'schema',
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

/** The local cloud's seed and the first admin's setup: they call modules' services by file. */
export const drivers = ['infra/local/seed.ts', 'infra/local/seed-conference.ts', 'infra/create-admin.ts'];

export const moduleMessage =
  "This reaches into another module. Import its public entry instead: '../<module>' (its index.ts) or " +
  "'../<module>/contracts' for schemas and types; from functions/, infra/, bench/ or test/ that is " +
  "'…/shared/<module>'. Export what you need from that module's index.ts if it is not there yet.";

export const keysMessage =
  'Only repositories build keys. Add a function to this module’s repository.ts (or a *-repository.ts file) ' +
  'that builds the key and does the read or write, and call that instead.';

/** The module folders of `shared/`: every folder that is not the kernel. */
export const moduleFolders = (root: string): string[] =>
  readdirSync(join(root, 'shared'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !(kernelFolders as readonly string[]).includes(entry.name))
    .map((entry) => entry.name)
    .sort();

/**
 * Anything inside a module folder but its entry and contracts, except in the folders given. A file in
 * `shared/<x>/` names another module as '../<module>/<file>' ('../../…' leaves shared/ and is no module);
 * a file anywhere else as '…/shared/<module>/<file>'.
 */
const internalsOf = (open: readonly string[], inShared: boolean) => {
  const forms = inShared ? ['../*', '**/shared/*'] : ['**/shared/*'];
  return [
    ...(inShared ? ['../*/**', '!../../**'] : []),
    '**/shared/*/**',
    ...forms.flatMap((form) => [`!${form}/index`, `!${form}/contracts`, `!${form}/*-contracts`]),
    ...open.flatMap((folder) => [...(inShared ? [`!../${folder}/**`] : []), `!**/shared/${folder}/**`]),
  ];
};

interface Pattern {
  readonly group: readonly string[];
  readonly message: string;
}

/**
 * Another module's files, for a file inside `shared/` or outside it, where the kernel and the folder
 * `own` (a file's own module, or a handler's) stay open.
 */
const moduleRule = (inShared: boolean, own?: string): Pattern => ({
  group: internalsOf(own ? [...kernelFolders, own] : kernelFolders, inShared),
  message: moduleMessage,
});

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
  override(['functions/*.ts', 'infra/**', 'test/**'], [moduleRule(false), keysRule]),
  // Drivers set up data through several modules' services and repositories, as each module's handlers
  // do for their own; bench/ also seeds items directly.
  override(drivers, [keysRule]),
  override(['bench/**'], []),
  override(
    kernelFolders.map((folder) => `shared/${folder}/**`),
    [moduleRule(true), keysRule],
  ),
  override(kernelStores, [moduleRule(true)]),
  ...modules.flatMap((module) => [
    override([`shared/${module}/**`], [moduleRule(true, module), keysRule]),
    override([`functions/${module}/**`], [moduleRule(false, module), keysRule]),
    override(
      [`shared/${module}/**/repository.ts`, `shared/${module}/**/*-repository.ts`],
      [moduleRule(true, module)],
    ),
  ]),
  // Last, so no module's rule applies to them.
  override(['**/*.test.ts'], []),
];
