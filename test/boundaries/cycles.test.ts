import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

const sourceFiles = (folder: string): string[] =>
  readdirSync(join(root, folder), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts'))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));

const importPattern = /^(?:import|export)\s+(type\s+)?([^;]*?)\s*from\s+'(\.[^']+)';/gms;

/** The files a file loads when it runs: relative imports and re-exports that are not types only. */
const runtimeImports = (file: string): string[] => {
  const source = readFileSync(join(root, file), 'utf8');
  return [...source.matchAll(importPattern)].flatMap(([, typeOnly, names = '', specifier = '']) => {
    const named = names.trim().startsWith('{')
      ? names
          .replace(/[{}]/g, '')
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean)
      : [];
    if (typeOnly || (named.length && named.every((name) => name.startsWith('type ')))) return [];
    const target = join(dirname(file), specifier);
    const found = [`${target}.ts`, join(target, 'index.ts')].find((path) => existsSync(join(root, path)));
    return found ? [found] : [];
  });
};

/** One import cycle, as the files around it, or undefined: a depth-first walk of the import graph. */
const findCycle = (graph: ReadonlyMap<string, readonly string[]>): string[] | undefined => {
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (file: string): string[] | undefined => {
    const open = path.indexOf(file);
    if (open >= 0) return [...path.slice(open), file];
    if (done.has(file)) return undefined;
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    done.add(file);
    return undefined;
  };
  for (const file of graph.keys()) {
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return undefined;
};

describe('import graph', () => {
  it('has no cycle among the files of shared/ and functions/, index files included', () => {
    const files = [...sourceFiles('shared'), ...sourceFiles('functions')];
    const graph = new Map(files.map((file) => [file, runtimeImports(file)]));
    // A cycle makes one module of it run before another it uses has initialized.
    expect(findCycle(graph)).toBeUndefined();
  });

  it('finds a cycle through an index file', () => {
    const graph = new Map([
      ['shared/a/service.ts', ['shared/b/index.ts']],
      ['shared/b/index.ts', ['shared/b/service.ts']],
      ['shared/b/service.ts', ['shared/a/index.ts']],
      ['shared/a/index.ts', ['shared/a/service.ts']],
    ]);
    expect(findCycle(graph)).toEqual([
      'shared/a/service.ts',
      'shared/b/index.ts',
      'shared/b/service.ts',
      'shared/a/index.ts',
      'shared/a/service.ts',
    ]);
  });
});
