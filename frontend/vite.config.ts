import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { leadFormEmbed } from './embed/vite-plugin';

const frontendRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * The dashboard is a static site. It imports the API contracts from `shared/`, so the dev server may
 * read files above its root. No React plugin: esbuild compiles JSX with the automatic runtime.
 * `PORTICO_API_URL` points the dev server's proxy at a running local stack.
 */
export const config = defineConfig({
  root: frontendRoot,
  envDir: frontendRoot,
  base: '/',
  esbuild: { jsx: 'automatic' },
  plugins: [leadFormEmbed()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Source maps stay out of the public site.
    sourcemap: false,
    target: 'es2022',
    rollupOptions: {
      // zod places `@__PURE__` notes where Rollup cannot use them; the warning is about zod, not us.
      onwarn: (warning, warn) => {
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules/zod/')) return;
        warn(warning);
      },
    },
  },
  server: {
    fs: { allow: [repoRoot] },
    proxy: process.env.PORTICO_API_URL
      ? {
          '/api': { target: process.env.PORTICO_API_URL, changeOrigin: false },
          '/_local': { target: process.env.PORTICO_API_URL, changeOrigin: false },
        }
      : undefined,
  },
});

// Vite reads the default export.
export default config;
