// What is under the cursor: the Kubernetes object, and the path of the field inside it, read from
// the syntax as written (so a hover on a key or on a value both name the field).
import { isMap, isScalar, isSeq, Node } from 'yaml';
import type { ParsedFile } from '../parse';
import type { ObjectNode } from '../resources';
import type { Position, Range } from '../types';
import { keyString } from '../yamlNodes';

export type PathSegment = string | number;

export interface FieldHit {
  /** From the object's root, e.g. `['spec', 'ports', 0, 'targetPort']`. */
  path: PathSegment[];
  /** The cursor is on the key rather than the value. */
  onKey: boolean;
  /** The key or value under the cursor. */
  range: Range;
}

/** Offset in the text of a 0-based line / UTF-16 character position; undefined when outside. */
export function offsetAt(parsed: ParsedFile, position: Position): number | undefined {
  const starts = parsed.lineCounter.lineStarts;
  if (position.line < 0 || position.character < 0) return undefined;
  if (starts.length === 0) return position.line === 0 ? Math.min(position.character, parsed.text.length) : undefined;
  const start = starts[position.line];
  if (start === undefined) return undefined;
  const next = starts[position.line + 1] ?? parsed.text.length + 1;
  return Math.min(start + position.character, next - 1);
}

function within(node: { range?: [number, number, number] | null } | null | undefined, offset: number): boolean {
  const r = node?.range;
  return !!r && offset >= r[0] && offset <= r[1];
}

/** The innermost object (a `kind: List` item rather than the List) whose node spans the position. */
export function objectAt(parsed: ParsedFile, objects: readonly ObjectNode[], position: Position): ObjectNode | undefined {
  const offset = offsetAt(parsed, position);
  if (offset === undefined) return undefined;
  let best: ObjectNode | undefined;
  for (const o of objects) {
    if (!within(o.node, offset)) continue;
    if (!best || o.node.range![1] - o.node.range![0] < best.node.range![1] - best.node.range![0]) best = o;
  }
  return best;
}

/** The field of `object` under the position, or undefined when the cursor is outside the object. */
export function fieldAt(parsed: ParsedFile, object: ObjectNode, position: Position): FieldHit | undefined {
  const offset = offsetAt(parsed, position);
  if (offset === undefined || !within(object.node, offset)) return undefined;
  const pos = object.ctx.pos;
  const hit = walk(object.node, offset, []);
  if (!hit) return { path: [], onKey: false, range: pos.range(object.node.range![0], object.node.range![1]) };
  return { path: hit.path, onKey: hit.onKey, range: pos.range(hit.range[0], hit.range[1]) };
}

interface RawHit {
  path: PathSegment[];
  onKey: boolean;
  range: [number, number];
}

function span(node: unknown): [number, number] | undefined {
  const r = (node as Node | null | undefined)?.range;
  return r ? [r[0], r[1]] : undefined;
}

function walk(node: unknown, offset: number, path: PathSegment[]): RawHit | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = span(pair.key);
      const value = span(pair.value);
      const start = key?.[0] ?? value?.[0];
      const end = value?.[1] ?? key?.[1];
      if (start === undefined || end === undefined || offset < start || offset > end) continue;
      const k = keyString(pair) ?? '';
      const here = [...path, k];
      if (key && offset <= key[1] && (!value || offset < value[0])) return { path: here, onKey: true, range: key };
      return walk(pair.value, offset, here) ?? (value ? { path: here, onKey: false, range: value } : { path: here, onKey: true, range: key! });
    }
    return undefined;
  }
  if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i];
      const r = span(item);
      if (!r || offset < r[0] || offset > r[1]) continue;
      return walk(item, offset, [...path, i]) ?? { path: [...path, i], onKey: false, range: r };
    }
    return undefined;
  }
  if (isScalar(node)) {
    const r = span(node);
    return r && offset >= r[0] && offset <= r[1] ? { path, onKey: false, range: r } : undefined;
  }
  return undefined;
}
