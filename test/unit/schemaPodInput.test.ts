// Bad input for the schema and pod rules: wrong shapes everywhere, nulls, aliases, binary scalars,
// collection keys, non-finite numbers. Nothing throws (check() fails the test if a rule does), and
// each wrong value gets exactly one finding from the rule that owns it.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { brief, check } from '../support/check';

const text = `apiVersion: v1
kind: Pod
metadata: []
spec:
  hostNetwork: true
  containers: [null, 5, "x", {name: c, ports: [null, 5, {containerPort: null, hostPort: "x", hostIP: 5, protocol: 6, name: 7}]}]
  initContainers: {a: b}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec: "x"
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  selector: {matchLabels: {a: b}}
  template:
    metadata: {labels: {a: b}}
    spec:
      containers:
        - name: c
          ports:
            ? [a, b]
            : c
          env: [{name: x, value: !!binary aGVsbG8=}]
---
apiVersion: v1
kind: Service
metadata: {name: s}
spec:
  ports: [{port: 80, targetPort: .inf}]
  selector: {? {a: b} : c}
---
a: &a [*a]
`;

describe('bad input for the schema and pod rules', () => {
  it('gives one finding per wrong value and never throws', () => {
    const lines = check({ 'f.yaml': text }).findings.map(brief);
    assert.deepEqual(lines, [
      'schema-type error 3:11-3:13', // metadata: []
      'schema-type error 6:22-6:23', // a container that is a number
      'schema-type error 6:25-6:28', // … a string
      'container-port-range error 6:48-6:52', // a null port: an empty ContainerPort to the decoder
      'schema-type error 6:54-6:55', // a port that is a number: a type error, not a missing containerPort
      'container-port-range error 6:73-6:77', // containerPort: null
      'schema-type error 6:89-6:92',
      'schema-type error 6:102-6:103',
      'schema-type error 6:115-6:116',
      'schema-type error 6:124-6:125',
      'schema-type error 7:19-7:25', // initContainers: a map
      'schema-type error 12:7-12:10', // spec: "x"
      'schema-type error 25:13-27:1', // ports: a map with a collection key
      'service-without-selector information 31:18-31:19', // the selector's only key is a map: no usable pair
      'service-target-port error 33:34-33:38', // targetPort: .inf (the Service rule owns it: one problem, one diagnostic)
      'yaml-syntax error 36:8-36:10', // a: &a [*a]: an alias inside its own anchor
    ]);
  });
});
