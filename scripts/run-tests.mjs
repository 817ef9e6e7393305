// Runs the compiled unit, LSP and CLI tests with node's test runner. `npm test` builds first.
// Extra arguments filter test files by substring: `npm test -- lsp`. `--heavy` runs the soak tests
// instead (the server under load, memory over thousands of documents): `npm run test:heavy`, in CI.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const heavy = process.argv.includes('--heavy');
const roots = heavy ? ['build/test/heavy'] : ['build/test/unit', 'build/test/lsp', 'build/test/cli'];
const filters = process.argv.slice(2).filter((a) => a !== '--heavy');
const files = [];
const walk = (dir) => {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries.sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.js') && (filters.length === 0 || filters.some((f) => p.includes(f)))) files.push(p);
  }
};
roots.forEach(walk);
if (files.length === 0) {
  console.error('no test files found: run `npm test` (it compiles first)');
  process.exit(1);
}
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
