// What `npm run package` puts in the .vsix: the bundles, rule docs, schemas, README, CHANGELOG, LICENSE
// and the icon — nothing else (no sources, source maps, tests or node_modules).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { repoPath } from '../support/repo';

const SHIPPED = [
  /^package\.json$/,
  /^README\.md$/,
  /^CHANGELOG\.md$/,
  /^LICENSE$/,
  /^images\/icon\.png$/,
  /^client\/out\/extension\.js$/,
  /^server\/out\/(server|cli)\.js$/,
  /^docs\/rules\/[a-z0-9-]+\.md$/,
  /^schemas\/.+\.json$/,
];

const pkg = JSON.parse(fs.readFileSync(repoPath('package.json'), 'utf8'));

describe('extension package', () => {
  it('lists only the shipped files (vsce ls, after the build)', () => {
    const out = execFileSync(process.execPath, [repoPath('node_modules', '@vscode', 'vsce', 'vsce'), 'ls', '--no-dependencies'], {
      cwd: repoPath(),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    const files = out.split('\n').map((l) => l.trim()).filter(Boolean);
    const unexpected = files.filter((f) => !SHIPPED.some((re) => re.test(f)));
    assert.deepEqual(unexpected, []);
    for (const must of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'images/icon.png', 'client/out/extension.js', 'server/out/server.js', 'server/out/cli.js']) {
      assert.ok(files.includes(must), `${must} is not shipped`);
    }
    assert.ok(files.some((f) => f.startsWith('docs/rules/')), 'rule docs are not shipped');
  });

  it('has a 128×128 PNG icon', () => {
    assert.equal(pkg.icon, 'images/icon.png');
    const png = fs.readFileSync(repoPath(pkg.icon));
    assert.equal(png.subarray(1, 4).toString('ascii'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });

  it('documents every setting in the README settings table', () => {
    const readme = fs.readFileSync(repoPath('README.md'), 'utf8');
    const rows = new Set([...readme.matchAll(/^\| `([A-Za-z.]+)` \|/gm)].map((m) => m[1]));
    const missing = Object.keys(pkg.contributes.configuration.properties)
      .map((k) => k.replace(/^kubeServiceLens\./, ''))
      .filter((k) => !rows.has(k));
    assert.deepEqual(missing, []);
  });

  it('describes itself for the marketplace: categories, keywords, titled commands', () => {
    assert.ok(pkg.categories.includes('Linters'));
    assert.ok(pkg.keywords.includes('kubernetes'));
    const commands: Array<{ command: string; title: string }> = pkg.contributes.commands;
    assert.ok(commands.length > 0);
    for (const c of commands) assert.ok(c.command.startsWith('kubeServiceLens.') && c.title.length > 0, c.command);
  });
});
