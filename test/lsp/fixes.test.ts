// Every quick fix, applied through the built language server the way an editor applies it:
// diagnostics → codeAction → WorkspaceEdit → didChange → diagnostics again. The diagnostic must be
// gone, no new kind of problem may appear, and every byte outside the fix must be unchanged.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TestClient } from '../support/lspClient';
import { applyWorkspaceEdit, codeActions, pick, textAt } from '../support/lspEdits';
import { FIX_CASES, FixCase, swap } from './fixCases';

let caseNo = 0;

/** Until the (empty) workspace is indexed, cross-file rules are held back; a fix test must not see them arrive midway. */
async function indexed(client: TestClient): Promise<void> {
  await client.waitFor('the workspace index', () => client.logs.some((l) => l.startsWith('indexed ')));
}

async function runFixCase(client: TestClient, c: FixCase): Promise<void> {
  const base = `file:///fix-cases/${++caseNo}/`;
  const names = Object.keys(c.files);
  const uriOf = (name: string) => base + name;
  const primary = uriOf(c.file ?? names[0]!);
  const texts = new Map(names.map((n) => [uriOf(n), c.files[n]!]));
  for (const [uri, text] of texts) client.open(uri, text);
  try {
    const ofRule = (d: Diagnostic[]) => d.filter((x) => x.code === c.rule);
    const diags = await client.waitForDiagnostics(primary, (d) => ofRule(d).length > 0);
    const target = ofRule(diags).find((d) => c.at === undefined || textAt(texts.get(primary)!, d.range) === c.at);
    assert.ok(target, `no ${c.rule} diagnostic${c.at ? ` on \`${c.at}\`` : ''}: ${JSON.stringify(diags.map((d) => d.code))}`);

    const action = pick(await codeActions(client, primary, target.range, [target]), c.title);
    assert.equal(action.kind, 'quickfix');
    if (c.preferred !== undefined) assert.equal(action.isPreferred === true, c.preferred, `isPreferred of "${action.title}"`);
    const versions = new Map([...texts.keys()].map((u) => [u, client.version(u)!]));
    const edited = applyWorkspaceEdit(texts, action.edit, versions);

    for (const name of names) {
      const expected = c.after[name] ?? c.files[name]!;
      assert.equal(edited.get(uriOf(name)), expected, `${name} after "${action.title}"`);
    }
    for (const [uri, text] of edited) if (text !== texts.get(uri)) client.change(uri, text);

    const codesBefore = new Set(diags.map((d) => String(d.code)));
    const left = await client.waitForDiagnostics(primary, (d) => ofRule(d).length === (c.remaining ?? 0));
    const added = left.filter((d) => !codesBefore.has(String(d.code)));
    assert.deepEqual(added.map((d) => `${d.code}: ${d.message}`), [], 'the fix introduced new problems');
  } finally {
    for (const uri of texts.keys()) client.close(uri);
  }
}

describe('quick fixes through the language server', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start();
    await indexed(client);
  });
  after(async () => client.stop());

  for (const c of FIX_CASES) it(c.name, () => runFixCase(client, c));

  it('source.fixAll.kubeServiceLens applies every preferred fix of the file at once', async () => {
    const uri = 'file:///fix-all/svc.yaml';
    const text = `apiVersion: v1
kind: Service
metadata: {name: s}
spec:
  type: loadbalancer   # keep me
  ports:
    - {name: a, port: "53", protocol: udp}
    - {name: b, port: 80, protocol: Tcp}
`;
    const fixable = ['service-type', 'service-port-range', 'service-protocol'];
    const ofFixable = (d: Diagnostic[]) => d.filter((x) => fixable.includes(String(x.code)));
    client.open(uri, text);
    try {
      await client.waitForDiagnostics(uri, (d) => ofFixable(d).length === 4);
      const actions = await codeActions(client, uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']);
      assert.deepEqual(actions.map((a) => a.kind), ['source.fixAll.kubeServiceLens']);
      const edited = applyWorkspaceEdit(new Map([[uri, text]]), actions[0]!.edit).get(uri)!;
      assert.equal(edited, swap(text, ['loadbalancer', 'LoadBalancer'], ['"53"', '53'], ['udp', 'UDP'], ['Tcp', 'TCP']));
      client.change(uri, edited);
      await client.waitForDiagnostics(uri, (d) => ofFixable(d).length === 0);
      // Nothing left to fix: no action rather than an empty one.
      assert.deepEqual(await codeActions(client, uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']), []);
    } finally {
      client.close(uri);
    }
  });

  it('offers no quick fix for a diagnostic of an older version of the text', async () => {
    const uri = 'file:///fix-stale/svc.yaml';
    const text = 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  type: Nodeport\n  ports: [{port: 80}]\n';
    client.open(uri, text);
    try {
      const [stale] = (await client.waitForDiagnostics(uri, (d) => d.some((x) => x.code === 'service-type'))).filter((x) => x.code === 'service-type');
      client.change(uri, `# a new first line\n${text}`);
      const actions = await codeActions(client, uri, stale!.range, [stale!], ['quickfix']);
      assert.deepEqual(actions.map((a) => a.title), []);
    } finally {
      client.close(uri);
    }
  });

  it('ignores malformed fix data and diagnostics of other sources', async () => {
    const uri = 'file:///fix-bad-data/svc.yaml';
    const text = 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  type: Nodeport\n  ports: [{port: 80}]\n';
    client.open(uri, text);
    try {
      const [d] = (await client.waitForDiagnostics(uri, (x) => x.some((y) => y.code === 'service-type'))).filter((x) => x.code === 'service-type');
      const forged = { ...d!, data: { fixes: [{ title: 'bad', edits: [{ range: null, newText: 1 }] }, null, 'x'] } };
      const titles = (await codeActions(client, uri, d!.range, [forged], ['quickfix'])).map((a) => a.title);
      assert.deepEqual(titles, ['Disable service-type for this line', 'Disable service-type for this file']);
      const foreign = { ...d!, source: 'yaml' };
      assert.deepEqual(await codeActions(client, uri, d!.range, [foreign], ['quickfix']), []);
    } finally {
      client.close(uri);
    }
  });
});

describe('quick fixes with versioned documentChanges', () => {
  let client: TestClient;
  before(async () => {
    client = await TestClient.start({ documentChanges: true });
    await indexed(client);
  });
  after(async () => client.stop());

  it('addresses the open document by its current version', async () => {
    const uri = 'file:///versioned/svc.yaml';
    const text = 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  type: Nodeport\n  ports: [{port: 80}]\n';
    client.open(uri, text);
    await client.waitForDiagnostics(uri, (x) => x.some((y) => y.code === 'service-type'));
    // A second version whose diagnostics differ (they move down a line), so they are published again.
    client.change(uri, `# v2\n${text}`);
    const [d] = (await client.waitForDiagnostics(uri, (x) => x.some((y) => y.code === 'service-type'))).filter((x) => x.code === 'service-type');
    const action = pick(await codeActions(client, uri, d!.range, [d!]), /^Change (type )?to NodePort$/);
    const change = action.edit?.documentChanges?.[0];
    assert.ok(change && 'textDocument' in change);
    assert.deepEqual(change.textDocument, { uri, version: 2 });
    client.close(uri);
  });
});
