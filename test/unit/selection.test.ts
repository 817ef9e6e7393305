// Selection as the EndpointSlice controller does it, including labels that controllers add to pods,
// and the cross-file rules on malformed input (they must never throw).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Linter } from '../../server/src/engine/linter';
import { selectedWorkloads, servicesSelecting } from '../../server/src/engine/k8s/selection';
import { check } from '../support/check';

const workloads = `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: web
  template:
    metadata: {labels: {app: web}}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  template:
    metadata: {labels: {app: api}}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: report}
spec:
  jobTemplate:
    spec:
      template:
        metadata: {labels: {app: report}}
`;

function linter(): Linter {
  const l = new Linter();
  l.update('w.yaml', workloads);
  return l;
}

const names = (rs: Array<{ name?: string }>) => rs.map((r) => r.name).sort();

describe('selection with controller-added labels', () => {
  it('a StatefulSet pod-name label selects that StatefulSet only, by name and ordinal', () => {
    const l = linter();
    assert.deepEqual(names(l.index.selectWorkloads('default', [{ key: 'statefulset.kubernetes.io/pod-name', value: 'web-0' }])), ['web']);
    assert.deepEqual(names(l.index.selectWorkloads('default', [{ key: 'statefulset.kubernetes.io/pod-name', value: 'webx-0' }])), []);
    assert.deepEqual(names(l.index.selectWorkloads('default', [{ key: 'statefulset.kubernetes.io/pod-name', value: 'web-a' }])), []);
    assert.deepEqual(names(l.index.selectWorkloads('default', [{ key: 'app', value: 'api' }, { key: 'statefulset.kubernetes.io/pod-name', value: 'web-0' }])), []);
  });

  it('hashes go to the kinds whose controllers add them; job names to the Job or CronJob', () => {
    const l = linter();
    assert.deepEqual(names(l.index.selectWorkloads('default', [{ key: 'pod-template-hash', value: '7d9f' }])), ['api']);
    assert.deepEqual(names(l.index.selectWorkloads('default', [{ key: 'controller-revision-hash', value: 'web-5c' }])), ['web']);
    assert.deepEqual(names(l.index.selectWorkloads('default', [{ key: 'batch.kubernetes.io/job-name', value: 'report-28930140' }])), ['report']);
    assert.deepEqual(names(l.index.selectWorkloads('default', [{ key: 'app', value: 'report' }, { key: 'job-name', value: 'other-1' }])), []);
  });

  it('selectedWorkloads and servicesSelecting agree, and ignore ExternalName and selector-less Services', () => {
    const l = linter();
    l.update(
      's.yaml',
      'apiVersion: v1\nkind: Service\nmetadata: {name: web-0}\nspec:\n  selector: {app: web, statefulset.kubernetes.io/pod-name: web-0}\n  ports: [{port: 80}]\n' +
        '---\napiVersion: v1\nkind: Service\nmetadata: {name: ext}\nspec:\n  type: ExternalName\n  externalName: x.example.com\n  selector: {app: web}\n' +
        '---\napiVersion: v1\nkind: Service\nmetadata: {name: manual}\nspec:\n  ports: [{port: 80}]\n',
    );
    const [svc, ext, manual] = l.index.resources('s.yaml');
    assert.deepEqual(names(selectedWorkloads(l.index, svc!)), ['web']);
    assert.deepEqual(selectedWorkloads(l.index, ext!), []);
    assert.deepEqual(selectedWorkloads(l.index, manual!), []);
    const web = l.index.resources('w.yaml')[0]!;
    assert.deepEqual(names(servicesSelecting(l.index, web)), ['web-0']);
  });
});

describe('cross-file rules on malformed input', () => {
  const hostile = [
    // Wrong types everywhere a map, list or scalar is expected.
    'apiVersion: v1\nkind: Service\nmetadata: {name: [a]}\nspec:\n  selector: [app, web]\n  ports: {port: 80}\n',
    'apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  selector: {app: ~, "": x, 1: 2, true: [x]}\n  ports: [~, 80, {port: "80", targetPort: {a: 1}, protocol: 7}, {port: 80, targetPort: 1.5}]\n',
    'apiVersion: v1\nkind: Service\nmetadata: {name: s2}\nspec: [1, 2]\n',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, labels: [x]}\nspec:\n  template:\n    metadata: {labels: {app: ~}}\n    spec:\n      containers: [~, {name: 1, ports: [~, {containerPort: "x", name: 5, protocol: [TCP]}]}, {ports: {a: b}}]\n      initContainers: {x: 1}\n',
    'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: st}\nspec:\n  serviceName: [s]\n  template: 5\n',
    'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: st2}\nspec:\n  serviceName: s\n',
    'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i}\nspec:\n  defaultBackend: {service: {name: 5, port: [1]}}\n  rules: [{http: {paths: [~, {backend: {service: {name: s, port: {number: "80"}}}}]}}]\n',
    'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r}\nspec:\n  rules: [{backendRefs: [~, {name: s, port: http}, {name: s, namespace: 7, port: true}]}]\n',
    'apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata: {name: e, labels: {kubernetes.io/service-name: [x]}}\n',
  ];

  it('never throws, alone or all in one workspace', () => {
    // check() turns a rule that throws into a failing test.
    hostile.forEach((text, i) => check({ [`h${i}.yaml`]: text }));
    check(Object.fromEntries(hostile.map((text, i) => [`h${i}.yaml`, text])));
  });
});
