// The quick fixes of the Service rules, applied to the file as an editor would: the text after the
// fix, byte for byte, and the rule quiet on it afterwards.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding, Fix } from '../../server/src/engine/types';
import { applyEdits } from '../support/applyEdits';
import { check } from '../support/check';

function findings(text: string, rule: string, settings: Record<string, unknown> = {}): Finding[] {
  return check({ 'svc.yaml': text }, settings).findings.filter((f) => f.rule === rule);
}

/** Applies the fix titled `title` (or the preferred one) of the `nth` finding of `rule`. */
function applyFix(text: string, rule: string, title?: string, nth = 0): string {
  const f = findings(text, rule)[nth];
  assert.ok(f, `no ${rule} finding #${nth}`);
  const fixes: Fix[] = f.fixes ?? [];
  const chosen = title ? fixes.find((x) => x.title === title) : fixes.find((x) => x.preferred);
  assert.ok(chosen, `no fix ${title ?? '(preferred)'} on ${rule}; have: ${fixes.map((x) => `${x.title}${x.preferred ? ' *' : ''}`).join(', ')}`);
  return applyEdits(text, chosen.edits);
}

const svc = (spec: string, name = 'web') => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n${spec}`;

describe('Service quick fixes', () => {
  it('repairs the casing of enum values, keeping quotes', () => {
    const cases: Array<[string, string, string]> = [
      ['service-type', '  type: Nodeport\n  ports: [{port: 80}]\n', '  type: NodePort\n  ports: [{port: 80}]\n'],
      ['service-protocol', '  ports:\n    - {port: 53, protocol: "udp"}\n', '  ports:\n    - {port: 53, protocol: "UDP"}\n'],
      ['service-session-affinity', '  sessionAffinity: ClientIp # sticky\n  ports: [{port: 80}]\n', '  sessionAffinity: ClientIP # sticky\n  ports: [{port: 80}]\n'],
      ['service-traffic-policy', '  type: NodePort\n  externalTrafficPolicy: local\n  ports: [{port: 80}]\n', '  type: NodePort\n  externalTrafficPolicy: Local\n  ports: [{port: 80}]\n'],
      ['service-ip-families', "  ipFamilies: ['ipv6']\n  ports: [{port: 80}]\n", "  ipFamilies: ['IPv6']\n  ports: [{port: 80}]\n"],
    ];
    for (const [rule, before, after] of cases) {
      assert.equal(applyFix(svc(before), rule), svc(after), rule);
      assert.deepEqual(findings(svc(after), rule), [], `${rule} after the fix`);
    }
  });

  it('turns a quoted numeric targetPort into the number', () => {
    const before = svc('  ports:\n    - port: 80\n      targetPort: "8080" # app\n');
    const after = svc('  ports:\n    - port: 80\n      targetPort: 8080 # app\n');
    assert.equal(applyFix(before, 'service-target-port'), after);
    assert.deepEqual(findings(after, 'service-target-port'), []);
  });

  it('names every unnamed port at once, from appProtocol, well-known numbers or the number', () => {
    const before = svc(
      '  ports:\n    - port: 80\n      targetPort: 8080\n    - port: 443\n    - {port: 50051, appProtocol: kubernetes.io/h2c}\n    - port: 9999\n    - name: http\n      port: 8080\n',
    );
    const after = svc(
      '  ports:\n    - name: http-80\n      port: 80\n      targetPort: 8080\n    - name: https\n      port: 443\n    - {name: h2c, port: 50051, appProtocol: kubernetes.io/h2c}\n    - name: port-9999\n      port: 9999\n    - name: http\n      port: 8080\n',
    );
    assert.equal(applyFix(before, 'service-port-name'), after);
    assert.deepEqual(findings(after, 'service-port-name'), []);
    // One port at a time, too.
    const one = applyFix(before, 'service-port-name', 'Name this port "https"', 1);
    assert.ok(one.includes('    - name: https\n      port: 443\n'), one);
  });

  it('fills an empty name in place', () => {
    const before = svc('  ports:\n    - {name: "", port: 53, protocol: UDP}\n    - {name: dns, port: 53}\n');
    assert.equal(applyFix(before, 'service-port-name'), svc('  ports:\n    - {name: dns-udp, port: 53, protocol: UDP}\n    - {name: dns, port: 53}\n'));
  });

  it('renames a duplicate port name to a unique one', () => {
    const before = svc('  ports:\n    - name: web\n      port: 80\n    - name: web\n      port: 8080\n');
    const after = svc('  ports:\n    - name: web\n      port: 80\n    - name: http\n      port: 8080\n');
    assert.equal(applyFix(before, 'service-port-name'), after);
    assert.deepEqual(findings(after, 'service-port-name'), []);
  });

  it('nodePort on a ClusterIP Service: remove it, or make the Service a NodePort', () => {
    const before = svc('  selector: {app: web}\n  ports:\n    - port: 80\n      nodePort: 30080 # pinned\n      targetPort: 8080\n');
    const removed = applyFix(before, 'service-node-port', 'Remove nodePort');
    assert.equal(removed, svc('  selector: {app: web}\n  ports:\n    - port: 80\n      targetPort: 8080\n'));
    const retyped = applyFix(before, 'service-node-port', 'Change the type to NodePort');
    assert.equal(retyped, svc('  selector: {app: web}\n  ports:\n    - port: 80\n      nodePort: 30080 # pinned\n      targetPort: 8080\n  type: NodePort\n'));
    for (const t of [removed, retyped]) assert.deepEqual(findings(t, 'service-node-port'), []);
    assert.equal(
      applyFix(svc('  type: ClusterIP\n  ports: [{nodePort: 30080, port: 80}]\n'), 'service-node-port', 'Change the type to NodePort'),
      svc('  type: NodePort\n  ports: [{nodePort: 30080, port: 80}]\n'),
    );
  });

  it('nodePort outside the range: removed so the allocator chooses', () => {
    const before = svc('  type: NodePort\n  ports:\n    - nodePort: 8080\n      port: 80\n');
    const after = svc('  type: NodePort\n  ports:\n    - port: 80\n');
    assert.equal(applyFix(before, 'service-node-port-range'), after);
    assert.deepEqual(findings(after, 'service-node-port-range'), []);
  });

  it('clusterIP outside the service CIDRs: clusterIP and clusterIPs removed', () => {
    const before = svc('  clusterIP: 10.0.0.10\n  clusterIPs:\n    - 10.0.0.10\n  ports: [{port: 53}]\n');
    const after = svc('  ports: [{port: 53}]\n');
    assert.equal(applyFix(before, 'service-cluster-ip-range'), after);
    const flow = 'apiVersion: v1\nkind: Service\nmetadata: {name: dns}\nspec: {clusterIP: 10.0.0.10, ports: [{port: 53}]}\n';
    assert.equal(applyFix(flow, 'service-cluster-ip-range'), 'apiVersion: v1\nkind: Service\nmetadata: {name: dns}\nspec: {ports: [{port: 53}]}\n');
  });

  it('clusterIPs[0] different from clusterIP: made to agree either way', () => {
    const before = svc('  clusterIP: 10.96.0.20\n  clusterIPs: [10.96.0.21]\n  ports: [{port: 80}]\n');
    const a = applyFix(before, 'service-cluster-ip', 'Change clusterIPs[0] to 10.96.0.20');
    const b = applyFix(before, 'service-cluster-ip', 'Change clusterIP to 10.96.0.21');
    assert.equal(a, svc('  clusterIP: 10.96.0.20\n  clusterIPs: [10.96.0.20]\n  ports: [{port: 80}]\n'));
    assert.equal(b, svc('  clusterIP: 10.96.0.21\n  clusterIPs: [10.96.0.21]\n  ports: [{port: 80}]\n'));
    for (const t of [a, b]) assert.deepEqual(findings(t, 'service-cluster-ip'), []);
  });

  it('headless NodePort: drop clusterIP: None, or change the type to ClusterIP', () => {
    const before = svc('  type: NodePort\n  clusterIP: None\n  ports: [{port: 80}]\n');
    const a = applyFix(before, 'service-cluster-ip', 'Remove clusterIP: None');
    const b = applyFix(before, 'service-cluster-ip', 'Change the type to ClusterIP');
    assert.equal(a, svc('  type: NodePort\n  ports: [{port: 80}]\n'));
    assert.equal(b, svc('  type: ClusterIP\n  clusterIP: None\n  ports: [{port: 80}]\n'));
    for (const t of [a, b]) assert.deepEqual(findings(t, 'service-cluster-ip'), []);
  });

  it('quotes a numeric label value exactly as written', () => {
    const before = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  labels: {version: 1.10}\nspec:\n  ports: [{port: 80}]\n';
    assert.equal(applyFix(before, 'service-label-syntax'), before.replace('1.10', '"1.10"'));
  });
});
