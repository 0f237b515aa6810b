import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Plugin } from 'vite';
import { embedScriptPath } from './paths';

const entry = fileURLToPath(new URL('./lead-form.ts', import.meta.url));

/** The embed snippet's script: one minified IIFE, no React, no zod. */
export const buildEmbedScript = async (): Promise<string> => {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: 'iife',
    // Client sites' visitors bring all kinds of browsers; Shadow DOM sets the floor anyway.
    target: 'es2019',
    legalComments: 'none',
    write: false,
  });
  return result.outputFiles[0]!.text;
};

/**
 * Adds the embed snippet's script to the static site as its own tiny bundle, at a fixed address, so the
 * snippet on client sites never changes. The site serves fixed names with `no-cache`, so a new release
 * reaches every embed at once.
 */
export const leadFormEmbed = (): Plugin => ({
  name: 'portico-lead-form-embed',
  apply: 'build',
  async generateBundle() {
    this.emitFile({ type: 'asset', fileName: embedScriptPath, source: await buildEmbedScript() });
  },
});
