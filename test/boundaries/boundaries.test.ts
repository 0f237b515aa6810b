import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { boundaryOverrides, keysMessage, moduleFolders } from './rules';

const root = join(import.meta.dirname, '../..');
let written: string | undefined;

afterEach(() => {
  if (written) rmSync(written, { force: true });
  written = undefined;
});

/**
 * Lints one file, written for the test at `path` (relative to the project) and removed after, with the
 * project's biome.json; answers Biome's diagnostics, empty when the file passes.
 */
const lint = (path: string, source: string): string => {
  written = join(root, path);
  writeFileSync(written, source);
  try {
    execFileSync('npx', ['biome', 'lint', '--only=style/noRestrictedImports', path], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (failure) {
    const { stdout, stderr } = failure as { stdout: string; stderr: string };
    return `${stdout}${stderr}`;
  }
};

const scratch = `boundary-check-${process.pid}`;
const usesKeys = "import { crmKeys } from '../db/keys';\n\nexport const keys = crmKeys;\n";

describe('import boundaries', () => {
  it('biome.json holds the boundaries generated for the module folders on disk', () => {
    const config = JSON.parse(readFileSync(join(root, 'biome.json'), 'utf8')) as { overrides?: unknown };
    // When this fails: run `npm run lint:boundaries` and commit biome.json.
    expect(config.overrides).toEqual(JSON.parse(JSON.stringify(boundaryOverrides(moduleFolders(root)))));
  });

  it('refuses a service file that imports the key design', () => {
    const output = lint(`shared/crm/${scratch}.ts`, usesKeys);
    expect(output).toContain('lint/style/noRestrictedImports');
    expect(output).toContain(keysMessage.slice(0, 40));
  });

  it('lets a repository file import the key design', () => {
    expect(lint(`shared/crm/${scratch}-repository.ts`, usesKeys)).toBe('');
  });
});
