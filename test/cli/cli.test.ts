// The CLI as CI uses it: exit codes, the exact JSON contract, text and SARIF, folders.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { repoPath } from '../support/repo';

const CLI = repoPath('server', 'out', 'cli.js');

function run(args: string[], options: { cwd?: string; input?: string } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: options.cwd ?? repoPath(), input: options.input ?? '', encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ksl-cli-'));
    fs.mkdirSync(path.join(dir, 'sub'));
    // Selector-less Services, each with its hand-made Endpoints (else service-without-selector speaks up).
    const endpoints = (name: string) => `---\napiVersion: v1\nkind: Endpoints\nmetadata:\n  name: ${name}\n`;
    fs.writeFileSync(path.join(dir, 'ok.yaml'), `apiVersion: v1\nkind: Service\nmetadata:\n  name: ok\nspec:\n  ports:\n    - port: 80\n${endpoints('ok')}`);
    fs.writeFileSync(path.join(dir, 'sub', 'bad.yml'), `apiVersion: v1\nkind: Service\nmetadata:\n  name: bad\nspec:\n  type: Nodeport\n  ports:\n    - port: 80\n${endpoints('bad')}`);
    fs.writeFileSync(path.join(dir, 'sub', 'notes.txt'), 'type: Nodeport\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints exactly one JSON array with the contract keys in order, 1-based positions', () => {
    const r = run(['--format', 'json', dir]);
    assert.equal(r.code, 1);
    const parsed = JSON.parse(r.stdout);
    assert.ok(Array.isArray(parsed));
    assert.equal(parsed.length, 1);
    assert.deepEqual(Object.keys(parsed[0]), ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'rule', 'message']);
    assert.deepEqual(parsed[0], {
      file: path.join(dir, 'sub', 'bad.yml'),
      line: 6,
      column: 9,
      endLine: 6,
      endColumn: 17,
      severity: 'error',
      rule: 'service-type',
      message: parsed[0].message,
    });
    assert.match(parsed[0].message, /did you mean "NodePort"/);
  });

  it('exits 0 without error findings and prints [] in JSON', () => {
    const r = run(['--format=json', path.join(dir, 'ok.yaml')]);
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.stdout), []);
  });

  it('reports like a compiler in text format', () => {
    const r = run([path.join(dir, 'sub')]);
    assert.equal(r.code, 1);
    const first = r.stdout.split('\n')[0];
    assert.equal(first, `${path.join(dir, 'sub', 'bad.yml')}:6:9: error: ${first!.split(': error: ')[1]}`);
    assert.match(first!, / \[service-type\]$/);
    assert.match(r.stdout, /1 file checked: 1 errors, 0 warnings/);
  });

  it('writes SARIF 2.1.0 with real regions and rule metadata', () => {
    const r = run(['--format', 'sarif', dir]);
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, '2.1.0');
    const run0 = sarif.runs[0];
    assert.equal(run0.tool.driver.name, 'kube-service-lens');
    assert.deepEqual(run0.tool.driver.rules.map((x: { id: string }) => x.id), ['service-type']);
    assert.deepEqual(run0.results[0].locations[0].physicalLocation.region, { startLine: 6, startColumn: 9, endLine: 6, endColumn: 17 });
    assert.equal(run0.results[0].level, 'error');
  });

  it('reads standard input for -', () => {
    const r = run(['--format', 'json', '-'], { input: 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [{port: 0}]\n' });
    assert.equal(r.code, 1);
    assert.equal(JSON.parse(r.stdout)[0].file, '<stdin>');
  });

  it('exits 2 on bad usage: unknown option, bad format, missing path, no path', () => {
    assert.equal(run(['--frobnicate', dir]).code, 2);
    assert.equal(run(['--format', 'xml', dir]).code, 2);
    assert.equal(run([path.join(dir, 'missing.yaml')]).code, 2);
    const none = run([]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /Usage: kube-service-lens/);
  });

  it('takes settings from --config: a rule turned off or down', () => {
    const config = path.join(dir, 'config.yaml');
    fs.writeFileSync(config, 'rules:\n  service-type: warning\n');
    const r = run(['--format', 'json', '--config', config, dir]);
    assert.equal(r.code, 0);
    assert.equal(JSON.parse(r.stdout)[0].severity, 'warning');
    fs.writeFileSync(config, 'rules:\n  service-type: off\n');
    assert.deepEqual(JSON.parse(run(['--format', 'json', '--config', config, dir]).stdout), []);
  });

  it('finds .kube-service-lens.yaml in the current folder', () => {
    fs.writeFileSync(path.join(dir, '.kube-service-lens.yaml'), 'rules:\n  service-type: hint\n');
    try {
      const r = run(['--format', 'json', '.'], { cwd: dir });
      assert.equal(JSON.parse(r.stdout)[0].severity, 'hint');
      assert.equal(JSON.parse(r.stdout)[0].file, 'sub/bad.yml');
    } finally {
      fs.rmSync(path.join(dir, '.kube-service-lens.yaml'));
    }
  });
});
