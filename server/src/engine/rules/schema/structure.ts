// One structural validation per object, shared by the schema rules: the object's value as the
// API server's decoder sees it, checked against the schema of its apiVersion/kind, each problem
// mapped back to the YAML node it is about.
import { isAlias, isMap, isScalar, isSeq, Node, Pair, YAMLMap } from 'yaml';
import { kindSchema, KindSchema } from '../../schema/catalog';
import { Located, PathSegment, rootOf, step } from '../../schema/navigate';
import { StructuralProblem, validateStructure } from '../../schema/validate';
import type { ObjectNode } from '../../resources';
import type { Range } from '../../types';
import { deref, entries, getPair, keyString, NodeContext, rangeOf } from '../../yamlNodes';

/** Nodes one object may expand to (aliases included): a guard against "billion laughs" documents. */
const MAX_NODES = 200_000;

export interface LocatedProblem {
  problem: StructuralProblem;
  kind: KindSchema;
  /** The value node (type errors), the key node (unknown fields), or the parent's key (required). */
  node?: Node;
  pair?: Pair;
  range: Range;
  /** The whole `key: value` pair the problem is about (for recognising the same problem reported by another rule). */
  about: Range;
}

const cache = new WeakMap<YAMLMap, LocatedProblem[]>();

export function structuralProblems(object: ObjectNode): LocatedProblem[] {
  const hit = cache.get(object.node);
  if (hit) return hit;
  const result = compute(object);
  cache.set(object.node, result);
  return result;
}

function compute(object: ObjectNode): LocatedProblem[] {
  const { resource, ctx, node } = object;
  const kind = kindSchema(resource.apiVersion, resource.kind);
  if (!kind) return [];
  let value: unknown;
  try {
    value = decoderValue(ctx, node, { nodes: 0, aliases: new Map() });
  } catch {
    return []; // an alias bomb: nothing sensible to check
  }
  const problems = validateStructure(resource.apiVersion, resource.kind, value) ?? [];
  const out: LocatedProblem[] = [];
  for (const problem of problems) {
    const located = locateProblem(ctx, node, problem, resource.kindRange);
    if (located) out.push({ problem, kind, ...located });
  }
  return out;
}

/**
 * The JSON the API server decodes, read from the YAML the same way rules read it (yamlNodes:
 * last duplicate wins, merge keys, aliases). Null map entries are dropped (the Go decoder leaves
 * the zero value, the same as an absent field); YAML 1.1 timestamps stay strings (go-yaml keeps
 * them as strings for the JSON conversion); keys that are collections are skipped.
 */
function decoderValue(ctx: NodeContext, raw: unknown, budget: DecodeBudget): unknown {
  if (isAlias(raw)) {
    // Each anchor is decoded once and shared by its aliases (ajv only reads the value): 2,000
    // aliases of a 2,000-item anchor are 4,000 nodes of work, not 4,000,000.
    const target = deref(ctx, raw) as Node | undefined;
    if (target === undefined || target === raw) return null;
    if (budget.aliases.has(target)) return budget.aliases.get(target);
    const v = decoderValue(ctx, target, budget);
    budget.aliases.set(target, v);
    return v;
  }
  if (++budget.nodes > MAX_NODES) throw new Error('too many nodes');
  const node = deref(ctx, raw);
  if (isTemplatePlaceholder(node)) return null; // `{{replicas}}`: a text template's hole, not a map
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of entries(ctx, node)) {
      const key = keyString(pair);
      if (key === undefined) continue;
      const v = decoderValue(ctx, pair.value, budget);
      if (v !== null && v !== undefined) out[key] = v;
    }
    return out;
  }
  if (isSeq(node)) return node.items.map((item) => decoderValue(ctx, item, budget));
  if (isScalar(node)) {
    const v = node.value;
    if (v instanceof Date) return Number.isNaN(v.getTime()) ? String(v) : v.toISOString();
    if (typeof v === 'bigint') return Number(v);
    if (v instanceof Uint8Array) return ''; // !!binary: a string for the decoder
    return v === undefined ? null : v;
  }
  return null;
}

interface DecodeBudget {
  nodes: number;
  /** Decoded anchors, by node. */
  aliases: Map<Node, unknown>;
}

/** `{{name}}` read as YAML: a flow map whose only key is another flow map. Templates fill it in later. */
function isTemplatePlaceholder(node: unknown): boolean {
  if (!isMap(node) || !node.flow || node.items.length !== 1) return false;
  const key = node.items[0]?.key;
  return isMap(key) && key.flow === true;
}

interface Step {
  node: Node;
  /** The pair the node is the value of (undefined for sequence items and the root). */
  pair?: Pair;
  /** The node as written at this place: an alias stays an alias, so findings sit where it is used. */
  written: Node;
}

/** Walks the YAML along a path the way the decoder reads it (last duplicate wins, merge keys, aliases). */
export function walk(ctx: NodeContext, root: YAMLMap, path: readonly PathSegment[]): Step[] | undefined {
  const steps: Step[] = [{ node: root, written: root }];
  let current: Node = root;
  for (const seg of path) {
    if (typeof seg === 'number') {
      const seq = deref(ctx, current);
      if (!isSeq(seq)) return undefined;
      const raw = seq.items[seg] as Node | undefined;
      // The item itself, not items()[seg]: that built the whole list per step (2,000 ports, 2,000 problems: quadratic).
      const target = deref(ctx, raw) as Node | undefined;
      if (!target) return undefined;
      steps.push({ node: target, written: raw && isAlias(raw) ? raw : target });
      current = target;
    } else {
      const map = deref(ctx, current);
      if (!isMap(map)) return undefined;
      const pair = getPair(ctx, map, seg);
      const target = pair ? deref(ctx, pair.value) : undefined;
      if (!pair || !target) return undefined;
      steps.push({ node: target, pair, written: (pair.value as Node | null) ?? target });
      current = target;
    }
  }
  return steps;
}

function pairRange(ctx: NodeContext, pair: Pair | undefined, fallback: Range): Range {
  if (!pair) return fallback;
  const k = rangeOf(ctx, pair.key);
  const v = rangeOf(ctx, pair.value);
  if (k && v) return { start: k.start, end: v.end };
  return k ?? v ?? fallback;
}

function locateProblem(
  ctx: NodeContext,
  root: YAMLMap,
  problem: StructuralProblem,
  kindRange: Range,
): Omit<LocatedProblem, 'problem' | 'kind'> | undefined {
  const steps = walk(ctx, root, problem.path);
  if (!steps) return undefined;
  const last = steps[steps.length - 1]!;
  if (problem.type === 'type') {
    const range = rangeOf(ctx, last.written) ?? rangeOf(ctx, last.node);
    if (!range) return undefined;
    const out: Omit<LocatedProblem, 'problem' | 'kind'> = { node: last.written, range, about: pairRange(ctx, last.pair, range) };
    if (last.pair) out.pair = last.pair;
    return out;
  }
  const parent = deref(ctx, last.node);
  if (!isMap(parent)) return undefined;
  if (problem.type === 'unknown') {
    const pair = getPair(ctx, parent, problem.field);
    const range = pair ? rangeOf(ctx, pair.key) : undefined;
    if (!pair || !range) return undefined;
    return { node: pair.key as Node, pair, range, about: pairRange(ctx, pair, range) };
  }
  // A missing field: on the key of the map that lacks it (`spec:`), or for a list item on its
  // first key (`- name: http` lacks containerPort), or on `kind` for the object itself.
  if (last.pair) {
    const range = rangeOf(ctx, last.pair.key) ?? kindRange;
    return { pair: last.pair, range, about: range };
  }
  if (steps.length === 1) return { range: kindRange, about: kindRange };
  const first = parent.items[0];
  const range = (first && rangeOf(ctx, first.key)) ?? rangeOf(ctx, parent) ?? kindRange;
  return { range, about: range };
}

export interface PathInfo {
  /** As the API server prints it: `spec.ports[0].port`, map keys in brackets: `metadata.labels[app]`. */
  printed: string;
  /** The schema at the end of the path (undefined past an open object). */
  at?: Located;
}

export function pathInfo(kind: KindSchema, path: readonly PathSegment[]): PathInfo {
  let at: Located | undefined = rootOf(kind);
  let printed = '';
  for (const seg of path) {
    const next: Located | undefined = at ? step(at, seg) : undefined;
    if (typeof seg === 'number' || next?.mapEntry) printed += `[${seg}]`;
    else printed += printed ? `.${seg}` : seg;
    at = next;
  }
  return at ? { printed, at } : { printed };
}
