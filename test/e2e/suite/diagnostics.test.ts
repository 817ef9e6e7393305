// The examples as a user opens them: each broken Service reported at the offending value, with the
// rule id and the API server's words; the seed example clean; files reported before they are opened.
import * as assert from 'node:assert/strict';
import { after, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { BROKEN_SERVICES, BROKEN_SERVICES_FINDINGS, SEED } from '../expectations';
import { activateExtension } from './features';
import {
  closeAllEditors,
  describeDiagnostic,
  describeExpected,
  diagnosticsOf,
  fileUri,
  openFile,
  ruleOf,
  severityOf,
  waitForDiagnostics,
} from './util';

const errorsOf = (ds: vscode.Diagnostic[]) => ds.filter((d) => d.severity === vscode.DiagnosticSeverity.Error);

describe('diagnostics on the examples', () => {
  before(async () => {
    await activateExtension();
  });
  after(closeAllEditors);

  it('reports a manifest of the workspace that is not open (background index)', async () => {
    const uri = fileUri(BROKEN_SERVICES);
    const ds = await waitForDiagnostics(uri, (d) => errorsOf(d).length >= BROKEN_SERVICES_FINDINGS.length, 'the workspace index to report broken-services.yaml');
    assert.deepEqual([...new Set(ds.map(ruleOf))].sort(), [...new Set(BROKEN_SERVICES_FINDINGS.map((f) => f.rule))].sort());
  });

  it('reports each broken Service on the wrong value, with its rule id, severity and the API server’s answer', async () => {
    const doc = await openFile(BROKEN_SERVICES);
    const text = doc.getText();
    const ds = await waitForDiagnostics(doc.uri, (d) => errorsOf(d).length >= BROKEN_SERVICES_FINDINGS.length, 'four errors');
    const expected = BROKEN_SERVICES_FINDINGS.map((f) => describeExpected(text, f)).sort();
    assert.deepEqual(errorsOf(ds).map(describeDiagnostic).sort(), expected);
    for (const f of BROKEN_SERVICES_FINDINGS) {
      const d = ds.find((x) => describeDiagnostic(x) === describeExpected(text, f))!;
      assert.ok(d.message.includes(f.message), `${f.rule}: message ${JSON.stringify(d.message)} lacks ${JSON.stringify(f.message)}`);
      assert.equal(severityOf(d), f.severity);
    }
  });

  it('links each diagnostic to its rule documentation', async () => {
    const ds = diagnosticsOf(fileUri(BROKEN_SERVICES));
    assert.ok(ds.length > 0);
    for (const d of ds) {
      const code = d.code;
      assert.ok(typeof code === 'object' && code !== null, `${ruleOf(d)} has no documentation link`);
      assert.match(code.target.path, new RegExp(`/docs/rules/${ruleOf(d)}\\.md$`));
    }
  });

  it('leaves the seed example without errors or warnings', async () => {
    // Barrier: broken-services.yaml was reported by the same indexing pass, so the seed has been checked too.
    await waitForDiagnostics(fileUri(BROKEN_SERVICES), (d) => d.length > 0, 'the workspace to be indexed');
    const doc = await openFile(SEED);
    await new Promise((r) => setTimeout(r, 500)); // an open document is re-validated; give it a moment
    const serious = diagnosticsOf(doc.uri).filter((d) => d.severity <= 1);
    assert.deepEqual(serious.map(describeDiagnostic), []);
  });
});
