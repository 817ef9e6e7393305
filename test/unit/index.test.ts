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

  it('a pod label change affects the Services that selected or now select the pods, not the rest of the namespace', () => {
    const l = new Linter();
    l.update('deploy.yaml', deployment('web', 'shop', 'web'));
    l.update('svc-web.yaml', service('web', 'shop', 'web'));
    l.update('svc-api.yaml', service('api', 'shop', 'api'));
    l.update('api-deploy.yaml', deployment('api', 'shop', 'api'));
    l.update('svc-db.yaml', service('db', 'shop', 'db'));
    l.update('db-deploy.yaml', deployment('db', 'shop', 'db'));
    l.update('lost.yaml', service('lost', 'billing', 'zzz')); // selects nothing, and nothing in shop matches it
    // web's pods become api's: web loses them, api gains them; db is not concerned.
    assert.deepEqual([...l.update('deploy.yaml', deployment('web', 'shop', 'api'))].sort(), ['svc-api.yaml', 'svc-web.yaml']);
    // web now selects nothing: any workload change in the namespace may make a candidate of it.
    assert.deepEqual([...l.update('db-deploy.yaml', deployment('db', 'shop', 'db2'))].sort(), ['svc-db.yaml', 'svc-web.yaml']);
  });

  it('Services that select pods by a label their controller adds depend on that workload', () => {
    const sts = (port: number) =>
      `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web, namespace: db}\nspec:\n  serviceName: web\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers: [{name: c, ports: [{containerPort: ${port}}]}]\n`;
    const svc = (name: string, selector: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}, namespace: db}\nspec:\n  selector: {${selector}}\n  ports: [{port: 80}]\n`;
    const l = new Linter();
    l.update('sts.yaml', sts(80));
    l.update('pod0.yaml', svc('web-0', 'app: web, statefulset.kubernetes.io/pod-name: web-0'));
    l.update('pod1.yaml', svc('web-1', 'statefulset.kubernetes.io/pod-name: web-1'));
    l.update('other.yaml', svc('other', 'statefulset.kubernetes.io/pod-name: api-0'));
    l.update('api.yaml', deployment('api', 'db', 'api'));
    l.update('api-svc.yaml', svc('api', 'app: api'));
    assert.deepEqual(l.index.selectWorkloads('db', [{ key: 'statefulset.kubernetes.io/pod-name', value: 'web-1' }]).map((w) => w.name), ['web']);
    // The port changes: the Services that select web's pods (and the one that selects nothing) are re-checked, api's is not.
    assert.deepEqual([...l.update('sts.yaml', sts(81))].sort(), ['other.yaml', 'pod0.yaml', 'pod1.yaml']);
  });

  it('loading files without dependents gives the same findings as loading them one by one', () => {
    const files: Array<[string, string]> = [
      ['svc.yaml', service('web', 'shop', 'web')],
      ['ing.yaml', ingress('shop', 'web')],
      ['ing-missing.yaml', ingress('billing', 'web')],
      ['deploy.yaml', deployment('web', 'shop', 'wbe')],
    ];
    const oneByOne = new Linter();
    const bulk = new Linter();
    for (const [f, t] of files) {
      oneByOne.update(f, t);
      assert.deepEqual([...bulk.update(f, t, { dependents: false })], []);
    }
    const all = (l: Linter) => files.map(([f]) => l.findings(f).map((x) => `${x.rule} ${x.message}`));
    assert.deepEqual(all(bulk), all(oneByOne));
    assert.ok(all(bulk).flat().some((m) => m.startsWith('selector-matches-nothing')));
    // Dependents are precise again after a bulk load.
    assert.deepEqual([...bulk.update('deploy.yaml', deployment('web', 'shop', 'web'))], ['svc.yaml']);
  });

  it('an edit that changes no provided fact affects nobody', () => {
    const l = new Linter();
    l.update('deploy.yaml', deployment('web', 'shop', 'web'));
    l.update('svc.yaml', service('web', 'shop', 'web'));
    assert.deepEqual([...l.update('deploy.yaml', `${deployment('web', 'shop', 'web')}# a comment\n`)], []);
  });

  it('a Service change affects the Ingresses of its namespace', () => {
    const l = new Linter();
    l.update('svc.yaml', service('web', 'shop', 'web'));
    l.update('ing.yaml', ingress('shop', 'web'));
    l.update('ing-other.yaml', ingress('billing', 'web'));
    l.update('billing-svc.yaml', service('web', 'billing', 'web'));
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

  it('a Service change affects Ingresses of other namespaces whose backend is missing (their message names it)', () => {
    const l = new Linter();
    l.update('ing-missing.yaml', ingress('billing', 'web'));
    l.update('ing-resolved.yaml', ingress('payments', 'api'));
    l.update('api.yaml', service('api', 'payments', 'api'));
    assert.deepEqual([...l.update('svc.yaml', service('web', 'shop', 'web'))], ['ing-missing.yaml']);
    assert.match(l.findings('ing-missing.yaml').find((f) => f.rule === 'backend-service-missing')!.message, /exists in namespace "shop" \(svc\.yaml\)/);
  });

  it('moving a workload re-checks the Services that select it or select nothing, not the others', () => {
    const l = new Linter();
    l.update('deploy.yaml', deployment('web', 'shop', 'web'));
    l.update('svc.yaml', service('web', 'shop', 'web'));
    l.update('typo.yaml', service('typo', 'shop', 'wbe'));
    l.update('api.yaml', deployment('api', 'shop', 'api'));
    l.update('api-svc.yaml', service('api', 'shop', 'api'));
    // The port that a quick fix of svc.yaml would name moves one line down.
    assert.deepEqual([...l.update('deploy.yaml', `# moved\n${deployment('web', 'shop', 'web')}`)].sort(), ['svc.yaml', 'typo.yaml']);
  });

  it('moving a Service re-checks the StatefulSets, backends and same-named Services that refer to it', () => {
    const statefulSet = (name: string, serviceName: string) =>
      `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: ${name}, namespace: shop}\nspec:\n  serviceName: ${serviceName}\n  template:\n    metadata:\n      labels: {app: ${name}}\n`;
    const l = new Linter();
    l.update('svc.yaml', service('db', 'shop', 'db'));
    l.update('db.yaml', statefulSet('db', 'db'));
    l.update('cache.yaml', statefulSet('cache', 'cache'));
    l.update('cache-svc.yaml', service('cache', 'shop', 'cache'));
    l.update('ing.yaml', ingress('shop', 'db'));
    l.update('copy.yaml', service('db', 'shop', 'db'));
    // The clusterIP: None fix for db.yaml inserts into svc.yaml: its position is a fact.
    assert.deepEqual([...l.update('svc.yaml', `# moved\n${service('db', 'shop', 'db')}`)].sort(), ['copy.yaml', 'db.yaml', 'ing.yaml']);
  });
});
