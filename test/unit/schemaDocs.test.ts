// describeField: the hover text and type of a field, from the generated schemas.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeField } from '../../server/src/engine/schemaDocs';

describe('describeField', () => {
  it('describes a Service port field with its own text and type', () => {
    const d = describeField('v1', 'Service', ['spec', 'ports', 0, 'targetPort']);
    assert.equal(d?.type, 'integer or string');
    assert.match(d?.description ?? '', /^Number or name of the port to access on the pods targeted by the service/);
    assert.deepEqual(describeField('v1', 'Service', ['spec', 'ports', 0, 'port'])?.type, 'integer (int32)');
    assert.deepEqual(describeField('v1', 'Service', ['spec', 'ports'])?.type, '[]ServicePort');
    assert.deepEqual(describeField('v1', 'Service', ['spec'])?.type, 'ServiceSpec');
  });

  it('follows pod templates of workloads into containers, and map entries to their map', () => {
    const d = describeField('apps/v1', 'Deployment', ['spec', 'template', 'spec', 'containers', 0, 'ports', 0, 'containerPort']);
    assert.deepEqual(d, { description: "Number of port to expose on the pod's IP address. This must be a valid port number, 0 < x < 65536.", type: 'integer (int32)' });
    const label = describeField('batch/v1', 'CronJob', ['spec', 'jobTemplate', 'spec', 'template', 'metadata', 'labels', 'app']);
    assert.equal(label?.type, 'string');
    assert.match(label?.description ?? '', /^Map of string keys and values that can be used to organize and categorize/);
    assert.equal(describeField('v1', 'Pod', ['spec', 'containers', 0, 'resources', 'limits', 'cpu'])?.type, 'quantity (string or number, e.g. "500m", "1Gi")');
  });

  it('steps into list items when the path names a field right after a list (the hover gives paths without indexes)', () => {
    assert.deepEqual(describeField('v1', 'Service', ['spec', 'ports', 'nodePort']), describeField('v1', 'Service', ['spec', 'ports', 0, 'nodePort']));
    assert.equal(describeField('v1', 'Service', ['spec', 'ports', 'nodePort'])?.type, 'integer (int32)');
  });

  it('describes the object itself for an empty path', () => {
    assert.match(describeField('networking.k8s.io/v1', 'Ingress', [])?.description ?? '', /^Ingress is a collection of rules/);
  });

  it('knows nothing of unknown fields, kinds and apiVersions', () => {
    assert.equal(describeField('v1', 'Service', ['spec', 'selctor']), undefined);
    assert.equal(describeField('v1', 'Service', ['spec', 'ports', 'x']), undefined);
    assert.equal(describeField('v1', 'ConfigMap', ['data']), undefined);
    assert.equal(describeField('serving.knative.dev/v1', 'Service', ['spec']), undefined);
  });
});
