// Aliases resolved once per document, without expanding them. yaml's own `Alias.resolve` walks
// the whole document on every call, which made a file of a few thousand aliases take minutes;
// here one iterative pass records every alias's target and what the Kubernetes decoder
// (go-yaml v2 behind sigs.k8s.io/yaml) would say about it: unknown anchors, anchors that contain
// their own alias, and "excessive aliasing" (billion laughs), which it refuses.
import { Alias, Document, isAlias, isMap, isPair, isScalar, isSeq, Node } from 'yaml';

export type AliasProblemKind = 'unknown' | 'self' | 'excessive';

export interface AliasProblem {
  kind: AliasProblemKind;
  alias: Alias;
  /** For 'excessive': nodes the decoder would have decoded, and how many of them through aliases. */
  decoded?: number;
  fromAliases?: number;
}

export interface AliasTable {
  targets: Map<Alias, Node | undefined>;
  problems: AliasProblem[];
}

const tables = new WeakMap<Document, AliasTable>();

/** The alias table of a document, computed on first use. */
export function aliasTable(doc: Document): AliasTable {
  let table = tables.get(doc);
  if (!table) {
    table = buildAliasTable(doc);
    tables.set(doc, table);
  }
  return table;
}

/** go-yaml v2's decode.go: the share of decoded nodes that may come from alias expansion. */
export function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= 400_000) return 0.99;
  if (decodeCount >= 4_000_000) return 0.1;
  return 0.99 - 0.89 * ((decodeCount - 400_000) / 3_600_000);
}

type Frame = { node: unknown; exit: false } | { node: Node; exit: true };

function buildAliasTable(doc: Document): AliasTable {
  const targets = new Map<Alias, Node | undefined>();
  const problems: AliasProblem[] = [];
  const anchors = new Map<string, Node>();
  const open = new Set<Node>();
  // How many nodes go-yaml decodes for a node, aliases expanded (its `unmarshal` calls).
  const decodedSize = new Map<Node, number>();
  // Running totals in go-yaml's decode order: the document node, then the tree pre-order.
  let decodeCount = 1;
  let aliasCount = 0;
  let excessive = false;
  const sizes: number[] = [];

  const stack: Frame[] = [{ node: doc.contents, exit: false }];
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    if (frame.exit) {
      open.delete(frame.node);
      const size = sizes.pop() as number;
      decodedSize.set(frame.node, size);
      if (sizes.length > 0) sizes[sizes.length - 1] += size;
      continue;
    }
    const node = frame.node;
    decodeCount++;
    if (isAlias(node)) {
      const target = anchors.get(node.source);
      targets.set(node, target);
      let size = 1;
      if (!target) problems.push({ kind: 'unknown', alias: node });
      else if (open.has(target)) problems.push({ kind: 'self', alias: node });
      else {
        const expanded = decodedSize.get(target) ?? 1;
        size += expanded;
        decodeCount += expanded;
        aliasCount += expanded;
      }
      if (sizes.length > 0) sizes[sizes.length - 1] += size;
      if (!excessive && aliasCount > 100 && decodeCount > 1000 && aliasCount / decodeCount > allowedAliasRatio(decodeCount)) {
        excessive = true;
        problems.push({ kind: 'excessive', alias: node, decoded: decodeCount, fromAliases: aliasCount });
      }
      continue;
    }
    if (!isMap(node) && !isSeq(node)) {
      // A scalar, or a missing key or value, which go-yaml decodes as one empty node.
      if (isScalar(node) && node.anchor) anchors.set(node.anchor, node);
      if (sizes.length > 0) sizes[sizes.length - 1] += 1;
      if (isScalar(node)) decodedSize.set(node, 1);
      continue;
    }
    if (node.anchor) anchors.set(node.anchor, node);
    open.add(node);
    sizes.push(1);
    stack.push({ node, exit: true });
    // Children in reverse so that they pop in document order: key before value, first item first.
    const children: unknown[] = [];
    for (const item of node.items) {
      if (isPair(item)) children.push(item.key, item.value);
      else children.push(item);
    }
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], exit: false });
  }
  return { targets, problems };
}
