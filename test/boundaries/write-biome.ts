import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { boundaryOverrides, moduleFolders } from './rules';

/** Writes the import boundaries into biome.json (`npm run lint:boundaries`), after a module folder is added. */
const path = 'biome.json';
const config = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
config.overrides = boundaryOverrides(moduleFolders('.'));
writeFileSync(path, `${JSON.stringify(config, null, 2)}\n`);
execFileSync('npx', ['biome', 'format', '--write', path], { stdio: 'inherit' });
