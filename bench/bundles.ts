import { spawnSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { functions } from '../functions/manifest';
import { lambdaBuildOptions } from '../infra/bundling';

/** DESIGN.md's budgets: bundle under 1 MB minified; module load under 2.5× an empty handler's. */
export const budgets = { bundleBytes: 1024 * 1024, loadRatio: 2.5 } as const;

export interface BundleResult {
  readonly name: string;
  readonly bytes: number;
  readonly loadMs: number;
  /** Against an empty handler: the DESIGN.md budget. */
  readonly loadRatio: number;
  /** Against an empty handler that only creates the DynamoDB document client every function needs. */
  readonly loadRatioToTableClient: number;
  readonly withinBudget: boolean;
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

/** Median cold import time over fresh processes: what a Lambda cold start pays for the module. */
const loadTime = (file: string, runs: number): number => {
  const script = `const t=performance.now();await import(${JSON.stringify(file)});process.stdout.write(String(performance.now()-t));`;
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, ...loadEnv },
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`Loading ${file} failed: ${result.stderr.slice(-800)}`);
    samples.push(Number(result.stdout));
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
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
  // Baselines and functions are measured in the same run, so the ratios hold on a noisy machine.
  const emptyLoadMs = loadTime(empty, runs);
  const tableClientLoadMs = loadTime(tableClient, runs);
  const results = bundles.map(({ fn, file }) => {
    const bytes = statSync(file).size;
    const loadMs = loadTime(file, runs);
    const loadRatio = loadMs / emptyLoadMs;
    return {
      name: fn.name,
      bytes,
      loadMs,
      loadRatio,
      loadRatioToTableClient: loadMs / tableClientLoadMs,
      withinBudget: bytes < budgets.bundleBytes && loadRatio < budgets.loadRatio,
    };
  });
  return { emptyLoadMs, tableClientLoadMs, functions: results };
};
