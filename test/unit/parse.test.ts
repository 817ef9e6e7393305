// Parsing and object recognition: ranges, multi-document files, kind: List, broken documents.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseFile } from '../../server/src/engine/parse';
import { extractResources } from '../../server/src/engine/resources';
import { brief, check } from '../support/check';

// Parsing tests on selector-less Services (some sharing a name): the cross-file rules that would
// add findings to them have their own fixtures and are off here.
const CROSS_FILE_OFF = { rules: { 'service-without-selector': 'off', 'service-duplicate': 'off' } };

describe('parse and resources', () => {
  it('recognises objects by apiVersion and kind, with document indexes counting empty documents', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata: {name: a, namespace: x}\n---\n---\nkind: Service\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n';
    const rs = extractResources(parseFile('f.yaml', text));
    assert.deepEqual(rs.map((r) => [r.kind, r.name, r.namespace, r.docIndex]), [
      ['Service', 'a', 'x', 0],
      ['Deployment', 'd', undefined, 3],
    ]);
    assert.deepEqual(rs[0]!.nameRange, { start: { line: 2, character: 17 }, end: { line: 2, character: 18 } });
  });

  it('expands the items of kind: List', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata: {name: s}\n  spec: {type: Nodeport, ports: [{port: 80}]}\n- apiVersion: apps/v1\n  kind: Deployment\n  metadata: {name: d}\n';
    const rs = extractResources(parseFile('f.yaml', text));
    assert.deepEqual(rs.map((r) => [r.kind, r.name, r.itemIndex]), [
      ['Service', 's', 0],
      ['Deployment', 'd', 1],
    ]);
    assert.deepEqual(check({ 'f.yaml': text }, CROSS_FILE_OFF).findings.map(brief), ['service-type error 7:16-7:24']);
  });

  it('reads the pod template of every workload kind, with labels, containers and ports', () => {
    const text = `apiVersion: batch/v1
kind: CronJob
metadata: {name: c}
spec:
  jobTemplate:
    spec:
      template:
        metadata:
          labels: {app: c}
        spec:
          initContainers:
            - name: proxy
              restartPolicy: Always
              ports: [{name: admin, containerPort: 15000}]
          containers:
            - name: main
              ports: [{name: http, containerPort: 8080, protocol: UDP}]
`;
    const [r] = extractResources(parseFile('f.yaml', text));
    const t = r!.podTemplate!;
    assert.equal(t.path, 'spec.jobTemplate.spec.template');
    assert.deepEqual(t.labels.pairs.map((p) => [p.key, p.value]), [['app', 'c']]);
    assert.deepEqual(t.containers.map((c) => [c.name, c.kind, c.ports.map((p) => [p.name?.value, p.containerPort?.value, p.protocol])]), [
      ['main', 'container', [['http', 8080, 'UDP']]],
      ['proxy', 'sidecar', [['admin', 15000, 'TCP']]],
    ]);
  });

  it('takes the last value of a duplicated key, as a lenient decoder does, and still reports the duplicate', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  type: ClusterIP\n  type: Nodeport\n  ports: [{port: 80}]\n';
    assert.deepEqual(check({ 'f.yaml': text }, CROSS_FILE_OFF).findings.map(brief), ['yaml-duplicate-key error 6:3-6:7', 'service-type error 6:9-6:17']);
  });

  it('applies YAML merge keys and aliases', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  <<: &base {type: Nodeport}\n  ports: [{port: 80}]\n';
    assert.deepEqual(check({ 'f.yaml': text }, CROSS_FILE_OFF).findings.map((f) => f.rule), ['service-type']);
  });

  it('reads values as YAML 1.1, like the Kubernetes decoder: `on` is a boolean', () => {
    const [r] = extractResources(parseFile('f.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {enabled: on}\n'));
    assert.equal(r!.labels.pairs[0]!.value, true);
  });

  it('resolves every YAML 1.1 plain scalar form: booleans, null, numbers and times, strings', () => {
    const cases: Array<[string, unknown]> = [
      ['y', true], ['Yes', true], ['YES', true], ['on', true], ['ON', true], ['True', true],
      ['n', false], ['No', false], ['off', false], ['OFF', false], ['FALSE', false],
      ['~', null], ['null', null], ['Null', null], ['', null],
      ['017', 15], ['0x1F', 31], ['0b101', 5], ['1_000', 1000], ['+12', 12], ['-3', -3], ['.5', 0.5], ['1e3', 1000], ['-.inf', -Infinity], ['1:30', 90],
      ['web', 'web'], ['nope', 'nope'], ['offset', 'offset'], ['tRUE', 'tRUE'], ['yesterday', 'yesterday'], ['_x', '_x'], ['/healthz', '/healthz'], ['é', 'é'], ['v1.2', 'v1.2'], ['1.2.3', '1.2.3'], ['<<x', '<<x'],
    ];
    const labels = cases.map(([source], i) => `    k${i}: ${source}`).join('\n');
    const [r] = extractResources(parseFile('f.yaml', `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels:\n${labels}\n`));
    assert.deepEqual(
      r!.labels.pairs.map((p) => p.value),
      cases.map(([, value]) => value),
    );
    const [nan] = extractResources(parseFile('f.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  labels: {a: .NaN, b: 2001-12-14}\n'));
    assert.ok(Number.isNaN(nan!.labels.pairs[0]!.value));
    assert.ok(nan!.labels.pairs[1]!.value instanceof Date);
  });

  it('skips Helm templates with one information and no syntax noise', () => {
    const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\nspec:\n  ports:\n  {{- range .Values.ports }}\n  - port: {{ . }}\n  {{- end }}\n';
    const findings = check({ 'f.yaml': text }, CROSS_FILE_OFF).findings;
    assert.deepEqual(findings.map(brief), ['template-skipped information 4:9-4:28']);
  });

  it('handles CRLF line endings and a byte-order mark with correct columns', () => {
    const text = '\uFEFFapiVersion: v1\r\nkind: Service\r\nmetadata: {name: s}\r\nspec:\r\n  type: Nodeport\r\n  ports: [{port: 80}]\r\n';
    assert.deepEqual(check({ 'f.yaml': text }, CROSS_FILE_OFF).findings.map(brief), ['service-type error 5:9-5:17']);
  });

  it('limits the number of documents analysed and says so', () => {
    const doc = 'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec: {type: Nodeport, ports: [{port: 80}]}\n';
    const text = Array.from({ length: 5 }, () => doc).join('---\n');
    const findings = check({ 'f.yaml': text }, { ...CROSS_FILE_OFF, maxDocuments: 2 }).findings;
    assert.deepEqual(findings.map(brief), ['service-type error 4:14-4:22', 'service-type error 9:14-9:22', 'file-skipped information 10:1-10:1']);
    assert.match(findings[2]!.message, /Only the first 2 documents are analysed \(setting maxDocuments\); the rest of the file, from line 10, is not/);
  });
});
