// The refactorings' edits, computed by the engine on in-memory workspaces and checked by applying
// them: the text that results, and what the engine then says about it.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isIanaSvcName } from '../../server/src/engine/k8s/names';
import { resolveTargetPort, selectedWorkloads } from '../../server/src/engine/k8s/selection';
import { parseFile } from '../../server/src/engine/parse';
import { derivePortName, serviceNameFrom } from '../../server/src/engine/refactor/names';
import { exposableAt, exposeAsService } from '../../server/src/engine/refactor/exposeService';
import { namedPortFiles, numericTargetPortAt, useNamedPort } from '../../server/src/engine/refactor/namedPort';
import { detectStyle } from '../../server/src/engine/refactor/style';
import { extractObjects } from '../../server/src/engine/resources';
import type { Fix } from '../../server/src/engine/types';
import { brief, check } from '../support/check';
import { applyFix } from '../support/edits';

function expose(files: Record<string, string>, file: string, line: number): Fix | undefined {
  const { linter } = check(files);
  const parsed = parseFile(file, files[file]!);
  const object = exposableAt(extractObjects(parsed), { line, character: 2 });
  return object && exposeAsService(object, parsed, linter.index);
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop.web
  namespace: shop
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels:
        app: web
        tier: "front"
        version: v1.2.3
        pod-template-hash: 5d8f
    spec:
      containers:
        - name: web
          ports:
            - name: http
              containerPort: 8080
            - containerPort: 9090
            - containerPort: 53
              protocol: UDP
        - name: sidecar
          ports:
            - {containerPort: 8080}
      initContainers:
        - name: setup
          ports: [{containerPort: 7000}]
`;

describe('names for generated ports and Services', () => {
  it('accepts only IANA service names for container ports', () => {
    for (const ok of ['http', 'metrics-8080', 'a1']) assert.equal(isIanaSvcName(ok), true, ok);
    for (const bad of ['8080', 'HTTP', 'my--port', '-http', 'http-', 'a-very-long-port-name']) assert.equal(isIanaSvcName(bad), false, bad);
  });

  it('derives a name from a hint, a well-known port, or protocol and number, unique against taken names', () => {
    assert.equal(derivePortName(8080, 'TCP', new Set()), 'http');
    assert.equal(derivePortName(8080, 'TCP', new Set(['http'])), 'tcp-8080');
    assert.equal(derivePortName(53, 'UDP', new Set()), 'dns-udp');
    assert.equal(derivePortName(5432, 'TCP', new Set(), ['Postgres-Main']), 'postgres-main');
    assert.equal(derivePortName(9000, 'TCP', new Set(), ['kubernetes.io/h2c']), 'h2c');
    assert.equal(derivePortName(9000, 'TCP', new Set(['tcp-9000'])), 'tcp-9000-2');
  });

  it('turns a workload name into a DNS-1035 Service name', () => {
    assert.equal(serviceNameFrom('shop.web'), 'shop-web');
    assert.equal(serviceNameFrom('9lives'), 'svc-9lives');
  });

  it('detects indentation width and sequence indentation', () => {
    assert.deepEqual(detectStyle(DEPLOYMENT), { indent: 2, sequenceIndent: 2 });
    assert.deepEqual(detectStyle('a:\n    b:\n    - c: 1\n    - d: 2\n    e:\n        f: 1\n'), { indent: 4, sequenceIndent: 0 });
  });
});

describe('Expose as Service', () => {
  it('appends a Service selecting the stable template labels, one named port per serving container port', () => {
    const files = { 'deploy.yaml': DEPLOYMENT };
    const fix = expose(files, 'deploy.yaml', 5);
    assert.ok(fix);
    assert.equal(fix.title, 'Expose Deployment shop.web as a Service');
    const after = applyFix(files, { file: 'deploy.yaml' }, fix);
    assert.equal(
      after['deploy.yaml'],
      `${DEPLOYMENT}---
apiVersion: v1
kind: Service
metadata:
  name: shop-web
  namespace: shop
spec:
  selector:
    app: web
    tier: "front"
  ports:
    - name: http
      port: 8080
      targetPort: http
    - name: tcp-9090
      port: 9090
      targetPort: 9090
    - name: dns-udp
      port: 53
      targetPort: 53
      protocol: UDP
`,
    );
    // What the engine says about the result: the new Service adds no finding (the Deployment's own
    // sidecar port clash is reported before and after), it selects the Deployment and every port lands.
    const { linter, findings } = check(after);
    assert.deepEqual(findings.map(brief), check(files).findings.map(brief));
    const svc = linter.index.resources('deploy.yaml').find((r) => r.kind === 'Service')!;
    const [workload] = selectedWorkloads(linter.index, svc);
    assert.equal(workload?.name, 'shop.web');
    assert.deepEqual(
      svc.service!.ports.map((p) => resolveTargetPort(p, workload!.podTemplate!).kind),
      ['named', 'declared', 'declared'],
    );
  });

  it('inserts before the next document and follows the file’s indentation', () => {
    const four = 'apiVersion: v1\nkind: Pod\nmetadata:\n    name: p\n    labels:\n        app: p\nspec:\n    containers:\n    -   name: c\n        ports:\n        -   containerPort: 80\n# trailing comment of the pod\n---\nkind: Other\napiVersion: v1\n';
    const fix = expose({ 'pod.yaml': four }, 'pod.yaml', 1);
    assert.ok(fix);
    const out = applyFix({ 'pod.yaml': four }, { file: 'pod.yaml' }, fix)['pod.yaml'];
    assert.equal(
      out,
      four.replace(
        '---\nkind: Other',
        '---\napiVersion: v1\nkind: Service\nmetadata:\n    name: p\nspec:\n    selector:\n        app: p\n    ports:\n    - name: http\n      port: 80\n      targetPort: 80\n---\nkind: Other',
      ),
    );
  });

  it('creates a StatefulSet’s missing governing Service, headless and under its serviceName', () => {
    const sts = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  serviceName: db-hl\n  template:\n    metadata:\n      labels: {app: db}\n    spec:\n      containers:\n        - name: db\n          ports: [{name: pg, containerPort: 5432}]';
    const fix = expose({ 'sts.yaml': sts }, 'sts.yaml', 1);
    assert.ok(fix);
    assert.equal(fix.title, 'Expose StatefulSet db as its headless governing Service "db-hl"');
    const out = applyFix({ 'sts.yaml': sts }, { file: 'sts.yaml' }, fix)['sts.yaml']!;
    assert.equal(out.slice(sts.length), '\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: db-hl\nspec:\n  clusterIP: None\n  selector:\n    app: db\n  ports:\n    - name: pg\n      port: 5432\n      targetPort: pg\n');
  });

  it('picks another name when a Service of that name exists in the namespace', () => {
    const files = { 'deploy.yaml': DEPLOYMENT, 'svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: shop-web, namespace: shop}\nspec:\n  ports: [{port: 1}]\n' };
    const fix = expose(files, 'deploy.yaml', 5);
    assert.match(fix!.edits[0]!.newText, /\n {2}name: shop-web-svc\n/);
  });

  it('is not offered for Jobs, for templates without labels or ports, or outside a workload', () => {
    assert.equal(expose({ 'job.yaml': DEPLOYMENT.replace('kind: Deployment', 'kind: Job') }, 'job.yaml', 5), undefined);
    assert.equal(expose({ 'd.yaml': DEPLOYMENT.replace(/ {6}labels:\n( {8}.*\n)+/, '') }, 'd.yaml', 5), undefined);
    const noPorts = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, labels: {app: p}}\nspec:\n  containers: [{name: c}]\n';
    assert.equal(expose({ 'p.yaml': noPorts }, 'p.yaml', 1), undefined);
    const svc = 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [{port: 1}]\n';
    assert.equal(expose({ 's.yaml': svc }, 's.yaml', 1), undefined);
  });
});

describe('Use named port', () => {
  const service = (targetPort: string, selector = 'app: web') => `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {${selector}}
  ports:
    - name: web
      port: 80
      targetPort: ${targetPort}   # keep this comment
`;

  function named(files: Record<string, string>, line = 8) {
    const { linter } = check(files);
    const svc = linter.index.resources('svc.yaml').find((r) => r.service)!;
    const port = numericTargetPortAt(svc, { line, character: 20 });
    if (!port) return undefined;
    const texts = new Map(namedPortFiles(linter.index, svc, port).map((f) => [f, files[f]!]));
    return useNamedPort(linter.index, svc, port, texts);
  }

  it('names the unnamed container port in the other file and points targetPort at it', () => {
    const files = { 'svc.yaml': service('9090'), 'deploy.yaml': DEPLOYMENT };
    const fix = named(files);
    assert.ok(fix);
    assert.equal(fix.title, 'Use named port: name container port 9090 "web" and set targetPort to it');
    const after = applyFix(files, { file: 'svc.yaml' }, fix);
    assert.equal(after['svc.yaml'], service('web'));
    assert.equal(after['deploy.yaml'], DEPLOYMENT.replace('            - containerPort: 9090', '            - name: web\n              containerPort: 9090'));
    const { linter } = check(after);
    const svc = linter.index.resources('svc.yaml').find((r) => r.service)!;
    const res = resolveTargetPort(svc.service!.ports[0]!, selectedWorkloads(linter.index, svc)[0]!.podTemplate!);
    assert.deepEqual([res.kind, res.kind === 'named' ? res.number : 0], ['named', 9090]);
  });

  it('uses the name the container port already has', () => {
    const files = { 'svc.yaml': service('8080'), 'deploy.yaml': DEPLOYMENT };
    const fix = named(files);
    assert.equal(fix?.title, 'Use named port: set targetPort to the container port\'s name "http"');
    assert.deepEqual(applyFix(files, { file: 'svc.yaml' }, fix!), { 'svc.yaml': service('http'), 'deploy.yaml': DEPLOYMENT });
  });

  it('writes the name into a flow-style port map', () => {
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop, labels: {app: web}}\nspec:\n  containers:\n    - name: c\n      ports: [{ containerPort: 7000 }]\n';
    const files = { 'svc.yaml': service('7000'), 'pod.yaml': pod };
    const after = applyFix(files, { file: 'svc.yaml' }, named(files)!);
    assert.equal(after['pod.yaml'], pod.replace('{ containerPort: 7000 }', '{ name: web, containerPort: 7000 }'));
  });

  it('is not offered when a selected workload does not declare the port, or the pods name it differently', () => {
    const pod = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, namespace: shop, labels: {app: web}}\nspec:\n  containers:\n    - name: c\n      ports: [{name: ${name}, containerPort: 8080}]\n`;
    assert.equal(named({ 'svc.yaml': service('8080'), 'deploy.yaml': DEPLOYMENT, 'a.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: a, namespace: shop, labels: {app: web}}\nspec:\n  containers: [{name: c}]\n' }), undefined);
    assert.equal(named({ 'svc.yaml': service('8080'), 'a.yaml': pod('one'), 'b.yaml': pod('two') }), undefined);
    assert.equal(named({ 'svc.yaml': service('8080', 'app: nothing') }), undefined);
    assert.equal(named({ 'svc.yaml': service('http'), 'deploy.yaml': DEPLOYMENT }), undefined);
  });

  it('picks the targetPort under the cursor when several share a line', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [{port: 80, targetPort: 8080}, {port: 81, targetPort: 8081}]\n';
    const { linter } = check({ 'svc.yaml': text });
    const svc = linter.index.resources('svc.yaml')[0]!;
    assert.equal(numericTargetPortAt(svc, { line: 4, character: text.split('\n')[4]!.indexOf('8081') + 1 })?.index, 1);
    assert.equal(numericTargetPortAt(svc, { line: 4, character: 0 }), undefined);
  });

  it('leaves a file alone when its text no longer says what the index says', () => {
    const files = { 'svc.yaml': service('9090'), 'deploy.yaml': DEPLOYMENT };
    const { linter } = check(files);
    const svc = linter.index.resources('svc.yaml').find((r) => r.service)!;
    const port = numericTargetPortAt(svc, { line: 8, character: 0 })!;
    const moved = new Map([['deploy.yaml', DEPLOYMENT.replace('containerPort: 9090', 'containerPort: 9091')]]);
    assert.equal(useNamedPort(linter.index, svc, port, moved), undefined);
  });
});
