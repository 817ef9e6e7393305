// The CLI on hostile files and folders: a 50 MB file, invalid UTF-8, binary files, BOM and CRLF,
// symlink loops, FIFOs and unreadable files. It finishes, prints one valid JSON array with one
// information per skipped file, and writes nothing but its output.
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { repoPath } from '../support/repo';

const CLI = repoPath('server', 'out', 'cli.js');
const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: Nodeport\n  ports:\n    - port: 80\n';

interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  rule: string;
  message: string;
}

/**
 * The findings these tests are about: the planted `type: Nodeport` and the skipped files. The bare
 * Service fixture also gets cross-file informations (no selector, same name in several files) that
 * are beside the point here.
 */
const ABOUT = new Set(['service-type', 'file-skipped']);

function lint(args: string[], cwd: string): { code: number | null; findings: JsonFinding[]; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, '--format', 'json', ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  const all = JSON.parse(r.stdout) as JsonFinding[];
  return { code: r.status, findings: all.filter((f) => ABOUT.has(f.rule)), stderr: r.stderr };
}

const brief = (f: JsonFinding) => `${path.basename(f.file)} ${f.rule} ${f.severity} ${f.line}:${f.column}-${f.endLine}:${f.endColumn}`;

/** Every entry under `dir` with its type, size and modification time. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d).sort()) {
      const p = path.join(d, name);
      const st = fs.lstatSync(p);
      out.push(`${path.relative(dir, p)} ${st.isDirectory() ? 'dir' : st.isSymbolicLink() ? 'link' : st.isFIFO() ? 'fifo' : 'file'} ${st.isDirectory() ? '' : st.size} ${st.mtimeMs}`);
      if (st.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

describe('cli on hostile files', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ksl-hostile-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('skips a 50 MB file without reading it, with one information', () => {
    const big = path.join(dir, 'big.yaml');
    fs.writeFileSync(big, `${SERVICE}data: "`);
    fs.truncateSync(big, 50 * 1024 * 1024);
    const r = lint([big], dir);
    fs.rmSync(big);
    assert.equal(r.code, 0);
    assert.deepEqual(r.findings.map(brief), ['big.yaml file-skipped information 1:1-1:1']);
    assert.match(r.findings[0]!.message, /^File skipped: 50\.0 MiB is over the 4\.0 MiB limit \(setting maxFileSizeMB\)/);
  });

  it('skips invalid UTF-8 and binary files with one information at the first bad byte', () => {
    const sub = path.join(dir, 'bytes');
    fs.mkdirSync(sub);
    fs.writeFileSync(path.join(sub, 'latin1.yaml'), Buffer.concat([Buffer.from('apiVersion: v1\nkind: Service\nmetadata:\n  name: caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    fs.writeFileSync(path.join(sub, 'image.yaml'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    fs.writeFileSync(path.join(sub, 'utf16.yaml'), Buffer.from(`\uFEFF${SERVICE}`, 'utf16le'));
    const r = lint([sub], dir);
    assert.equal(r.code, 0);
    assert.deepEqual(r.findings.map(brief), ['image.yaml file-skipped information 1:1-1:1', 'latin1.yaml file-skipped information 4:12-4:12', 'utf16.yaml file-skipped information 1:1-1:1']);
    assert.match(r.findings[1]!.message, /invalid UTF-8 \(line 4\)/);
  });

  it('reports the same positions for LF, CRLF and a file with a BOM', () => {
    const sub = path.join(dir, 'endings');
    fs.mkdirSync(sub);
    fs.writeFileSync(path.join(sub, 'a-lf.yaml'), SERVICE);
    fs.writeFileSync(path.join(sub, 'b-crlf.yaml'), SERVICE.replace(/\n/g, '\r\n'));
    fs.writeFileSync(path.join(sub, 'c-bom-crlf.yaml'), `\uFEFF${SERVICE.replace(/\n/g, '\r\n')}`);
    const r = lint([sub], dir);
    assert.deepEqual(r.findings.map(brief), ['a-lf.yaml service-type error 6:9-6:17', 'b-crlf.yaml service-type error 6:9-6:17', 'c-bom-crlf.yaml service-type error 6:9-6:17']);
  });

  it('analyses one large document that the editor would skip', () => {
    const big = path.join(dir, 'large-document.yaml');
    fs.writeFileSync(big, `${SERVICE}  selector:\n${Array.from({ length: 6000 }, (_, i) => `    k${i}: "${'x'.repeat(40)}"\n`).join('')}`);
    const r = lint([big], dir);
    fs.rmSync(big);
    assert.deepEqual(r.findings.map(brief), ['large-document.yaml service-type error 6:9-6:17']);
  });
});

describe('cli on hostile folders', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ksl-folders-'));
    fs.mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'a', 'svc.yaml'), SERVICE);
    fs.symlinkSync('.', path.join(dir, 'loop'), 'dir'); // loop -> the folder itself
    fs.symlinkSync('..', path.join(dir, 'a', 'b', 'up'), 'dir'); // a/b/up -> a
    fs.symlinkSync('self.yaml', path.join(dir, 'self.yaml')); // a link to itself: ELOOP
    fs.symlinkSync('nowhere.yaml', path.join(dir, 'dangling.yaml'));
    execFileSync('mkfifo', [path.join(dir, 'fifo.yaml')]); // reading it would block forever
    fs.writeFileSync(path.join(dir, 'locked.yaml'), SERVICE);
    fs.chmodSync(path.join(dir, 'locked.yaml'), 0o000);
    fs.writeFileSync(path.join(dir, '.kube-service-lens.yaml'), 'rules:\n  service-type: warning\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('scans through symlink loops, dangling links and FIFOs: each file once, each problem named on stderr', () => {
    const r = lint(['.'], dir);
    const root = process.getuid?.() === 0; // root reads a file whatever its mode
    assert.deepEqual(
      r.findings.map(brief),
      root ? ['svc.yaml service-type warning 6:9-6:17', 'locked.yaml service-type warning 6:9-6:17'] : ['svc.yaml service-type warning 6:9-6:17', 'locked.yaml file-skipped information 1:1-1:1'],
    );
    if (!root) assert.match(r.findings[1]!.message, /^File skipped: it cannot be read \(EACCES\)\.$/);
    assert.match(r.stderr, /skipped .*self\.yaml: broken symlink/);
    assert.match(r.stderr, /skipped .*dangling\.yaml: broken symlink/);
    assert.equal(r.code, 0);
  });

  it('skips a FIFO named on the command line without reading it, with one information', () => {
    const r = lint(['fifo.yaml'], dir);
    assert.deepEqual(r.findings.map(brief), ['fifo.yaml file-skipped information 1:1-1:1']);
    assert.equal(r.findings[0]!.message, 'File skipped: it is not a regular file.');
  });

  it('writes nothing: the tree is the same after text, JSON and SARIF runs', () => {
    const before = snapshot(dir);
    const run = (args: string[], input?: string) => {
      const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000, ...(input === undefined ? {} : { input }) });
      // Each run must have done its work, or "nothing written" would prove nothing.
      assert.equal(r.status, 0, `${args.join(' ')} exited with ${r.status} (${r.signal ?? 'no signal'}): ${r.stderr}`);
      return r.stdout;
    };
    assert.match(run(['--format', 'text', '.']), /^a\/svc\.yaml:6:9: warning: .*\[service-type\]$/m);
    const json = JSON.parse(run(['--format', 'json', '.'])) as JsonFinding[];
    assert.ok(json.some((f) => f.file === 'a/svc.yaml' && f.rule === 'service-type' && f.line === 6), `no service-type finding in the JSON: ${JSON.stringify(json.map((f) => f.rule))}`);
    const sarif = JSON.parse(run(['--format', 'sarif', '.'])) as { version: string; runs: Array<{ results: Array<{ ruleId: string }> }> };
    assert.equal(sarif.version, '2.1.0');
    assert.ok(sarif.runs[0]?.results.some((r) => r.ruleId === 'service-type'), 'no service-type result in the SARIF log');
    assert.match(run(['-'], SERVICE), /^<stdin>:6:9: warning: .*\[service-type\]$/m);
    assert.deepEqual(snapshot(dir), before);
  });
});
