// The quick fixes of the schema and pod rules, applied to the text: the file after the fix.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../support/applyEdits';
import { check } from '../support/check';

function fixed(text: string, rule: string, index = 0): string {
  const f = check({ 'f.yaml': text }).findings.filter((x) => x.rule === rule)[index];
  assert.ok(f, `no ${rule} finding`);
  assert.ok(f.fixes?.length, `${rule} has no fix: ${f.message}`);
  const after = applyEdits(text, f.fixes[0]!.edits);
  assert.deepEqual(check({ 'f.yaml': after }).findings.filter((x) => x.rule === rule).length, check({ 'f.yaml': text }).findings.filter((x) => x.rule === rule).length - 1, 'the fix removes the finding');
  return after;
}

const pod = (ports: string, extra = '') => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {app: p}\nspec:\n${extra}  containers:\n    - name: c\n      image: i\n      ports:\n${ports}`;

describe('quick fixes of the schema and pod rules', () => {
  it('schema-type: a quoted number becomes the number', () => {
    assert.equal(fixed(pod('        - containerPort: "8080"\n'), 'schema-type'), pod('        - containerPort: 8080\n'));
  });

  it('schema-type: a number or YAML 1.1 boolean for a string field is quoted as written', () => {
    // A Pod: on a Service, service-label-syntax owns label values (one problem, one diagnostic).
    const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: s\n  labels:\n    version: 1.0\n    canary: yes\nspec:\n  containers: [{name: c, image: nginx}]\n`;
    assert.match(fixed(text, 'schema-type', 0), /version: "1\.0"\n {4}canary: yes\n/);
    assert.match(fixed(text, 'schema-type', 1), /version: 1\.0\n {4}canary: "yes"\n/);
  });

  it('schema-unknown-field: renames the key to the nearest field', () => {
    assert.equal(fixed(pod('        - containerPort: 80\n          Protocol: UDP\n'), 'schema-unknown-field'), pod('        - containerPort: 80\n          protocol: UDP\n'));
    const svc = `apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports:\n    - port: 80\n      containerPort: 8080\n`;
    assert.match(fixed(svc, 'schema-unknown-field'), /- port: 80\n {6}targetPort: 8080\n/);
  });

  it('container-port-protocol: fixes the casing', () => {
    assert.equal(fixed(pod('        - {containerPort: 53, protocol: udp}\n'), 'container-port-protocol'), pod('        - {containerPort: 53, protocol: UDP}\n'));
  });

  it('container-port-name: renames to a valid IANA service name', () => {
    assert.equal(fixed(pod('        - {name: Http_Metrics, containerPort: 9090}\n'), 'container-port-name'), pod('        - {name: http-metrics, containerPort: 9090}\n'));
  });

  it('host-network-host-port: sets hostPort to containerPort', () => {
    assert.equal(fixed(pod('        - {containerPort: 8080, hostPort: 9090}\n', '  hostNetwork: true\n'), 'host-network-host-port'), pod('        - {containerPort: 8080, hostPort: 8080}\n', '  hostNetwork: true\n'));
  });
});
