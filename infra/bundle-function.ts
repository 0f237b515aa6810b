import { resolve } from 'node:path';
import { build } from 'esbuild';
import { lambdaBuildOptions } from './bundling';

/**
 * `tsx infra/bundle-function.ts <entry> <outDir>`: bundles one handler to `<outDir>/index.mjs`, with its
 * on-demand chunks under `<outDir>/chunks/`. The CDK stack runs it as its local bundler (esbuild plugins
 * need the async API that CDK's hook cannot await).
 */
const [entry, outDir] = process.argv.slice(2);
if (!entry || !outDir) {
  console.error('usage: tsx infra/bundle-function.ts <entry> <outDir>');
  process.exit(2);
}
await build(lambdaBuildOptions(resolve(entry), outDir));
