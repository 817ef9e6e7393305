// Completion, definition, references and the refactorings through the built server, on a
// workspace folder whose other files are not open: their facts come from the background index.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CompletionItem, CompletionList, Location, LocationLink, Position } from 'vscode-languageserver-protocol';
import { fileUri, TestClient } from '../support/lspClient';
import { applyWorkspaceEdit, codeActions, cursor, pick } from '../support/lspEdits';
import { repoPath } from '../support/repo';
import { positionOf } from '../support/routing';

const FIXTURE = repoPath('test', 'fixtures', 'workspaces', 'shop');

function copyWorkspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ksl-shop-'));
  for (const f of fs.readdirSync(FIXTURE)) fs.copyFileSync(path.join(FIXTURE, f), path.join(dir, f));
  return dir;
}

/** `file L:C` (1-based) of a location, relative to the workspace. */
function where(dir: string, uri: string, pos: Position): string {
  return `${path.relative(dir, new URL(uri).pathname)} ${pos.line + 1}:${pos.character + 1}`;
}

async function startIndexed(dir: string, options: { definitionLinks?: boolean } = {}): Promise<TestClient> {
  const client = await TestClient.start({ workspace: dir, ...options });
  const files = fs.readdirSync(dir).map((f) => fileUri(path.join(dir, f)));
  await client.waitFor('the workspace index', () => files.every((f) => client.diagnostics.has(f)));
  return client;
}

describe('workspace features through the language server', () => {
  let client: TestClient;
  let dir: string;
  const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');
  const uri = (f: string) => fileUri(path.join(dir, f));

  before(async () => {
    dir = copyWorkspace();
    client = await startIndexed(dir);
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('completes selector keys from pod templates in files that are not open', async () => {
    const { text, position } = cursor('apiVersion: v1\nkind: Service\nmetadata:\n  name: new\n  namespace: shop\nspec:\n  selector:\n    ap|\n');
    const typing = uri('typing.yaml');
    client.open(typing, text);
    const list = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: typing }, position });
    const sorted = [...list.items].sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    assert.deepEqual(
      sorted.map((i) => [i.label, i.detail]),
      [
        ['app: api', 'selects only Deployment api (api.yaml)'],
        ['app: db', 'selects only StatefulSet db (api.yaml)'],
        ['app: web', 'selects only Deployment web (web.yaml)'],
        ['app', 'on 3 pod templates'],
        ['tier', 'on 3 pod templates'],
        ['version', 'on Deployment web (web.yaml)'],
      ],
    );
    const app = sorted.find((i) => i.label === 'app')!;
    assert.deepEqual(app.textEdit, { range: { start: { line: 7, character: 4 }, end: { line: 7, character: 6 } }, newText: 'app: ' });
    assert.equal(app.command?.command, 'editor.action.triggerSuggest');
    client.close(typing);
  });

  it('completes an enum value right after the user typed `type: `, and a targetPort from the selected pods', async () => {
    const typing = uri('typing2.yaml');
    const { text, position } = cursor('apiVersion: v1\nkind: Service\nmetadata:\n  name: new\n  namespace: shop\nspec:\n  type: |\n  selector: {app: web}\n  ports:\n    - port: 80\n      targetPort: \n');
    client.open(typing, text);
    const types = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: typing }, position, context: { triggerKind: 2, triggerCharacter: ' ' } });
    assert.deepEqual(types.items.map((i: CompletionItem) => i.label), ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']);
    const ports = await client.request<CompletionList>('textDocument/completion', { textDocument: { uri: typing }, position: { line: 10, character: 18 } });
    assert.deepEqual(ports.items.map((i) => [i.label, i.detail]), [
      ['http', 'containerPort 8080 of container web in Deployment web (web.yaml)'],
      ['9090', 'containerPort 9090 of container web in Deployment web (web.yaml)'],
    ]);
    client.close(typing);
  });

  it('goes from a named targetPort and from a backend to their definitions in other files', async () => {
    const services = read('services.yaml');
    client.open(uri('services.yaml'), services);
    const defs = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: uri('services.yaml') }, position: positionOf(services, 'targetPort: http', 0, 13) });
    assert.deepEqual(defs.map((d) => where(dir, d.uri, d.range.start)), ['web.yaml 19:21']);
    const edge = read('edge.yaml');
    client.open(uri('edge.yaml'), edge);
    const svc = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: uri('edge.yaml') }, position: positionOf(edge, 'name: web', 0, 7) });
    assert.deepEqual(svc.map((d) => where(dir, d.uri, d.range.start)), ['services.yaml 4:9']);
    const none = await client.request<Location[] | null>('textDocument/definition', { textDocument: { uri: uri('edge.yaml') }, position: { line: 0, character: 0 } });
    assert.equal(none, null);
    client.close(uri('edge.yaml'));
  });

  it('finds the Services that use a container port and a pod label, with the declaration when asked', async () => {
    const web = read('web.yaml');
    client.open(uri('web.yaml'), web);
    const at = positionOf(web, 'containerPort: 8080');
    const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri: uri('web.yaml') }, position: at, context: { includeDeclaration: true } });
    assert.deepEqual(refs.map((r) => where(dir, r.uri, r.range.start)), ['web.yaml 19:15', 'services.yaml 13:19']);
    const label = await client.request<Location[]>('textDocument/references', { textDocument: { uri: uri('web.yaml') }, position: positionOf(web, 'app: web\n        tier'), context: { includeDeclaration: false } });
    assert.deepEqual(label.map((r) => where(dir, r.uri, r.range.start)), ['services.yaml 8:5']);
  });

  it('follows an unsaved edit: a label renamed in the editor no longer finds the Service', async () => {
    const web = read('web.yaml');
    client.change(uri('web.yaml'), web.replace('tier: front', 'tier: edge'));
    const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri: uri('web.yaml') }, position: positionOf(web, 'containerPort: 8080'), context: { includeDeclaration: false } });
    assert.deepEqual(refs, []);
    client.change(uri('web.yaml'), web);
    client.close(uri('web.yaml'));
  });

  it('"Expose as Service" adds a Service that the index then connects to the workload', async () => {
    const worker = uri('worker.yaml');
    const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: worker\n  namespace: shop\nspec:\n  template:\n    metadata:\n      labels: {app: worker, pod-template-hash: x1}\n    spec:\n      containers:\n        - name: w\n          ports: [{name: jobs, containerPort: 7070}]\n';
    client.open(worker, text);
    await client.waitForDiagnostics(worker);
    const at = (line: number) => ({ start: { line, character: 3 }, end: { line, character: 3 } });
    // The light bulb offers it on the lines that name the workload; the Refactor menu anywhere inside.
    assert.deepEqual((await codeActions(client, worker, at(10))).map((a) => a.title), []);
    assert.deepEqual((await codeActions(client, worker, at(10), [], ['refactor'])).map((a) => a.title), ['Expose Deployment worker as a Service']);
    const action = pick(await codeActions(client, worker, at(3)), 'Expose Deployment worker as a Service');
    assert.equal(action.kind, 'refactor.extract');
    const edited = applyWorkspaceEdit(new Map([[worker, text]]), action.edit).get(worker)!;
    assert.equal(
      edited,
      `${text}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: worker\n  namespace: shop\nspec:\n  selector:\n    app: worker\n  ports:\n    - name: jobs\n      port: 7070\n      targetPort: jobs\n`,
    );
    client.change(worker, edited);
    const refs = await client.request<Location[]>('textDocument/references', { textDocument: { uri: worker }, position: positionOf(text, 'containerPort'), context: { includeDeclaration: false } });
    assert.deepEqual(refs.map((r) => where(dir, r.uri, r.range.start)), ['worker.yaml 26:19']);
    client.close(worker);
  });

  it('"Use named port" names the container port in a file that is not open and points targetPort at it', async () => {
    const svcUri = uri('numeric.yaml');
    const svc = 'apiVersion: v1\nkind: Service\nmetadata: {name: metrics, namespace: shop}\nspec:\n  selector: {app: web}\n  ports:\n    - port: 80\n      targetPort: 9090 # scraped\n';
    client.open(svcUri, svc);
    await client.waitForDiagnostics(svcUri);
    const action = pick(await codeActions(client, svcUri, { start: { line: 7, character: 20 }, end: { line: 7, character: 20 } }, [], ['refactor']), /^Use named port/);
    assert.equal(action.title, 'Use named port: name container port 9090 "tcp-9090" and set targetPort to it');
    assert.equal(action.kind, 'refactor.rewrite');
    const web = read('web.yaml');
    const edited = applyWorkspaceEdit(new Map([[svcUri, svc], [uri('web.yaml'), web]]), action.edit);
    assert.equal(edited.get(svcUri), svc.replace('targetPort: 9090', 'targetPort: tcp-9090'));
    assert.equal(edited.get(uri('web.yaml')), web.replace('            - containerPort: 9090', '            - name: tcp-9090\n              containerPort: 9090'));
    // The editor saves the other file; the watcher tells the server.
    fs.writeFileSync(path.join(dir, 'web.yaml'), edited.get(uri('web.yaml'))!);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uri('web.yaml'), type: 2 }] });
    client.change(svcUri, edited.get(svcUri)!);
    const after = edited.get(svcUri)!;
    // The watched-file event is handled asynchronously: ask until the server has read the file.
    let defs: Location[] | null = null;
    for (let i = 0; i < 100 && !defs?.length; i++) {
      if (i > 0) await new Promise((r) => setTimeout(r, 50));
      defs = await client.request<Location[] | null>('textDocument/definition', { textDocument: { uri: svcUri }, position: positionOf(after, 'tcp-9090', 0, 2) });
    }
    assert.deepEqual((defs ?? []).map((d) => where(dir, d.uri, d.range.start)), ['web.yaml 21:21']);
    client.close(svcUri);
  });
});

describe('definition as LocationLinks', () => {
  it('returns the origin, the whole target and the part to select', async () => {
    const dir = copyWorkspace();
    const client = await startIndexed(dir, { definitionLinks: true });
    try {
      const services = fs.readFileSync(path.join(dir, 'services.yaml'), 'utf8');
      const svcUri = fileUri(path.join(dir, 'services.yaml'));
      client.open(svcUri, services);
      const links = await client.request<LocationLink[]>('textDocument/definition', { textDocument: { uri: svcUri }, position: positionOf(services, 'app: web', 0, 1) });
      assert.equal(links.length, 1);
      const link = links[0]!;
      assert.equal(where(dir, link.targetUri, link.targetSelectionRange.start), 'web.yaml 12:9');
      assert.deepEqual(link.targetRange, { start: { line: 11, character: 8 }, end: { line: 11, character: 16 } });
      assert.deepEqual(link.originSelectionRange, { start: { line: 7, character: 4 }, end: { line: 7, character: 12 } });
    } finally {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
