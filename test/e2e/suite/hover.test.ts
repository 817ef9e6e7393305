// The routing preview: hovering the seed Service shows where its traffic goes.
import * as assert from 'node:assert/strict';
import { afterEach, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { locate, SEED, SEED_ROUTING } from '../expectations';
import { activateExtension } from './features';
import { closeAllEditors, hoverText, openFile, setSetting } from './util';

async function hoverOnServiceName(): Promise<string> {
  const doc = await openFile(SEED);
  const at = locate(doc.getText(), 'name: service-backend', 'service-backend');
  const position = new vscode.Position(at.line, at.start + 3);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, position);
  return hoverText(hovers ?? []);
}

describe('hover', () => {
  afterEach(async () => {
    await setSetting('clusterDomain', undefined);
    await closeAllEditors();
  });

  it('on the seed Service shows the routing preview: DNS name, port chain and the workload that receives the traffic', async function () {
    const api = await activateExtension();
    assert.ok(api.serverCapabilities?.hoverProvider, 'the language server announces hoverProvider');
    // The index may still be building right after start: ask until the preview names the workload.
    let last = '';
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      last = await hoverOnServiceName();
      if (SEED_ROUTING.every((s) => last.includes(s))) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    for (const s of SEED_ROUTING) assert.ok(last.includes(s), `hover lacks ${JSON.stringify(s)}:\n${last}`);
  });

  it('follows kubeServiceLens.clusterDomain', async function () {
    const api = await activateExtension();
    assert.ok(api.serverCapabilities?.hoverProvider, 'the language server announces hoverProvider');
    await setSetting('clusterDomain', 'corp.example');
    let last = '';
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && !last.includes('service-backend.default.svc.corp.example')) {
      last = await hoverOnServiceName();
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(last.includes('service-backend.default.svc.corp.example'), `hover does not use the cluster domain:\n${last}`);
  });
});
