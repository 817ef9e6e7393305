// Changing kubeServiceLens.* settings in VS Code: the diagnostics follow without a reload.
import * as assert from 'node:assert/strict';
import { afterEach, before, describe, it } from 'mocha';
import * as vscode from 'vscode';
import { BROKEN_SERVICES, locate } from '../expectations';
import { activateExtension } from './features';
import { closeAllEditors, describeDiagnostic, diagnosticsOf, openFile, ruleOf, setSetting, spanOfRange, waitForDiagnostics } from './util';

/** The finding of `rules` on `covered` in the line containing `line`, if any. */
function findingAt(doc: vscode.TextDocument, rules: string[], line: string, covered: string): vscode.Diagnostic | undefined {
  const want = locate(doc.getText(), line, covered);
  return diagnosticsOf(doc.uri).find((d) => {
    const s = spanOfRange(d.range);
    return rules.includes(ruleOf(d)) && s.line === want.line && s.start === want.start && s.end === want.end;
  });
}

describe('settings', () => {
  before(async () => {
    await activateExtension();
  });
  afterEach(async () => {
    for (const key of ['rules', 'nodePortRange', 'serviceCIDRs']) await setSetting(key, undefined);
    await closeAllEditors();
  });

  it('kubeServiceLens.rules changes a rule’s severity, switches it off, and back', async () => {
    const doc = await openFile(BROKEN_SERVICES);
    const protocolIs = (severity: vscode.DiagnosticSeverity | 'absent') => (ds: vscode.Diagnostic[]) => {
      const d = ds.find((x) => ruleOf(x) === 'service-protocol');
      return severity === 'absent' ? d === undefined && ds.length > 0 : d?.severity === severity;
    };
    await waitForDiagnostics(doc.uri, protocolIs(vscode.DiagnosticSeverity.Error), 'service-protocol as an error');

    await setSetting('rules', { 'service-protocol': 'warning' });
    await waitForDiagnostics(doc.uri, protocolIs(vscode.DiagnosticSeverity.Warning), 'service-protocol as a warning');

    await setSetting('rules', { 'service-protocol': 'off' });
    const ds = await waitForDiagnostics(doc.uri, protocolIs('absent'), 'service-protocol switched off');
    assert.ok(ds.some((d) => ruleOf(d) === 'service-type'), 'other rules keep reporting');

    await setSetting('rules', undefined);
    await waitForDiagnostics(doc.uri, protocolIs(vscode.DiagnosticSeverity.Error), 'service-protocol back as an error');
  });

  it('kubeServiceLens.nodePortRange decides which nodePort is out of range', async function () {
    await activateExtension();
    const rules = ['service-node-port-range']; // A-NP-1
    const doc = await openFile('node-port.yaml');
    const outOfRange = () => findingAt(doc, rules, 'nodePort: 29999', '29999');
    await waitForDiagnostics(doc.uri, () => outOfRange()?.severity === vscode.DiagnosticSeverity.Error, `${rules.join('|')} on nodePort 29999 (default range 30000-32767)`);
    assert.match(outOfRange()!.message, /30000-32767/);

    await setSetting('nodePortRange', '20000-29999');
    const ds = await waitForDiagnostics(doc.uri, () => outOfRange() === undefined, 'no finding once the range is 20000-29999');
    assert.ok(!ds.some((d) => rules.includes(ruleOf(d)) && d.message.includes('29999')), ds.map(describeDiagnostic).join(', '));

    await setSetting('nodePortRange', '30000-30100');
    await waitForDiagnostics(doc.uri, () => /30000-30100/.test(outOfRange()?.message ?? ''), 'the finding again, naming the range 30000-30100');
  });

  it('kubeServiceLens.serviceCIDRs decides which clusterIP is out of range', async function () {
    await activateExtension();
    const rules = ['service-cluster-ip-range']; // A-IP-6
    const doc = await openFile('cluster-ip.yaml');
    const outside = () => findingAt(doc, rules, 'clusterIP: 10.0.0.10', '10.0.0.10');
    await waitForDiagnostics(doc.uri, () => outside()?.severity === vscode.DiagnosticSeverity.Error, `${rules.join('|')} on clusterIP 10.0.0.10 (default CIDR 10.96.0.0/12)`);

    await setSetting('serviceCIDRs', ['10.0.0.0/16']);
    await waitForDiagnostics(doc.uri, () => outside() === undefined, 'no finding once 10.0.0.0/16 is a Service CIDR');

    await setSetting('serviceCIDRs', undefined);
    await waitForDiagnostics(doc.uri, () => outside() !== undefined, 'the finding again with the default CIDR');
  });
});
