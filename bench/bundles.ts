import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { functions } from '../functions/manifest';
import { lambdaBuildOptions } from '../infra/bundling';

/**
 * DESIGN.md's budgets: bundle under 1 MB minified; module load at most 1.5× that of a handler that only
 * creates the DynamoDB client (an empty handler is no fair floor: the client alone costs several times it).
 */
export const budgets = { bundleBytes: 1024 * 1024, loadRatioToTableClient: 1.5 } as const;

export interface BundleResult {
  readonly name: string;
  /** Everything the function ships: its entry and every chunk. The size budget. */
  readonly bytes: number;
  /** What a cold start reads and compiles: the entry and the chunks it imports statically. */
  readonly startBytes: number;
  readonly loadMs: number;
  /** Against an empty handler: for information. */
  readonly loadRatio: number;
  /** Against a handler that only creates the DynamoDB document client every function needs: the budget. */
  readonly loadRatioToTableClient: number;
  readonly bundleWithinBudget: boolean;
  readonly loadWithinBudget: boolean;
}

const outDir = mkdtempSync(join(tmpdir(), 'portico-bench-'));

interface Bundle {
  readonly file: string;
  readonly bytes: number;
  readonly startBytes: number;
}

/** The entry's own size and that of every chunk it imports statically, transitively. */
const startBytes = (outputs: Metafile['outputs'], entry: string): number => {
  const loaded = new Set<string>();
  const visit = (path: string) => {
    if (loaded.has(path) || !outputs[path]) return;
    loaded.add(path);
    for (const imported of outputs[path].imports)
      if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(entry);
  return [...loaded].reduce((sum, path) => sum + outputs[path]!.bytes, 0);
};

/**
 * Bundles like the CDK stack does (infra/bundling.ts): ESM, minified, Node 22, the AWS SDK included
 * (Lambda's copy is not used), on-demand imports split into chunks.
 */
const bundle = async (name: string, entry: string): Promise<Bundle> => {
  const dir = join(outDir, name);
  const { metafile } = await build({
    ...lambdaBuildOptions(entry, dir),
    metafile: true,
    absWorkingDir: process.cwd(),
  });
  const outputs = metafile!.outputs;
  const file = join(dir, 'index.mjs');
  const entryOutput = Object.keys(outputs).find((path) => resolve(path) === file)!;
  return {
    file,
    bytes: Object.values(outputs).reduce((sum, output) => sum + output.bytes, 0),
    startBytes: startBytes(outputs, entryOutput),
  };
};

const loadEnv = {
  TABLE_NAME: 'bench',
  EVENT_BUS_NAME: 'bench',
  ENGAGEMENTS_BUCKET: 'bench',
  IMPORTS_BUCKET: 'bench',
  MAIL_FROM: 'bench@example.com',
  APP_URL: 'https://bench.example',
  WS_MANAGEMENT_ENDPOINT: 'https://bench.example',
  AWS_REGION: 'us-east-1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
};

/** One cold import in a fresh process: what a Lambda cold start pays for the module. */
const loadOnce = (file: string): number => {
  const script = `const t=performance.now();await import(${JSON.stringify(file)});process.stdout.write(String(performance.now()-t));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    env: { ...process.env, ...loadEnv },
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`Loading ${file} failed: ${result.stderr.slice(-800)}`);
  return Number(result.stdout);
};

/**
 * Median cold import time of each file over `runs` rounds. Each round loads every file once, so a busy
 * moment on a shared machine slows all of them alike instead of one function's every sample.
 */
const loadTimes = (files: readonly string[], runs: number): number[] => {
  const samples = files.map((): number[] => []);
  for (let round = 0; round < runs; round++)
    for (const [index, file] of files.entries()) samples[index]!.push(loadOnce(file));
  return samples.map((times) => times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!);
};

export const benchBundles = async (
  runs = 11,
): Promise<{
  emptyLoadMs: number;
  tableClientLoadMs: number;
  kernelLoadMs: number;
  functions: BundleResult[];
}> => {
  const empty = await bundle('empty', resolve('bench/floors/empty-handler.ts'));
  const tableClient = await bundle('table-client', resolve('bench/floors/table-client-handler.ts'));
  const kernel = await bundle('kernel', resolve('bench/floors/kernel-handler.ts'));
  const bundles = await Promise.all(
    functions.map(async (fn) => ({ fn, ...(await bundle(fn.name, resolve(fn.entry))) })),
  );
  // Baselines and functions are measured in the same rounds, so the ratios hold on a noisy machine.
  const [emptyLoadMs = 0, tableClientLoadMs = 0, kernelLoadMs = 0, ...functionLoadMs] = loadTimes(
    [empty.file, tableClient.file, kernel.file, ...bundles.map(({ file }) => file)],
    runs,
  );
  const results = bundles.map(({ fn, bytes, startBytes }, index) => {
    const loadMs = functionLoadMs[index]!;
    const loadRatioToTableClient = loadMs / tableClientLoadMs;
    return {
      name: fn.name,
      bytes,
      startBytes,
      loadMs,
      loadRatio: loadMs / emptyLoadMs,
      loadRatioToTableClient,
      bundleWithinBudget: bytes < budgets.bundleBytes,
      loadWithinBudget: loadRatioToTableClient <= budgets.loadRatioToTableClient,
    };
  });
  return { emptyLoadMs, tableClientLoadMs, kernelLoadMs, functions: results };
};
