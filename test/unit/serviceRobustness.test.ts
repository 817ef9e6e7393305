// Bad input never crashes a Service rule: every field replaced by the wrong kind of value.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { check } from '../support/check';

const fields = [
  'type', 'ports', 'selector', 'clusterIP', 'clusterIPs', 'externalName', 'externalIPs', 'loadBalancerIP', 'loadBalancerSourceRanges',
  'loadBalancerClass', 'allocateLoadBalancerNodePorts', 'externalTrafficPolicy', 'internalTrafficPolicy', 'healthCheckNodePort',
  'sessionAffinity', 'sessionAffinityConfig', 'ipFamilies', 'ipFamilyPolicy', 'trafficDistribution',
];
const oddValues = ['~', '[]', '{}', '[1, [2], {a: b}]', '{a: [1]}', '42', '-1.5', 'true', '""', '"None"', '[None, None, None]', '[{port: x}]'];
const portValues = ['{}', '[]', '~', '{port: [1], targetPort: {a: 1}, nodePort: [], name: [], protocol: {}, appProtocol: []}', 'x'];

describe('Service rules on malformed input', () => {
  it('report, and never throw, whatever a field holds', () => {
    const docs: string[] = [];
    for (const field of fields) for (const v of oddValues) docs.push(`apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {${field}: ${v}}\n`);
    for (const p of portValues) docs.push(`apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {type: NodePort, ports: [${p}, ${p}]}\n`);
    for (const meta of ['~', '[]', '42', '{name: [], labels: [], annotations: 1, namespace: {}}', '{labels: {a: [], b: {}}, annotations: {x: [], "": ""}}']) {
      docs.push(`apiVersion: v1\nkind: Service\nmetadata: ${meta}\nspec: {ports: [{port: 80}]}\n`);
    }
    docs.push('apiVersion: v1\nkind: Service\nspec: 12\n', 'apiVersion: v1\nkind: Service\nspec: [a, b]\n', 'apiVersion: v1\nkind: Service\n');
    const base = 'a: &a {type: NodePort, ports: [{port: 80, nodePort: 1}]}\n';
    docs.push(`${base}apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {<<: *a, clusterIP: None}\n`);
    const result = check({ 'odd.yaml': docs.join('---\n') });
    // check() rethrows any rule exception; reaching here means none threw. The odd values are reported.
    assert.ok(result.findings.some((f) => f.rule === 'service-type'));
    assert.ok(result.findings.some((f) => f.rule === 'service-cluster-ip'));
    for (const f of result.findings) assert.ok(f.range.start.line >= 0 && f.message.length > 0);
  });
});
