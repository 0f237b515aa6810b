import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { functions } from '../functions/manifest';
import { lambdaBuildOptions } from '../infra/bundling';

/**
 * DESIGN.md's budgets: bundle under 1 MB minified; module load at most 1.5× that of a handler that only
 * creates the DynamoDB client (an empty handler is no fair floor: the client alone costs several times it).
 */
export const budgets = { bundleBytes: 1024 * 1024, loadRatioToTableClient: 1.5 } as const;

export interface BundleResult {
  readonly name: string;
  readonly bytes: number;
  readonly loadMs: number;
  /** Against an empty handler: for information. */
  readonly loadRatio: number;
  /** Against a handler that only creates the DynamoDB document client every function needs: the budget. */
  readonly loadRatioToTableClient: number;
  readonly bundleWithinBudget: boolean;
  readonly loadWithinBudget: boolean;
}

const require = createRequire(import.meta.url);
const outDir = mkdtempSync(join(tmpdir(), 'portico-bench-'));

/** Bundles like the CDK stack does: ESM, minified, Node 22, AWS SDK included (Lambda's copy is not used). */
const bundle = async (name: string, entry: string): Promise<string> => {
  const outfile = join(outDir, `${name}.mjs`);
  await build(lambdaBuildOptions(entry, outfile));
  return outfile;
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
): Promise<{ emptyLoadMs: number; tableClientLoadMs: number; functions: BundleResult[] }> => {
  const emptyEntry = join(outDir, 'empty-handler.ts');
  writeFileSync(emptyEntry, 'export const handler = async () => ({ statusCode: 200 });\n');
  const empty = await bundle('empty', emptyEntry);
  const tableClientEntry = join(outDir, 'table-client-handler.ts');
  writeFileSync(
    tableClientEntry,
    [
      `import { DynamoDBClient } from ${JSON.stringify(require.resolve('@aws-sdk/client-dynamodb'))};`,
      `import { DynamoDBDocumentClient } from ${JSON.stringify(require.resolve('@aws-sdk/lib-dynamodb'))};`,
      'const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));',
      'export const handler = async () => ({ statusCode: 200, body: String(Boolean(client)) });',
    ].join('\n'),
  );
  const tableClient = await bundle('table-client', tableClientEntry);
  const bundles = await Promise.all(
    functions.map(async (fn) => ({ fn, file: await bundle(fn.name, resolve(fn.entry)) })),
  );
  // Baselines and functions are measured in the same rounds, so the ratios hold on a noisy machine.
  const [emptyLoadMs = 0, tableClientLoadMs = 0, ...functionLoadMs] = loadTimes(
    [empty, tableClient, ...bundles.map(({ file }) => file)],
    runs,
  );
  const results = bundles.map(({ fn, file }, index) => {
    const bytes = statSync(file).size;
    const loadMs = functionLoadMs[index]!;
    const loadRatioToTableClient = loadMs / tableClientLoadMs;
    return {
      name: fn.name,
      bytes,
      loadMs,
      loadRatio: loadMs / emptyLoadMs,
      loadRatioToTableClient,
      bundleWithinBudget: bytes < budgets.bundleBytes,
      loadWithinBudget: loadRatioToTableClient <= budgets.loadRatioToTableClient,
    };
  });
  return { emptyLoadMs, tableClientLoadMs, functions: results };
};
