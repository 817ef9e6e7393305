// Small read-only helpers over yaml's AST: look up keys the way the Kubernetes decoder does
// (the last duplicate wins, `<<` merge keys apply, aliases resolve) and turn nodes into ranges.
import { Document, isAlias, isMap, isPair, isScalar, isSeq, Node, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import type { Positions } from './parse';
import { aliasTable } from './yamlAliases';
import type { Range } from './types';


export interface NodeContext {
  doc: Document.Parsed;
  pos: Positions;
}

/**
 * Follows an alias to its target (one hop: yaml forbids aliases to aliases), from a table built
 * once per document: yaml's `resolve` walks the whole document on every call.
 */
export function deref(ctx: NodeContext, node: unknown): Node | undefined {
  if (isAlias(node)) return aliasTable(ctx.doc).targets.get(node);
  if (isScalar(node) || isMap(node) || isSeq(node)) return node;
  return undefined;
}

export function asMap(ctx: NodeContext, node: unknown): YAMLMap | undefined {
  const n = deref(ctx, node);
  return isMap(n) ? n : undefined;
}

export function asSeq(ctx: NodeContext, node: unknown): YAMLSeq | undefined {
  const n = deref(ctx, node);
  return isSeq(n) ? n : undefined;
}

export function asScalar(ctx: NodeContext, node: unknown): Scalar | undefined {
  const n = deref(ctx, node);
  return isScalar(n) ? n : undefined;
}

export function keyString(pair: Pair): string | undefined {
  const key = pair.key;
  if (!isScalar(key)) return undefined;
  // With YAML 1.1 merge keys enabled, yaml represents `<<` by a symbol.
  if (typeof key.value === 'symbol') return key.value.description;
  return key.value === null ? '' : String(key.value);
}

/** The pair for `key`: the last one when a key is repeated, as a lenient JSON decoder keeps it. */
export function getPair(ctx: NodeContext, map: YAMLMap | undefined, key: string): Pair | undefined {
  if (!isMap(map)) return undefined; // callers pass what a field holds, which may be a scalar in a broken file
  let found: Pair | undefined;
  let merged: Pair | undefined;
  for (const item of map.items) {
    if (!isPair(item)) continue;
    const k = keyString(item);
    if (k === key) found = item;
    else if (k === '<<' && found === undefined) merged = merged ?? findInMerge(ctx, item.value, key);
  }
  return found ?? merged;
}

function findInMerge(ctx: NodeContext, value: unknown, key: string): Pair | undefined {
  const target = deref(ctx, value);
  const sources = isSeq(target) ? target.items : [target];
  for (const source of sources) {
    const m = asMap(ctx, source);
    if (!m) continue;
    for (const item of m.items) if (isPair(item) && keyString(item) === key) return item;
  }
  return undefined;
}

export function get(ctx: NodeContext, map: YAMLMap | undefined, key: string): Node | undefined {
  const pair = getPair(ctx, map, key);
  return pair ? deref(ctx, pair.value) : undefined;
}

/** Walks a dotted path of map keys. */
export function getPath(ctx: NodeContext, node: unknown, ...keys: string[]): Node | undefined {
  let current: Node | undefined = deref(ctx, node);
  for (const key of keys) {
    current = get(ctx, isMap(current) ? current : undefined, key);
    if (!current) return undefined;
  }
  return current;
}

/** Every `key: value` pair of a map, merge keys expanded, later duplicates winning. */
export function entries(ctx: NodeContext, map: YAMLMap | undefined): Pair[] {
  if (!map) return [];
  const byKey = new Map<string, Pair>();
  for (const item of map.items) {
    if (!isPair(item)) continue;
    const k = keyString(item);
    if (k === '<<') {
      const target = deref(ctx, item.value);
      const sources = isSeq(target) ? target.items : [target];
      for (const source of sources) {
        for (const inner of asMap(ctx, source)?.items ?? []) {
          const ik = isPair(inner) ? keyString(inner) : undefined;
          if (ik !== undefined && !byKey.has(ik)) byKey.set(ik, inner as Pair);
        }
      }
      continue;
    }
    if (k !== undefined) {
      byKey.delete(k);
      byKey.set(k, item);
    }
  }
  return [...byKey.values()];
}

export function items(ctx: NodeContext, node: unknown): Node[] {
  const seq = asSeq(ctx, node);
  if (!seq) return [];
  const out: Node[] = [];
  for (const item of seq.items) {
    const n = deref(ctx, item);
    if (n) out.push(n);
  }
  return out;
}

export function rangeOf(ctx: NodeContext, node: unknown): Range | undefined {
  if (!node || typeof node !== 'object' || !('range' in node)) return undefined;
  const r = (node as Node).range;
  if (!r) return undefined;
  return ctx.pos.range(r[0], r[1]);
}

/** The key's range of a pair, or its value's when the key has none. */
export function keyRangeOf(ctx: NodeContext, pair: Pair): Range | undefined {
  return rangeOf(ctx, pair.key) ?? rangeOf(ctx, pair.value);
}

/** The JavaScript value of a scalar (string, number, boolean, null); undefined for collections. */
export function scalarValue(ctx: NodeContext, node: unknown): unknown {
  const s = asScalar(ctx, node);
  return s ? s.value : undefined;
}

export function stringValue(ctx: NodeContext, node: unknown): string | undefined {
  const v = scalarValue(ctx, node);
  return typeof v === 'string' ? v : undefined;
}

/** What kind of JSON value the API server's decoder would see. */
export function jsonType(ctx: NodeContext, node: unknown): 'string' | 'integer' | 'number' | 'boolean' | 'null' | 'object' | 'array' | 'missing' {
  const n = deref(ctx, node);
  if (!n) return 'missing';
  if (isMap(n)) return 'object';
  if (isSeq(n)) return 'array';
  if (isScalar(n)) {
    const v = n.value;
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'string') return 'string';
    if (typeof v === 'boolean') return 'boolean';
    if (typeof v === 'bigint') return 'integer';
    if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  }
  return 'null';
}
