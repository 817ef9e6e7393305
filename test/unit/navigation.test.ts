// Definition and references between Services, pod templates, container ports and the objects that
// name Services, on the multi-file `shop` fixture. Locations are shown as `file L:C-L:C` (1-based)
// with the text they cover, so a reader can check them against the fixture.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitLines } from '../../server/src/engine/edit/text';
import { definition, NavResult, references } from '../../server/src/engine/navigation';
import type { Position, Range } from '../../server/src/engine/types';
import { check } from '../support/check';
import { loadFixture } from '../support/fixtures';
import { repoPath } from '../support/repo';
import { positionOf } from '../support/routing';

/** The `shop` workspace fixture, keyed by file name. */
const SHOP = Object.fromEntries(Object.entries(loadFixture(repoPath('test', 'fixtures', 'workspaces', 'shop'))).map(([k, v]) => [k.replace(/^shop\//, ''), v]));
const { linter } = check(SHOP);

/** The position of the `nth` (1-based) occurrence of `needle` in `file` (plus `offset` characters). */
function find(file: string, needle: string, nth = 1, offset = 0): Position {
  return positionOf(SHOP[file]!, needle, nth - 1, offset);
}

function show(file: string, r: Range): string {
  const lines = splitLines(SHOP[file]!);
  const text = r.start.line === r.end.line ? lines[r.start.line]!.slice(r.start.character, r.end.character) : `${lines[r.start.line]!.slice(r.start.character)}…`;
  return `${file} ${r.start.line + 1}:${r.start.character + 1} ${text}`;
}

const targets = (res: NavResult | undefined) => (res?.locations ?? []).map((l) => show(l.file, l.selectionRange)).sort();
const def = (file: string, pos: Position) => definition(linter.index, file, SHOP[file]!, pos);
const refs = (file: string, pos: Position) => references(linter.index, file, SHOP[file]!, pos);

describe('go to definition', () => {
  it('from one selector pair to every pod template in the namespace that carries it', () => {
    const res = def('services.yaml', find('services.yaml', 'tier: front', 1, 7));
    assert.equal(show('services.yaml', res!.origin), 'services.yaml 9:5 tier: front');
    assert.deepEqual(targets(res), ['api.yaml 11:9 tier', 'web.yaml 13:9 tier']);
  });

  it('from the selector as a whole to the pod templates it selects', () => {
    const res = def('services.yaml', find('services.yaml', 'selector:'));
    assert.deepEqual(targets(res), ['web.yaml 12:9 app']);
    assert.deepEqual(res!.locations.map((l) => show(l.file, l.range)), ['web.yaml 12:9 app: web…']);
    assert.deepEqual(targets(def('services.yaml', find('services.yaml', '{app: db}'))), ['api.yaml 28:16 app']);
  });

  it('from a named targetPort to the container port’s name, and a numeric one to the containerPort', () => {
    assert.deepEqual(targets(def('services.yaml', find('services.yaml', 'targetPort: http', 1, 13))), ['web.yaml 19:21 http']);
    assert.deepEqual(targets(def('services.yaml', find('services.yaml', 'targetPort: pg', 1, 2))), ['api.yaml 32:26 pg']);
  });

  it('from an Ingress or HTTPRoute backend to the Service, and from its port to the Service port', () => {
    assert.deepEqual(targets(def('edge.yaml', find('edge.yaml', 'name: web', 1, 7))), ['services.yaml 4:9 web']);
    assert.deepEqual(targets(def('edge.yaml', find('edge.yaml', 'number: 80', 1, 9))), ['services.yaml 12:13 80']);
    assert.deepEqual(targets(def('edge.yaml', find('edge.yaml', 'name: web', 2, 6))), ['services.yaml 4:9 web']);
    assert.deepEqual(targets(def('edge.yaml', find('edge.yaml', 'port: 80', 1, 6))), ['services.yaml 12:13 80']);
  });

  it('from a StatefulSet’s serviceName to its governing Service', () => {
    assert.deepEqual(targets(def('api.yaml', find('api.yaml', 'serviceName: db', 1, 13))), ['services.yaml 20:9 db']);
  });

  it('finds nothing where there is nothing to go to', () => {
    assert.equal(def('services.yaml', find('services.yaml', 'kind: Service')), undefined);
    assert.equal(def('web.yaml', find('web.yaml', 'app: web', 2)), undefined);
  });
});

describe('find references', () => {
  it('from a pod template label to the selector pairs of the Services that select these pods', () => {
    const res = refs('web.yaml', find('web.yaml', 'tier: front', 1, 1));
    assert.deepEqual(targets(res), ['services.yaml 9:5 tier']);
    // Same labels in another namespace: not selected by shop's Services.
    assert.deepEqual(targets(refs('elsewhere.yaml', find('elsewhere.yaml', 'app: web'))), []);
  });

  it('from the labels key to the selectors of every Service selecting the template', () => {
    const res = refs('web.yaml', find('web.yaml', 'labels:'));
    assert.deepEqual(targets(res), ['services.yaml 8:5 app: web…']);
  });

  it('from a container port to the targetPort (or port) of each Service port that lands on it', () => {
    assert.deepEqual(targets(refs('web.yaml', find('web.yaml', 'containerPort: 8080'))), ['services.yaml 13:19 http']);
    assert.deepEqual(targets(refs('web.yaml', find('web.yaml', 'containerPort: 9090'))), ['services.yaml 15:13 9090']);
    assert.deepEqual(targets(refs('web.yaml', find('web.yaml', 'containerPort: 53'))), []);
  });

  it('from a Service name to the Ingresses, routes and StatefulSets that name it', () => {
    assert.deepEqual(targets(refs('services.yaml', find('services.yaml', 'name: web', 1, 6))), ['edge.yaml 14:23 web', 'edge.yaml 26:17 web']);
    assert.deepEqual(targets(refs('services.yaml', find('services.yaml', 'name: db', 1, 6))), ['api.yaml 25:16 db']);
  });
});
