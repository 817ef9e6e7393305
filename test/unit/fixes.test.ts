// The edit builders of engine/fixes.ts, asserted on the resulting text byte for byte.
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isMap, isSeq, Node, Pair, YAMLMap } from 'yaml';
import { insertPair, ownPair, removePair, removePairs, replaceScalar, setValue, Source } from '../../server/src/engine/fixes';
import { parseFile, Positions } from '../../server/src/engine/parse';
import { applyEdits } from '../support/applyEdits';

function source(text: string): Source {
  const parsed = parseFile('t.yaml', text);
  const doc = parsed.documents[0]!.doc;
  return { doc, pos: new Positions(parsed.lineCounter), text };
}

/** The map at a path of keys and sequence indexes, e.g. ['spec', 'ports', 0]. */
function mapAt(src: Source, ...path: Array<string | number>): YAMLMap {
  let node: unknown = src.doc.contents;
  for (const step of path) {
    if (typeof step === 'number') node = isSeq(node) ? node.items[step] : undefined;
    else node = isMap(node) ? ownPair(node, step)?.value : undefined;
  }
  assert.ok(isMap(node), `no map at ${path.join('.')}`);
  return node;
}

function pair(map: YAMLMap, key: string): Pair {
  const p = ownPair(map, key);
  assert.ok(p, `no key ${key}`);
  return p;
}

describe('fixes: removing a key', () => {
  it('removes whole lines of a block pair, its trailing comment and nested value included', () => {
    const text = 'spec:\n  type: ClusterIP # keep type\n  clusterIP: 10.0.0.1 # pinned\n  selector:\n    app: web\n  ports:\n    - port: 80\n';
    const src = source(text);
    const spec = mapAt(src, 'spec');
    assert.equal(applyEdits(text, removePair(src, spec, pair(spec, 'clusterIP'))), 'spec:\n  type: ClusterIP # keep type\n  selector:\n    app: web\n  ports:\n    - port: 80\n');
    assert.equal(applyEdits(text, removePair(src, spec, pair(spec, 'selector'))), 'spec:\n  type: ClusterIP # keep type\n  clusterIP: 10.0.0.1 # pinned\n  ports:\n    - port: 80\n');
  });

  it('removes the last line of a file without a final newline', () => {
    const text = 'spec:\n  type: ClusterIP\n  clusterIP: 10.0.0.1';
    const src = source(text);
    const spec = mapAt(src, 'spec');
    assert.equal(applyEdits(text, removePair(src, spec, pair(spec, 'clusterIP'))), 'spec:\n  type: ClusterIP\n');
  });

  it('keeps the "- " of a sequence item and moves the next key up', () => {
    const text = 'ports:\n  - nodePort: 80\n    port: 80\n    name: web\n  - port: 81\n';
    const src = source(text);
    const item = mapAt(src, 'ports', 0);
    assert.equal(applyEdits(text, removePair(src, item, pair(item, 'nodePort'))), 'ports:\n  - port: 80\n    name: web\n  - port: 81\n');
  });

  it('leaves "- {}" when the only key of a sequence item goes', () => {
    const text = 'ports:\n  - nodePort: 80 # x\n  - port: 81\n';
    const src = source(text);
    const item = mapAt(src, 'ports', 0);
    assert.equal(applyEdits(text, removePair(src, item, pair(item, 'nodePort'))), 'ports:\n  - {} # x\n  - port: 81\n');
  });

  it('removes a flow-map pair with its comma, first, middle or last', () => {
    const text = 'ports: [{port: 80, nodePort: 30080, name: web}]\n';
    const src = source(text);
    const item = mapAt(src, 'ports', 0);
    assert.equal(applyEdits(text, removePair(src, item, pair(item, 'port'))), 'ports: [{nodePort: 30080, name: web}]\n');
    assert.equal(applyEdits(text, removePair(src, item, pair(item, 'nodePort'))), 'ports: [{port: 80, name: web}]\n');
    assert.equal(applyEdits(text, removePair(src, item, pair(item, 'name'))), 'ports: [{port: 80, nodePort: 30080}]\n');
    const one = 'spec: {clusterIP: None}\n';
    const s1 = source(one);
    const spec = mapAt(s1, 'spec');
    assert.equal(applyEdits(one, removePair(s1, spec, pair(spec, 'clusterIP'))), 'spec: {}\n');
  });

  it('removes several pairs at once without overlapping edits', () => {
    const flow = 'spec: {type: ClusterIP, clusterIP: 1.2.3.4, clusterIPs: [1.2.3.4]}\n';
    const s1 = source(flow);
    const m1 = mapAt(s1, 'spec');
    assert.equal(applyEdits(flow, removePairs(s1, m1, [pair(m1, 'clusterIP'), pair(m1, 'clusterIPs')])), 'spec: {type: ClusterIP}\n');
    const block = 'spec:\n  clusterIP: 1.2.3.4\n  clusterIPs:\n    - 1.2.3.4\n  type: ClusterIP\n';
    const s2 = source(block);
    const m2 = mapAt(s2, 'spec');
    assert.equal(applyEdits(block, removePairs(s2, m2, [pair(m2, 'clusterIPs'), pair(m2, 'clusterIP')])), 'spec:\n  type: ClusterIP\n');
  });

  it('keeps CRLF line endings intact', () => {
    const text = 'spec:\r\n  clusterIP: 1.2.3.4\r\n  type: ClusterIP\r\n';
    const src = source(text);
    const spec = mapAt(src, 'spec');
    assert.equal(applyEdits(text, removePair(src, spec, pair(spec, 'clusterIP'))), 'spec:\r\n  type: ClusterIP\r\n');
    assert.equal(applyEdits(text, [insertPair(src, spec, 'ports', '[]')]), 'spec:\r\n  clusterIP: 1.2.3.4\r\n  type: ClusterIP\r\n  ports: []\r\n');
  });
});

describe('fixes: inserting and replacing', () => {
  it('inserts after the last key at the map indentation, past a nested block value', () => {
    const text = 'spec:\n  ports:\n    - port: 80\n  selector:\n    app: web\n---\nkind: x\n';
    const src = source(text);
    assert.equal(applyEdits(text, [insertPair(src, mapAt(src, 'spec'), 'type', 'NodePort')]), 'spec:\n  ports:\n    - port: 80\n  selector:\n    app: web\n  type: NodePort\n---\nkind: x\n');
  });

  it('inserts first into a "- key: v" item, keeping the dash', () => {
    const text = 'ports:\n  - port: 80 # web\n    targetPort: 8080\n';
    const src = source(text);
    assert.equal(applyEdits(text, [insertPair(src, mapAt(src, 'ports', 0), 'name', 'http', { first: true })]), 'ports:\n  - name: http\n    port: 80 # web\n    targetPort: 8080\n');
  });

  it('inserts into flow maps, empty ones too, and at the end of a file without newline', () => {
    const text = 'a: {port: 80}\nb: {}\nc:\n  d: 1';
    const src = source(text);
    assert.equal(applyEdits(text, [insertPair(src, mapAt(src, 'a'), 'name', 'http')]), 'a: {port: 80, name: http}\nb: {}\nc:\n  d: 1');
    assert.equal(applyEdits(text, [insertPair(src, mapAt(src, 'a'), 'name', 'http', { first: true })]), 'a: {name: http, port: 80}\nb: {}\nc:\n  d: 1');
    assert.equal(applyEdits(text, [insertPair(src, mapAt(src, 'b'), 'name', 'http')]), 'a: {port: 80}\nb: {name: http}\nc:\n  d: 1');
    assert.equal(applyEdits(text, [insertPair(src, mapAt(src, 'c'), 'e', '2')]), 'a: {port: 80}\nb: {}\nc:\n  d: 1\n  e: 2');
  });

  it('replaces a scalar and keeps its quotes for strings, drops them for numbers', () => {
    const text = 'a: "Nodeport" # t\nb: \'udp\'\nc: "8080"\n';
    const src = source(text);
    const root = src.doc.contents as YAMLMap;
    const v = (k: string) => pair(root, k).value as Node;
    assert.equal(applyEdits(text, [replaceScalar(src, v('a'), 'NodePort')]), 'a: "NodePort" # t\nb: \'udp\'\nc: "8080"\n');
    assert.equal(applyEdits(text, [replaceScalar(src, v('b'), 'UDP')]), 'a: "Nodeport" # t\nb: \'UDP\'\nc: "8080"\n');
    assert.equal(applyEdits(text, [replaceScalar(src, v('c'), 8080)]), 'a: "Nodeport" # t\nb: \'udp\'\nc: 8080\n');
  });

  it('sets a value whether the key is there, empty, or missing', () => {
    const text = 'spec:\n  type: Nodeport\n  other:\n';
    const src = source(text);
    const spec = mapAt(src, 'spec');
    assert.equal(applyEdits(text, [setValue(src, spec, 'type', 'NodePort')]), 'spec:\n  type: NodePort\n  other:\n');
    assert.equal(applyEdits(text, [setValue(src, spec, 'other', 'x')]), 'spec:\n  type: Nodeport\n  other: x\n');
    assert.equal(applyEdits(text, [setValue(src, spec, 'new', '1')]), 'spec:\n  type: Nodeport\n  other:\n  new: 1\n');
  });
});
