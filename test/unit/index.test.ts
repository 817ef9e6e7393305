// The workspace index: which other files a change affects.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter } from '../../server/src/engine/linter';

const deployment = (name: string, ns: string, app: string) =>
  `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n  template:\n    metadata:\n      labels: {app: ${app}}\n    spec:\n      containers: [{name: c, ports: [{containerPort: 80}]}]\n`;
const service = (name: string, ns: string, app: string) =>
  `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: ${ns}}\nspec:\n  selector: {app: ${app}}\n  ports: [{port: 80}]\n`;
const ingress = (ns: string, svc: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i, namespace: ${ns}}\nspec:\n  defaultBackend:\n    service: {name: ${svc}, port: {number: 80}}\n`;

describe('workspace index', () => {
  it('a pod label change affects the Services of that namespace, not of others', () => {
    const l = new Linter();
    l.update('deploy.yaml', deployment('web', 'shop', 'web'));
    l.update('svc.yaml', service('web', 'shop', 'web'));
    l.update('other.yaml', service('api', 'billing', 'api'));
    l.update('billing-deploy.yaml', deployment('api', 'billing', 'api'));
    assert.deepEqual([...l.update('deploy.yaml', deployment('web', 'shop', 'web2'))], ['svc.yaml']);
  });

  it('a workload change affects Services elsewhere that select nothing in their own namespace, and only those', () => {
    const l = new Linter();
    l.update('lost.yaml', service('lost', 'billing', 'web')); // selects nothing in billing
    l.update('api.yaml', service('api', 'billing', 'api'));
    l.update('api-deploy.yaml', deployment('api', 'billing', 'api')); // api now selects something
    assert.deepEqual([...l.update('deploy.yaml', deployment('web', 'shop', 'web'))], ['lost.yaml']);
    // Once a matching workload arrives in billing, it no longer selects nothing.
    l.update('billing-web.yaml', deployment('web', 'billing', 'web'));
    assert.deepEqual([...l.update('deploy.yaml', deployment('web', 'shop', 'web3'))], []);
    l.remove('billing-web.yaml');
    assert.deepEqual([...l.update('deploy.yaml', deployment('web', 'shop', 'web'))], ['lost.yaml']);
  });

  it('an edit that changes no provided fact affects nobody', () => {
    const l = new Linter();
    l.update('deploy.yaml', deployment('web', 'shop', 'web'));
    l.update('svc.yaml', service('web', 'shop', 'web'));
    assert.deepEqual([...l.update('deploy.yaml', `# a comment\n${deployment('web', 'shop', 'web')}`)], []);
  });

  it('a Service change affects the Ingresses of its namespace', () => {
    const l = new Linter();
    l.update('svc.yaml', service('web', 'shop', 'web'));
    l.update('ing.yaml', ingress('shop', 'web'));
    l.update('ing-other.yaml', ingress('billing', 'web'));
    assert.deepEqual([...l.update('svc.yaml', service('web2', 'shop', 'web'))], ['ing.yaml']);
  });

  it('removing a file affects its consumers and forgets its resources', () => {
    const l = new Linter();
    l.update('deploy.yaml', deployment('web', 'shop', 'web'));
    l.update('svc.yaml', service('web', 'shop', 'web'));
    assert.deepEqual([...l.remove('deploy.yaml')], ['svc.yaml']);
    assert.deepEqual([...l.index.workloads('shop')], []);
    assert.deepEqual(l.index.selectWorkloads('shop', [{ key: 'app', value: 'web' }]), []);
  });

  it('selects by every selector pair on the pod template labels', () => {
    const l = new Linter();
    l.update('a.yaml', deployment('a', 'ns', 'web'));
    l.update('b.yaml', deployment('b', 'ns', 'api'));
    const pick = (pairs: Array<[string, string]>) => l.index.selectWorkloads('ns', pairs.map(([key, value]) => ({ key, value }))).map((r) => r.name);
    assert.deepEqual(pick([['app', 'web']]), ['a']);
    assert.deepEqual(pick([['app', 'web'], ['tier', 'x']]), []);
  });
});
