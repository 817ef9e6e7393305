// The quick fixes of the cross-file rules, applied to the fixture text as an editor would apply
// them: the resulting files are asserted exactly, and linting them again must clear the finding.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Finding } from '../../server/src/engine/types';
import { check } from '../support/check';
import { applyFix } from '../support/edits';
import { loadFixture } from '../support/fixtures';
import { repoPath } from '../support/repo';

const fixture = (...p: string[]) => loadFixture(repoPath('test', 'fixtures', 'rules', ...p));

function findingOf(files: Record<string, string>, rule: string, match?: (f: Finding) => boolean): Finding {
  const found = check(files).findings.filter((f) => f.rule === rule && (!match || match(f)));
  assert.equal(found.length, 1, `expected one ${rule} finding, got ${found.length}`);
  return found[0]!;
}

function titles(f: Finding): string[] {
  return (f.fixes ?? []).map((x) => `${x.preferred ? '* ' : ''}${x.title}`);
}

/** Applies the fix titled `title` and returns the files. */
function apply(files: Record<string, string>, f: Finding, title: string): Record<string, string> {
  const fix = (f.fixes ?? []).find((x) => x.title === title);
  assert.ok(fix, `no fix "${title}" in ${JSON.stringify(titles(f))}`);
  return applyFix(files, f, fix);
}

function assertCleared(files: Record<string, string>, rule: string, file: string): void {
  assert.deepEqual(check(files).findings.filter((f) => f.rule === rule && f.file === file).map((f) => f.message), []);
}

/** `text` with `from` replaced by `to` exactly once (so the expectation cannot silently miss). */
function replaced(text: string, from: string, to: string): string {
  assert.equal(text.split(from).length, 2, `"${from}" must occur once`);
  return text.replace(from, to);
}

describe('quick fixes of the workspace rules', () => {
  it('selector-matches-nothing: replaces the misspelled value with the candidate workload label', () => {
    const files = fixture('selector-matches-nothing', 'fires-typo');
    const f = findingOf(files, 'selector-matches-nothing');
    assert.deepEqual(titles(f), ['* Select the pods of Deployment checkout (deploy.yaml): app: checkout']);
    const after = apply(files, f, 'Select the pods of Deployment checkout (deploy.yaml): app: checkout');
    assert.equal(after['fires-typo/svc.yaml'], replaced(files['fires-typo/svc.yaml']!, '    app: chekout #', '    app: checkout #'));
    assert.equal(after['fires-typo/deploy.yaml'], files['fires-typo/deploy.yaml']);
    assertCleared(after, 'selector-matches-nothing', 'fires-typo/svc.yaml');
  });

  it('selector-matches-nothing: replaces a misspelled key; one action per candidate, the closest preferred', () => {
    const files = fixture('selector-matches-nothing', 'fires-key-typo.yaml');
    const f = findingOf(files, 'selector-matches-nothing');
    const after = apply(files, f, 'Select the pods of Deployment frontend: app.kubernetes.io/name: frontend');
    assert.equal(after['fires-key-typo.yaml'], replaced(files['fires-key-typo.yaml']!, '    app.kubernetes.io/nme: frontend #', '    app.kubernetes.io/name: frontend #'));
    assertCleared(after, 'selector-matches-nothing', 'fires-key-typo.yaml');

    const two = {
      'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  selector: {app: api-v, tier: "1"}\n  ports: [{port: 80}]\n',
      'd.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: v1}\nspec:\n  template:\n    metadata:\n      labels: {app: api-v1, tier: "1"}\n' +
        '---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: v2}\nspec:\n  template:\n    metadata:\n      labels: {app: api-v22, tier: "1"}\n',
    };
    const g = findingOf(two, 'selector-matches-nothing');
    assert.deepEqual(titles(g), ['* Select the pods of Deployment v1 (d.yaml): app: api-v1', 'Select the pods of Deployment v2 (d.yaml): app: api-v22']);
    const fixed = apply(two, g, 'Select the pods of Deployment v2 (d.yaml): app: api-v22');
    assert.equal(fixed['svc.yaml'], replaced(two['svc.yaml'], '{app: api-v,', '{app: api-v22,'));
  });

  it('selector-matches-nothing: quotes a label value that YAML 1.1 would read as another type', () => {
    const files = {
      'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  selector:\n    enabled: "of"\n  ports: [{port: 80}]\n',
      'pod.yaml': 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {enabled: "on"}\nspec:\n  containers: [{name: c, image: c}]\n',
    };
    const f = findingOf(files, 'selector-matches-nothing');
    const after = apply(files, f, 'Select the pods of Pod p (pod.yaml): enabled: on');
    assert.equal(after['svc.yaml'], replaced(files['svc.yaml'], 'enabled: "of"', 'enabled: "on"'));
    assertCleared(after, 'selector-matches-nothing', 'svc.yaml');
  });

  it('named-target-port-missing: renames the targetPort, or names the container port in the workload file', () => {
    const files = fixture('named-target-port-missing', 'fires-none');
    const f = findingOf(files, 'named-target-port-missing');
    assert.deepEqual(titles(f), ['Change targetPort to "metrics"', 'Name port 8080 of Deployment web (deploy.yaml): name: http']);

    const renamed = apply(files, f, 'Change targetPort to "metrics"');
    assert.equal(renamed['fires-none/svc.yaml'], replaced(files['fires-none/svc.yaml']!, '      targetPort: http #', '      targetPort: metrics #'));
    assertCleared(renamed, 'named-target-port-missing', 'fires-none/svc.yaml');

    const named = apply(files, f, 'Name port 8080 of Deployment web (deploy.yaml): name: http');
    assert.equal(named['fires-none/svc.yaml'], files['fires-none/svc.yaml']);
    assert.equal(
      named['fires-none/deploy.yaml'],
      replaced(files['fires-none/deploy.yaml']!, '            - containerPort: 8080\n', '            - name: http\n              containerPort: 8080\n'),
    );
    assertCleared(named, 'named-target-port-missing', 'fires-none/svc.yaml');
  });

  it('named-target-port-missing: names the port that listens where the name resolves elsewhere (partial case)', () => {
    const files = fixture('named-target-port-missing', 'fires-partial');
    const f = findingOf(files, 'named-target-port-missing');
    assert.deepEqual(titles(f), ['* Name port 8080 of Deployment api-v2 (v2.yaml): name: http']);
    const after = apply(files, f, 'Name port 8080 of Deployment api-v2 (v2.yaml): name: http');
    assert.equal(after['fires-partial/v2.yaml'], replaced(files['fires-partial/v2.yaml']!, '            - containerPort: 8080\n', '            - name: http\n              containerPort: 8080\n'));
    assertCleared(after, 'named-target-port-missing', 'fires-partial/svc.yaml');
  });

  it('named-target-port-missing: inserts into a flow-style port map', () => {
    const files = {
      'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  selector: {app: a}\n  ports: [{port: 80, targetPort: web}]\n',
      'd.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec:\n  template:\n    metadata: {labels: {app: a}}\n    spec:\n      containers: [{name: a, image: a, ports: [{containerPort: 80}]}]\n',
    };
    const f = findingOf(files, 'named-target-port-missing');
    const after = apply(files, f, 'Name port 80 of Deployment a (d.yaml): name: web');
    assert.equal(after['d.yaml'], replaced(files['d.yaml'], '[{containerPort: 80}]', '[{name: web, containerPort: 80}]'));
    assertCleared(after, 'named-target-port-missing', 'svc.yaml');
  });

  it('target-port-mismatch: changes a written targetPort, or adds one to a defaulted port', () => {
    const ghost = fixture('target-port-mismatch', 'fires-host-port.yaml');
    const f = findingOf(ghost, 'target-port-mismatch');
    assert.deepEqual(titles(f), ['* Change targetPort to 2368']);
    const after = apply(ghost, f, 'Change targetPort to 2368');
    assert.equal(after['fires-host-port.yaml'], replaced(ghost['fires-host-port.yaml']!, '      targetPort: 80 #', '      targetPort: 2368 #'));
    assertCleared(after, 'target-port-mismatch', 'fires-host-port.yaml');

    const secure = fixture('target-port-mismatch', 'fires-defaulted');
    const g = findingOf(secure, 'target-port-mismatch');
    const added = apply(secure, g, 'Change targetPort to 80');
    assert.equal(added['fires-defaulted/svc.yaml'], replaced(secure['fires-defaulted/svc.yaml']!, '    - name: https\n', '    - targetPort: 80\n      name: https\n'));
    assertCleared(added, 'target-port-mismatch', 'fires-defaulted/svc.yaml');
  });

  it('backend-service-missing and backend-port-missing: change the name or port to one the Service has', () => {
    const ing = fixture('backend-service-missing', 'fires-ingress');
    const f = findingOf(ing, 'backend-service-missing', (x) => x.message.includes('frontnd'));
    assert.deepEqual(titles(f), ['* Change the Service name to "frontend"']);
    const after = apply(ing, f, 'Change the Service name to "frontend"');
    assert.equal(after['fires-ingress/ingress.yaml'], replaced(ing['fires-ingress/ingress.yaml']!, 'name: frontnd #', 'name: frontend #'));
    assertCleared({ ...after, 'fires-ingress/ingress.yaml': after['fires-ingress/ingress.yaml']!.replace('name: api #', 'name: frontend #') }, 'backend-service-missing', 'fires-ingress/ingress.yaml');

    const ports = fixture('backend-port-missing', 'fires-ingress');
    const byNumber = findingOf(ports, 'backend-port-missing', (x) => x.message.includes('8080'));
    assert.deepEqual(titles(byNumber), ['* Change the port to 80 (80/TCP "http")', 'Change the port to 443 (443/TCP "https")']);
    const n = apply(ports, byNumber, 'Change the port to 80 (80/TCP "http")');
    assert.equal(n['fires-ingress/ingress.yaml'], replaced(ports['fires-ingress/ingress.yaml']!, 'number: 8080 #', 'number: 80 #'));
    const byName = findingOf(ports, 'backend-port-missing', (x) => x.message.includes('htps'));
    assert.deepEqual(titles(byName), ['Change the port to "http" (80/TCP "http")', '* Change the port to "https" (443/TCP "https")']);
    const m = apply(n, byName, 'Change the port to "https" (443/TCP "https")');
    assert.equal(m['fires-ingress/ingress.yaml'], replaced(n['fires-ingress/ingress.yaml']!, 'name: htps #', 'name: https #'));
    assertCleared(m, 'backend-port-missing', 'fires-ingress/ingress.yaml');
  });

  it('statefulset-governing-service: adds clusterIP: None to the Service in its own file, saying it must be recreated', () => {
    const files = fixture('statefulset-governing-service', 'fires-not-headless');
    const f = findingOf(files, 'statefulset-governing-service');
    const title = 'Make Service rabbitmq headless (clusterIP: None); clusterIP is immutable, so delete and recreate the Service to apply it';
    assert.deepEqual(titles(f), [`* ${title}`]);
    assert.equal(f.fixes![0]!.edits[0]!.file, 'fires-not-headless/service.yaml');
    const after = apply(files, f, title);
    assert.equal(after['fires-not-headless/statefulset.yaml'], files['fires-not-headless/statefulset.yaml']);
    assert.equal(after['fires-not-headless/service.yaml'], replaced(files['fires-not-headless/service.yaml']!, 'spec:\n  selector:\n', 'spec:\n  clusterIP: None\n  selector:\n'));
    assertCleared(after, 'statefulset-governing-service', 'fires-not-headless/statefulset.yaml');
  });

  it('statefulset-governing-service: replaces a written clusterIP, and inserts into a flow-style spec', () => {
    const sts = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  serviceName: db\n  template:\n    metadata: {labels: {app: db}}\n';
    const written = { 'sts.yaml': sts, 'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec:\n  selector: {app: db}\n  clusterIP: ""\n  ports: [{port: 5432}]\n' };
    const title = 'Make Service db headless (clusterIP: None); clusterIP is immutable, so delete and recreate the Service to apply it';
    const a = apply(written, findingOf(written, 'statefulset-governing-service'), title);
    assert.equal(a['svc.yaml'], replaced(written['svc.yaml'], 'clusterIP: ""', 'clusterIP: None'));
    assertCleared(a, 'statefulset-governing-service', 'sts.yaml');

    const flow = { 'sts.yaml': sts, 'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec: {selector: {app: db}, ports: [{port: 5432}]}\n' };
    const b = apply(flow, findingOf(flow, 'statefulset-governing-service'), title);
    assert.equal(b['svc.yaml'], replaced(flow['svc.yaml'], 'spec: {selector:', 'spec: {clusterIP: None, selector:'));
    assertCleared(b, 'statefulset-governing-service', 'sts.yaml');

    // A NodePort Service cannot be headless: no fix is offered.
    const nodePort = { 'sts.yaml': sts, 'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: db}\nspec: {type: NodePort, selector: {app: db}, ports: [{port: 5432}]}\n' };
    const c = findingOf(nodePort, 'statefulset-governing-service');
    assert.match(c.message, /is not headless \(its type is NodePort\)/);
    assert.deepEqual(titles(c), []);
  });
});
