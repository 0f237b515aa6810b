import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { boundaryOverrides, keysMessage, moduleFolders, moduleMessage } from './rules';

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
    execFileSync('npx', ['biome', 'lint', '--only=style/noRestrictedImports', path], {
      cwd: root,
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return '';
  } catch (failure) {
    const { stdout, stderr } = failure as { stdout: string; stderr: string };
    return `${stdout}${stderr}`;
  }
};

const scratch = `boundary-check-${process.pid}`;
const usesKeys = "import { crmKeys } from '../db/keys';\n\nexport const keys = crmKeys;\n";

describe('import boundaries', { timeout: 30_000 }, () => {
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

  it("refuses a module's file that imports another module's repository, and says what to import", () => {
    const output = lint(
      `shared/crm/${scratch}.ts`,
      "import { getUser } from '../identity/repository';\n\nexport const read = getUser;\n",
    );
    expect(output).toContain('lint/style/noRestrictedImports');
    expect(output).toContain(moduleMessage.slice(0, 60));
  });

  it("lets a module's file import another module's index and contracts, and its own files", () => {
    const source = [
      "import { getUser } from '../identity';",
      "import { email } from '../identity/contracts';",
      "import { sponsorRoutes } from '../conferences/sponsor-contracts';",
      "import { contactKeys } from './rules';",
      "import { requireEnv } from '../config/env';",
      '',
      'export const used = [getUser, email, sponsorRoutes, contactKeys, requireEnv];',
      '',
    ].join('\n');
    expect(lint(`shared/crm/${scratch}.ts`, source)).toBe('');
  });

  it("lets a handler import its own module's files but not another module's", () => {
    const own = "import { getLead } from '../../shared/crm/leads';\n\nexport const read = getLead;\n";
    expect(lint(`functions/crm/${scratch}.ts`, own)).toBe('');
    const other =
      "import { getUser } from '../../shared/identity/service';\n\nexport const read = getUser;\n";
    expect(lint(`functions/crm/${scratch}.ts`, other)).toContain(moduleMessage.slice(0, 60));
  });

  it('refuses a kernel file that reaches into a module', () => {
    const source = "import { getUser } from '../identity/repository';\n\nexport const read = getUser;\n";
    expect(lint(`shared/auth/${scratch}.ts`, source)).toContain(moduleMessage.slice(0, 60));
  });
});
