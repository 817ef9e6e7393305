// The generated schemas: up to date with the generator, all imported by the engine, and checking
// what the API server's decoder checks (int-or-string, quantities, closed structs, open maps).
import Ajv from 'ajv';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { CATALOG_FILES, DEFINITIONS, KIND_SCHEMAS } from '../../server/src/engine/schema/catalog';
import { validateStructure } from '../../server/src/engine/schema/validate';
import { repoPath } from '../support/repo';

const OPENAPI = repoPath('..', 'shared', 'k8s-openapi', 'v1.35');

describe('generated schemas', () => {
  it('are up to date with scripts/gen-schemas.mjs (npm run schemas)', (t) => {
    if (!fs.existsSync(OPENAPI)) {
      t.skip(`${OPENAPI} is absent: cannot regenerate the schemas to compare`);
      return;
    }
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ksl-schemas-'));
    try {
      const r = spawnSync(process.execPath, [repoPath('scripts', 'gen-schemas.mjs'), '--openapi', OPENAPI, '--out', out], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const committed = fs.readdirSync(repoPath('schemas')).sort();
      assert.deepEqual(fs.readdirSync(out).sort(), committed);
      for (const f of committed) {
        assert.ok(fs.readFileSync(path.join(out, f)).equals(fs.readFileSync(repoPath('schemas', f))), `schemas/${f} differs from the generator's output: run npm run schemas`);
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it('are all imported by the engine, one per apiVersion/kind', () => {
    const files = fs.readdirSync(repoPath('schemas')).filter((f) => f !== '_definitions.json' && f !== 'index.json');
    assert.deepEqual([...CATALOG_FILES].sort(), files.sort());
    assert.deepEqual([...KIND_SCHEMAS.keys()].sort(), [
      'apps/v1/DaemonSet',
      'apps/v1/Deployment',
      'apps/v1/ReplicaSet',
      'apps/v1/StatefulSet',
      'batch/v1/CronJob',
      'batch/v1/Job',
      'discovery.k8s.io/v1/EndpointSlice',
      'networking.k8s.io/v1/Ingress',
      'networking.k8s.io/v1/ServiceCIDR',
      'v1/Endpoints',
      'v1/Pod',
      'v1/ReplicationController',
      'v1/Service',
    ]);
  });

  it('keep shared definitions by reference, and every reference resolves', () => {
    const refs: string[] = [];
    const collect = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(collect);
      else if (node && typeof node === 'object') {
        for (const [k, v] of Object.entries(node)) {
          if (k === '$ref') refs.push(String(v));
          else collect(v);
        }
      }
    };
    collect(DEFINITIONS);
    for (const k of KIND_SCHEMAS.values()) collect(k.schema);
    assert.ok(refs.length > 100);
    for (const ref of refs) {
      const name = /#\/definitions\/(.+)$/.exec(ref)?.[1];
      assert.ok(name && DEFINITIONS.definitions[decodeURIComponent(name)], `dangling $ref ${ref}`);
    }
    // PodSpec is defined once and referenced by the pod template of every workload kind.
    assert.ok(DEFINITIONS.definitions['io.k8s.api.core.v1.PodSpec']);
    assert.ok(!fs.readFileSync(repoPath('schemas', 'apps.v1.Deployment.json'), 'utf8').includes('"containers"'));
  });

  it('are valid draft-07 schemas that ajv compiles in strict mode', () => {
    const ajv = new Ajv({ strict: true, allowUnionTypes: true, validateFormats: false, validateSchema: true });
    ajv.addSchema(DEFINITIONS);
    for (const k of KIND_SCHEMAS.values()) assert.doesNotThrow(() => ajv.compile(k.schema), `${k.apiVersion} ${k.kind}`);
  });
});

describe('structural validation', () => {
  const service = (port: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, ...port }] } });

  it('takes int-or-string in both forms and refuses other types', () => {
    assert.deepEqual(validateStructure('v1', 'Service', service({ targetPort: 8080 })), []);
    assert.deepEqual(validateStructure('v1', 'Service', service({ targetPort: 'http' })), []);
    assert.deepEqual(validateStructure('v1', 'Service', service({ targetPort: true })), [{ type: 'type', path: ['spec', 'ports', 0, 'targetPort'], value: true }]);
  });

  it('reports unknown fields of structs but takes any key in maps', () => {
    const problems = validateStructure('v1', 'Service', { ...service({ containerPort: 1 }), metadata: { name: 's', labels: { 'any/key': 'v' } } });
    assert.deepEqual(problems, [{ type: 'unknown', path: ['spec', 'ports', 0], field: 'containerPort' }]);
  });

  it('bounds int32 fields and accepts numbers and strings for quantities', () => {
    assert.deepEqual(validateStructure('v1', 'Service', service({ nodePort: 2 ** 31 })), [{ type: 'type', path: ['spec', 'ports', 0, 'nodePort'], value: 2 ** 31 }]);
    const pod = (limits: unknown) => ({ apiVersion: 'v1', kind: 'Pod', spec: { containers: [{ name: 'c', resources: { limits } }] } });
    assert.deepEqual(validateStructure('v1', 'Pod', pod({ cpu: 0.5, memory: '1Gi' })), []);
    assert.equal(validateStructure('v1', 'Pod', pod({ cpu: true }))?.[0]?.type, 'type');
  });

  it('has no schema for unknown apiVersion/kind pairs', () => {
    assert.equal(validateStructure('serving.knative.dev/v1', 'Service', {}), undefined);
    assert.equal(validateStructure('apps/v1beta1', 'Deployment', {}), undefined);
  });
});
