// The built server over stdio: open, edit, broken documents, watched files, settings.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { fileUri, TestClient } from '../support/lspClient';

const SERVICE = (type: string, port: string | number = 80) => `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: ${type}
  ports:
    - port: ${port}
`;

// These tests are about the transport, on selector-less Services that share a name: the cross-file
// rules that would add findings to them (tested by their fixtures) are off here.
const CROSS_FILE_OFF = { 'service-without-selector': 'off', 'service-duplicate': 'off', 'service-duplicate-across-files': 'off' };

describe('language server over stdio', () => {
  let client: TestClient;
  const uri = 'file:///virtual/svc.yaml';

  before(async () => {
    client = await TestClient.start({ settings: { rules: CROSS_FILE_OFF } });
  });
  after(async () => client.stop());

  it('publishes diagnostics with rule code, source and the exact range of the value', async () => {
    client.open(uri, SERVICE('Nodeport'));
    const diags = await client.waitForDiagnostics(uri, (d) => d.length > 0);
    assert.equal(diags.length, 1);
    const d = diags[0]!;
    assert.equal(d.code, 'service-type');
    assert.equal(d.source, 'kube-service-lens');
    assert.equal(d.severity, 1);
    assert.deepEqual(d.range, { start: { line: 5, character: 8 }, end: { line: 5, character: 16 } });
    assert.match(String(d.message), /did you mean "NodePort"/);
    assert.match(d.codeDescription?.href ?? '', /docs\/rules\/service-type\.md$/);
    assert.ok(fs.existsSync(fileURLToPath(d.codeDescription!.href)), `${d.codeDescription!.href} is not the shipped doc page`);
  });

  it('follows edits: fixing the value clears the diagnostic, breaking another brings one back', async () => {
    client.change(uri, SERVICE('NodePort'));
    await client.waitForDiagnostics(uri, (d) => d.length === 0);
    client.change(uri, SERVICE('NodePort', 70000));
    const diags = await client.waitForDiagnostics(uri, (d) => d.length === 1);
    assert.equal(diags[0]!.code, 'service-port-range');
    assert.equal(diags[0]!.range.start.line, 7);
  });

  it('keeps the findings of other documents when one document has a syntax error', async () => {
    const text = `${SERVICE('Nodeport')}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: [broken\n---\n${SERVICE('ClusterIP', '"80"')}`;
    client.change(uri, text);
    const diags = await client.waitForDiagnostics(uri, (d) => d.length >= 3);
    assert.deepEqual(diags.map((d) => d.code).sort(), ['service-port-range', 'service-type', 'yaml-syntax']);
  });

  it('survives hostile input and keeps serving', async () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
    for (let i = 0; i < 12; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`);
    const other = 'file:///virtual/bomb.yaml';
    client.open(other, `apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n${bomb.join('\n')}\nspec:\n  type: Nodeport\n  ports: [{port: 1}]\n`);
    const diags = await client.waitForDiagnostics(other, (d) => d.some((x) => x.code === 'service-type'));
    // The bomb itself is reported (and the rest of the document still linted): the alias expansion,
    // the 13 keys a Service has no field for, and the planted type. service-without-selector, a
    // cross-file information, is beside the point (it may wait for the workspace index).
    const codes = diags.map((d) => String(d.code)).filter((c) => c !== 'service-without-selector');
    assert.deepEqual([...new Set(codes)].sort(), ['schema-unknown-field', 'service-type', 'yaml-excessive-aliasing']);
    assert.equal(codes.filter((c) => c === 'schema-unknown-field').length, 13);
    client.change(uri, SERVICE('LoadBalancer'));
    await client.waitForDiagnostics(uri, (d) => d.length === 0);
  });

  it('clears diagnostics of a closed file that is not on disk', async () => {
    const other = 'file:///virtual/closed.yaml';
    client.open(other, SERVICE('Nodeport'));
    await client.waitForDiagnostics(other, (d) => d.length === 1);
    client.close(other);
    await client.waitFor('cleared diagnostics', () => client.diagnostics.get(other)?.diagnostics.length === 0);
  });
});

describe('language server with a workspace folder', () => {
  let client: TestClient;
  let dir: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ksl-ws-'));
    fs.writeFileSync(path.join(dir, 'a.yaml'), SERVICE('Nodeport'));
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.writeFileSync(path.join(dir, 'node_modules', 'ignored.yaml'), SERVICE('Nodeport'));
    client = await TestClient.start({ workspace: dir, settings: { rules: CROSS_FILE_OFF } });
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('indexes the workspace in the background and publishes for files that are not open', async () => {
    const diags = await client.waitForDiagnostics(fileUri(path.join(dir, 'a.yaml')), (d) => d.length === 1);
    assert.equal(diags[0]!.code, 'service-type');
    assert.equal(client.diagnostics.has(fileUri(path.join(dir, 'node_modules', 'ignored.yaml'))), false);
  });

  it('follows watched-file events: a created file is checked, a deleted one cleared', async () => {
    const b = path.join(dir, 'b.yaml');
    fs.writeFileSync(b, SERVICE('ClusterIP', 0));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(b), type: 1 }] });
    const diags = await client.waitForDiagnostics(fileUri(b), (d) => d.length === 1);
    assert.equal(diags[0]!.code, 'service-port-range');
    fs.rmSync(b);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(b), type: 3 }] });
    await client.waitForDiagnostics(fileUri(b), (d) => d.length === 0);
  });

  it('applies per-rule severity settings when the configuration changes', async () => {
    client.settings = { rules: { ...CROSS_FILE_OFF, 'service-type': 'warning' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    const diags = await client.waitForDiagnostics(fileUri(path.join(dir, 'a.yaml')), (d) => d.length === 1 && d[0]!.severity === 2);
    assert.equal(diags[0]!.code, 'service-type');
    client.settings = { rules: { ...CROSS_FILE_OFF, 'service-type': 'off' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await client.waitForDiagnostics(fileUri(path.join(dir, 'a.yaml')), (d) => d.length === 0);
  });

  it('re-reads the workspace for a setting that per-file analysis reads (node port range), and only for such', async () => {
    const indexRuns = () => client.logs.filter((l) => l.startsWith('indexed ')).length;
    const runs = indexRuns();
    // Severities (previous test) were applied by re-publishing: no new index run since the first.
    assert.equal(runs, 1);
    client.settings = { rules: CROSS_FILE_OFF, nodePortRange: '30000-30100' };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await client.waitFor('a new index run', () => indexRuns() === runs + 1);
    await client.waitForDiagnostics(fileUri(path.join(dir, 'a.yaml')), (d) => d.length === 1 && d[0]!.code === 'service-type');
  });
});
