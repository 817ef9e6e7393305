import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../support/check';

// A selector-less Service with its hand-made Endpoints (so service-without-selector stays quiet).
const svc = (lines: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n${lines}---\napiVersion: v1\nkind: Endpoints\nmetadata: {name: s}\n`;

describe('suppression comments', () => {
  it('disable-next-line silences the named rule on the next non-comment line only', () => {
    const text = svc('  # kube-service-lens-disable-next-line service-type -- migrating\n  # another comment\n  type: Nodeport\n  ports:\n    - port: 0\n');
    assert.deepEqual(check({ 'f.yaml': text }).findings.map((f) => f.rule), ['service-port-range']);
  });

  it('a different rule id on the marker does not silence the finding', () => {
    const text = svc('  # kube-service-lens-disable-next-line service-protocol\n  type: Nodeport\n  ports: [{port: 80}]\n');
    assert.deepEqual(check({ 'f.yaml': text }).findings.map((f) => f.rule), ['service-type']);
  });

  it('the file-level form silences a rule (or, without ids, every rule) in the whole file', () => {
    const one = `# kube-service-lens-disable service-type\n${svc('  type: Nodeport\n  ports: [{port: 0}]\n')}`;
    assert.deepEqual(check({ 'f.yaml': one }).findings.map((f) => f.rule), ['service-port-range']);
    const all = `# kube-service-lens-disable\n${svc('  type: Nodeport\n  ports: [{port: 0}]\n')}`;
    assert.deepEqual(check({ 'f.yaml': all }).findings, []);
  });
});
