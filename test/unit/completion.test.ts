// Completion on text that is being typed, against a multi-file workspace (the `shop` fixture).
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { complete, Completion, yamlScalar } from '../../server/src/engine/completion/complete';
import { DocumentOutline, documentAround, lineInfo } from '../../server/src/engine/completion/outline';
import { splitLines } from '../../server/src/engine/edit/text';
import { check } from '../support/check';
import { loadFixture } from '../support/fixtures';
import { cursor } from '../support/lspEdits';
import { repoPath } from '../support/repo';

/** The `shop` workspace fixture, keyed by file name. */
const SHOP = Object.fromEntries(Object.entries(loadFixture(repoPath('test', 'fixtures', 'workspaces', 'shop'))).map(([k, v]) => [k.replace(/^shop\//, ''), v]));

function at(marked: string, extra: Record<string, string> = {}): Completion[] {
  const { text, position } = cursor(marked);
  const { linter } = check({ ...SHOP, ...extra, 'typing.yaml': text });
  const result = complete({ text, position, index: linter.index, defaultNamespace: 'default' });
  assert.equal(result.incomplete, false);
  return result.items;
}

const labels = (items: Completion[]) => [...items].sort((a, b) => a.sortText.localeCompare(b.sortText)).map((i) => i.label);

const SVC_HEAD = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: new\n  namespace: shop\nspec:\n';

describe('the outline of YAML being typed', () => {
  it('reads keys, dashes and values of a line', () => {
    assert.deepEqual(lineInfo('    - name: http # c'), { indent: 4, dash: true, keyCol: 6, key: 'name', value: 'http', blank: false });
    assert.deepEqual(lineInfo('  "app.kubernetes.io/name": "x:y"'), { indent: 2, dash: false, keyCol: 2, key: 'app.kubernetes.io/name', value: '"x:y"', blank: false });
    assert.equal(lineInfo('  url: http://x').key, 'url');
    assert.equal(lineInfo('   # note').blank, true);
  });

  it('finds the key path of a line through block maps and both sequence styles', () => {
    const lines = splitLines('a: 1\n---\nspec:\n  ports:\n  - name: x\n    port: 1\n  - name: y\n    targetPort: z\n  selector:\n    app: web\n');
    const doc = documentAround(lines, 7);
    assert.deepEqual(doc, { start: 2, end: 10 });
    const outline = new DocumentOutline(lines, doc.start, doc.end);
    assert.deepEqual(outline.pathOf(7)!.map((s) => s.key), ['spec', 'ports', '[]', 'targetPort']);
    assert.deepEqual(outline.pathOf(9)!.map((s) => s.key), ['spec', 'selector', 'app']);
    assert.deepEqual([...outline.siblings(7, 4)], [['name', 'y']]);
    assert.deepEqual(outline.entriesUnder(['spec', 'selector']).map((e) => e.key), ['app']);
  });

  it('offers nothing on a `---` that is the last line (the document after it is empty), without throwing', () => {
    // A file with CR-only line breaks is one line to the completion's reader: this was how the fuzzer met it.
    for (const text of ['---', '---\rapiVersion: v1\rkind: Service\r']) {
      assert.deepEqual(documentAround(splitLines(text), 0), { start: 1, end: 0 });
      const result = complete({ text, position: { line: 0, character: 3 }, index: check({}).linter.index, defaultNamespace: 'default' });
      assert.deepEqual(result.items, []);
    }
  });

  it('quotes scalars that YAML would read as something else', () => {
    assert.deepEqual(['web', 'app.kubernetes.io/name', 'yes', '2.1', 'On', ''].map(yamlScalar), ['web', 'app.kubernetes.io/name', '"yes"', '"2.1"', '"On"', '""']);
  });
});

describe('completion', () => {
  it('offers Service types after `type:` with nothing typed, adding the space when missing', () => {
    const items = at(`${SVC_HEAD}  type: |\n  ports: [{port: 80}]\n`);
    assert.deepEqual(labels(items), ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName']);
    assert.equal(items[0]!.newText, 'ClusterIP');
    assert.deepEqual(items[0]!.range, { start: { line: 6, character: 8 }, end: { line: 6, character: 8 } });
    const bare = at(`${SVC_HEAD}  type:|`);
    assert.equal(bare.find((i) => i.label === 'NodePort')!.newText, ' NodePort');
  });

  it('replaces the whole word being corrected', () => {
    const items = at(`${SVC_HEAD}  type: Node|port\n`);
    assert.deepEqual(items[0]!.range, { start: { line: 6, character: 8 }, end: { line: 6, character: 16 } });
  });

  it('offers protocol, session affinity, traffic policies, IP family policy and families at their fields', () => {
    assert.deepEqual(labels(at(`${SVC_HEAD}  ports:\n    - port: 53\n      protocol: |\n`)), ['TCP', 'UDP', 'SCTP']);
    assert.deepEqual(labels(at(`${SVC_HEAD}  sessionAffinity: |\n`)), ['None', 'ClientIP']);
    assert.deepEqual(labels(at(`${SVC_HEAD}  externalTrafficPolicy: L|\n`)), ['Cluster', 'Local']);
    assert.deepEqual(labels(at(`${SVC_HEAD}  internalTrafficPolicy: |\n`)), ['Cluster', 'Local']);
    assert.deepEqual(labels(at(`${SVC_HEAD}  ipFamilyPolicy: |\n`)), ['SingleStack', 'PreferDualStack', 'RequireDualStack']);
    assert.deepEqual(labels(at(`${SVC_HEAD}  ipFamilies:\n  - |\n`)), ['IPv4', 'IPv6']);
    assert.deepEqual(labels(at(`${SVC_HEAD}  ipFamilies: [IPv4, |]\n`)), ['IPv4', 'IPv6']);
    // A container port's protocol in a workload, too.
    assert.deepEqual(labels(at('kind: Pod\napiVersion: v1\nspec:\n  containers:\n  - name: c\n    ports:\n    - containerPort: 53\n      protocol: |\n')), ['TCP', 'UDP', 'SCTP']);
  });

  it('offers nothing for fields it does not know, other kinds, or a Service-like CRD', () => {
    assert.deepEqual(at(`${SVC_HEAD}  externalName: |\n`), []);
    assert.deepEqual(at('apiVersion: example.com/v1\nkind: Service\nspec:\n  type: |\n'), []);
    assert.deepEqual(at('apiVersion: v1\nkind: ConfigMap\ndata:\n  type: |\n'), []);
  });

  it('offers selector label sets that pick exactly one workload first, naming it, then single keys', () => {
    const items = at(`${SVC_HEAD}  selector:\n    ap|\n  ports: [{port: 80}]\n`);
    const sets = items.filter((i) => i.kind === 'labelSet');
    assert.deepEqual(
      sets.map((i) => [i.label, i.detail]).sort(),
      [
        ['app: api', 'selects only Deployment api (api.yaml)'],
        ['app: db', 'selects only StatefulSet db (api.yaml)'],
        ['app: web', 'selects only Deployment web (web.yaml)'],
      ],
    );
    assert.deepEqual(labels(items).slice(3), ['app', 'tier', 'version']);
    assert.equal(items.find((i) => i.label === 'tier')!.detail, 'on 3 pod templates');
    assert.equal(items.find((i) => i.label === 'app')!.newText, 'app: ');
    assert.deepEqual(items[0]!.range, { start: { line: 7, character: 4 }, end: { line: 7, character: 6 } });
  });

  it('narrows selector keys to the workloads the typed pairs already select, inserting several lines at the indentation', () => {
    const items = at(`${SVC_HEAD}  selector:\n    tier: front\n    |\n`);
    const sets = items.filter((i) => i.kind === 'labelSet').map((i) => [i.label, i.newText]);
    assert.deepEqual(sets.sort(), [['app: api', 'app: api'], ['app: web', 'app: web']]);
    assert.deepEqual(labels(items.filter((i) => i.kind === 'labelKey')), ['app', 'version']);
    // With a version label only: it is unstable, so it is never part of a set but is still a key.
    const three = at(`${SVC_HEAD}  selector:\n    |\n`, {
      'twins.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: twin, namespace: shop, labels: {app: web, tier: front, role: canary}}\nspec: {containers: [{name: c}]}\n',
    });
    const web = three.find((i) => i.detail === 'selects only Deployment web (web.yaml)');
    assert.equal(web, undefined, 'web and the twin pod share app and tier: no stable set picks web alone');
    assert.equal(three.find((i) => i.detail === 'selects only Pod twin (twins.yaml)')!.newText, 'role: canary');
    const multi = at(`${SVC_HEAD}  selector:\n    |\n`, {
      'twins.yaml': 'apiVersion: v1\nkind: Pod\nmetadata: {name: twin, namespace: shop, labels: {app: web, tier: back}}\nspec: {containers: [{name: c}]}\n',
    });
    assert.equal(multi.find((i) => i.detail === 'selects only Deployment web (web.yaml)')!.newText, 'app: web\n    tier: front');
  });

  it('offers selector values of that key in the namespace, with the workloads they select', () => {
    const items = at(`${SVC_HEAD}  selector:\n    tier: |\n`);
    assert.deepEqual(labels(items), ['back', 'front']);
    assert.equal(items.find((i) => i.label === 'front')!.detail, 'selects 2 workloads: api, web');
    assert.equal(items.find((i) => i.label === 'back')!.detail, 'selects StatefulSet db (api.yaml)');
    const narrowed = at(`${SVC_HEAD}  selector:\n    tier: front\n    app: |\n`);
    assert.deepEqual(labels(narrowed), ['api', 'web']);
    const quoted = at(`${SVC_HEAD}  selector:\n    version: |\n`);
    assert.deepEqual(quoted.map((i) => i.newText), ['"2.1"']);
  });

  it('uses the default namespace when the Service sets none', () => {
    assert.deepEqual(at('apiVersion: v1\nkind: Service\nmetadata: {name: x}\nspec:\n  selector:\n    app: |\n'), []);
  });

  it('offers targetPort from the selected pods’ ports of the same protocol, named ones first', () => {
    const svc = (protocol: string) => `${SVC_HEAD}  selector:\n    app: web\n  ports:\n    - port: 80\n${protocol}      targetPort: |\n`;
    const items = at(svc(''));
    assert.deepEqual(labels(items), ['http', '9090']);
    assert.equal(items[0]!.detail, 'containerPort 8080 of container web in Deployment web (web.yaml)');
    assert.deepEqual(labels(at(svc('      protocol: UDP\n'))), ['dns']);
    assert.deepEqual(at(`${SVC_HEAD}  ports:\n    - port: 80\n      targetPort: |\n`), []);
  });

  it('offers Service names and their ports in Ingress backends', () => {
    const ingress = (backend: string) =>
      `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: i, namespace: shop}\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            backend:\n              service:\n${backend}`;
    const names = at(ingress('                name: |\n'));
    assert.deepEqual(labels(names), ['db', 'web']);
    assert.equal(names.find((i) => i.label === 'web')!.detail, 'ClusterIP · 80/TCP (http), 9090/TCP (metrics) · services.yaml');
    assert.deepEqual(labels(at(ingress('                name: web\n                port:\n                  number: |\n'))), ['80', '9090']);
    assert.deepEqual(labels(at(ingress('                port:\n                  name: |\n                name: web\n'))), ['http', 'metrics']);
    assert.deepEqual(labels(at(ingress('                name: nope\n                port:\n                  number: |\n'))), []);
  });

  it('offers Service names and ports in HTTPRoute backendRefs, in the namespace the ref names', () => {
    const route = (ref: string) => `apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r}\nspec:\n  rules:\n    - backendRefs:\n${ref}`;
    assert.deepEqual(labels(at(route('        - namespace: shop\n          name: |\n'))), ['db', 'web']);
    assert.deepEqual(labels(at(route('        - name: |\n'))), []);
    assert.deepEqual(labels(at(route('        - name: web\n          namespace: shop\n          port: |\n'))), ['80', '9090']);
  });

  it('offers Services for a StatefulSet’s serviceName, headless ones first', () => {
    const items = at('apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s, namespace: shop}\nspec:\n  serviceName: |\n');
    assert.deepEqual(labels(items), ['db', 'web']);
  });

  it('in a namespace with hundreds of workloads, filters by what is typed, cuts the list and says it is incomplete', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) {
      files[`w${i}.yaml`] = `apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}, namespace: big, labels: {app: app-${i}, team: t}}\nspec: {containers: [{name: c}]}\n`;
    }
    const { text, position } = cursor('apiVersion: v1\nkind: Service\nmetadata: {name: s, namespace: big}\nspec:\n  selector:\n    app: app-1|\n');
    const { linter } = check({ ...files, 'typing.yaml': text });
    const all = complete({ text, position, index: linter.index, defaultNamespace: 'default' });
    assert.equal(all.incomplete, true);
    assert.equal(all.items.length, 111); // app-1, app-10…app-19, app-100…app-199
    assert.ok(all.items.every((i) => i.label.startsWith('app-1')));
  });

  it('says nothing inside comments or on lines it cannot read', () => {
    assert.deepEqual(at(`${SVC_HEAD}  # type: |\n`), []);
    assert.deepEqual(at(`${SVC_HEAD}  type: {a: |}\n`), []);
  });
});
