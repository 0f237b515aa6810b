import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export interface StaticFile {
  readonly status: number;
  readonly type: string;
  readonly body: Buffer | string;
}

/** The built dashboard, with index.html for client-side routes (as CloudFront's rewrite does). */
export const serveStatic = (root: string, pathname: string): StaticFile => {
  const base = resolve(root);
  const index = join(base, 'index.html');
  if (!existsSync(index)) {
    return {
      status: 503,
      type: 'text/plain; charset=utf-8',
      body: 'The dashboard is not built yet: run `npm run build:frontend` (npm start does it for you).',
    };
  }
  const candidate = normalize(join(base, decodeURIComponent(pathname)));
  if (candidate.startsWith(base) && existsSync(candidate) && statSync(candidate).isFile()) {
    return {
      status: 200,
      type: types[extname(candidate)] ?? 'application/octet-stream',
      body: readFileSync(candidate),
    };
  }
  if (extname(pathname)) return { status: 404, type: 'text/plain; charset=utf-8', body: 'Not found' };
  return { status: 200, type: types['.html']!, body: readFileSync(index) };
};
