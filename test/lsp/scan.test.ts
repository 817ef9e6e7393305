// The built server indexing a hostile workspace: symlink loops, a dangling link, a FIFO, a file over
// the size limit, invalid UTF-8 and (when not running as root) an unreadable file. Indexing ends,
// every skipped file gets one information diagnostic saying why, and real findings are published.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileUri, TestClient } from '../support/lspClient';

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  type: Nodeport\n  ports:\n    - port: 80\n';

describe('language server indexing a hostile workspace', () => {
  let client: TestClient;
  let dir: string;
  const root = process.getuid?.() === 0;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ksl-hostile-ws-'));
    fs.mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'a', 'svc.yaml'), SERVICE);
    fs.symlinkSync('.', path.join(dir, 'loop'), 'dir');
    fs.symlinkSync('..', path.join(dir, 'a', 'b', 'up'), 'dir');
    fs.symlinkSync('self.yaml', path.join(dir, 'self.yaml'));
    fs.symlinkSync('nowhere.yaml', path.join(dir, 'dangling.yaml'));
    execFileSync('mkfifo', [path.join(dir, 'fifo.yaml')]);
    fs.writeFileSync(path.join(dir, 'big.yaml'), SERVICE);
    fs.truncateSync(path.join(dir, 'big.yaml'), 5 * 1024 * 1024);
    fs.writeFileSync(path.join(dir, 'latin1.yaml'), Buffer.concat([Buffer.from('metadata:\n  name: caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    fs.writeFileSync(path.join(dir, 'locked.yaml'), SERVICE);
    fs.chmodSync(path.join(dir, 'locked.yaml'), 0o000);
    // The bare Service fixture also gets cross-file informations (no selector, the same name in
    // several files) that are beside the point of these tests.
    client = await TestClient.start({ workspace: dir, settings: { rules: { 'service-without-selector': 'off', 'service-duplicate-across-files': 'off' } } });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('finishes indexing and publishes the findings of the readable manifest, once', async () => {
    const diags = await client.waitForDiagnostics(fileUri(path.join(dir, 'a', 'svc.yaml')), (d) => d.length === 1, 30_000);
    assert.equal(diags[0]!.code, 'service-type');
    await client.waitFor('the end of indexing', () => client.logs.some((l) => /^indexed \d+ manifests/.test(l)), 30_000);
    const viaLinks = [...client.diagnostics.keys()].filter((u) => u.includes('/loop/') || u.includes('/up/'));
    assert.deepEqual(viaLinks, [], 'nothing is indexed twice through a symlink');
    assert.equal(client.diagnostics.has(fileUri(path.join(dir, 'fifo.yaml'))), false, 'a FIFO is never read');
  });

  it('publishes one information for each file it skips, saying why', async () => {
    const big = await client.waitForDiagnostics(fileUri(path.join(dir, 'big.yaml')), (d) => d.length === 1, 30_000);
    assert.equal(big[0]!.code, 'file-skipped');
    assert.equal(big[0]!.severity, 3);
    assert.match(String(big[0]!.message), /^File skipped: 5\.0 MiB is over the 4\.0 MiB limit \(setting maxFileSizeMB\)/);
    const latin1 = await client.waitForDiagnostics(fileUri(path.join(dir, 'latin1.yaml')), (d) => d.length === 1, 30_000);
    assert.equal(latin1[0]!.code, 'file-skipped');
    assert.deepEqual(latin1[0]!.range.start, { line: 1, character: 11 });
    const locked = await client.waitForDiagnostics(fileUri(path.join(dir, 'locked.yaml')), (d) => d.length === 1, 30_000);
    if (root) assert.equal(locked[0]!.code, 'service-type', 'root reads a file whatever its mode');
    else assert.match(String(locked[0]!.message), /^File skipped: it cannot be read \(EACCES\)\.$/);
  });

  it('logs the links it cannot follow and keeps serving', async () => {
    assert.ok(client.logs.some((l) => /skipped .*self\.yaml: broken symlink/.test(l)));
    assert.ok(client.logs.some((l) => /skipped .*dangling\.yaml: broken symlink/.test(l)));
    const uri = 'file:///virtual/after-scan.yaml';
    client.open(uri, SERVICE);
    assert.equal((await client.waitForDiagnostics(uri, (d) => d.length === 1))[0]!.code, 'service-type');
  });
});
