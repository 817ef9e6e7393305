// Kustomize patch files: recognised through the kustomization that lists them, re-checked when it changes.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveSibling } from '../../server/src/engine/k8s/kustomize';
import { Linter } from '../../server/src/engine/linter';

const patch = 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {type: LoadBalancer}\n';
const kustomization = (path: string) => `resources: [../base]\npatches:\n  - path: ${path}\n    target: {kind: Service}\n`;
const portsRequired = (l: Linter, file: string) => l.findings(file).filter((f) => f.rule === 'service-ports-required');

describe('kustomize patches', () => {
  it('resolves patch paths the way the index names files (paths and URIs)', () => {
    assert.equal(resolveSibling('repo/overlay/kustomization.yaml', 'service.yaml'), 'repo/overlay/service.yaml');
    assert.equal(resolveSibling('repo/overlay/kustomization.yaml', './patches/../svc.yaml'), 'repo/overlay/svc.yaml');
    assert.equal(resolveSibling('../corpus/a/kustomization.yaml', '../b/svc.yaml'), '../corpus/b/svc.yaml');
    assert.equal(resolveSibling('file:///w/overlay/kustomization.yaml', 'my patch.yaml'), 'file:///w/overlay/my%20patch.yaml');
    assert.equal(resolveSibling('C:\\w\\overlay\\kustomization.yaml', 'svc.yaml'), 'C:\\w\\overlay\\svc.yaml');
  });

  it('a Service file becomes a patch, and stops being one, as its kustomization changes', () => {
    const l = new Linter();
    l.update('overlay/service-type.yaml', patch);
    assert.equal(portsRequired(l, 'overlay/service-type.yaml').length, 1, 'alone, the fragment lacks ports');
    assert.deepEqual([...l.update('overlay/kustomization.yaml', kustomization('service-type.yaml'))], ['overlay/service-type.yaml']);
    assert.equal(l.index.isKustomizePatch('overlay/service-type.yaml'), true);
    assert.deepEqual(portsRequired(l, 'overlay/service-type.yaml'), []);
    assert.deepEqual([...l.update('overlay/kustomization.yaml', kustomization('other.yaml'))], ['overlay/service-type.yaml']);
    assert.equal(portsRequired(l, 'overlay/service-type.yaml').length, 1);
    l.update('overlay/kustomization.yaml', kustomization('service-type.yaml'));
    assert.deepEqual([...l.remove('overlay/kustomization.yaml')], ['overlay/service-type.yaml']);
    assert.equal(l.index.isKustomizePatch('overlay/service-type.yaml'), false);
  });

  it('a kustomization.yaml that only lists resources makes nothing a patch', () => {
    const l = new Linter();
    l.update('k/service.yaml', patch);
    l.update('k/kustomization.yaml', 'resources: [service.yaml]\n');
    assert.equal(portsRequired(l, 'k/service.yaml').length, 1);
  });

  it('a broken kustomization whose patches entry is a scalar lists no patch and does not throw', () => {
    const l = new Linter();
    l.update('k/service.yaml', patch);
    l.update('k/kustomization.yaml', 'resources: [service.yaml]\npatches:\n  - service.yaml\n');
    assert.equal(l.index.isKustomizePatch('k/service.yaml'), false);
    assert.equal(portsRequired(l, 'k/service.yaml').length, 1);
  });
});
