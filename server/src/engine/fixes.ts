// Edits computed from YAML node ranges, for quick fixes. They touch only the text that has to
// change, so the user's indentation, quoting, flow/block style and comments elsewhere survive.
import { isPair, isScalar, Node, Pair, Scalar, YAMLMap } from 'yaml';
import type { Fix, TextEdit } from './types';
import type { NodeContext } from './yamlNodes';
import { keyString } from './yamlNodes';

/** A parsed document plus the text it came from: what every edit builder needs. */
export interface Source extends NodeContext {
  text: string;
}

export function fix(title: string, edits: TextEdit[], preferred = false): Fix {
  const f: Fix = { title, edits };
  if (preferred) f.preferred = true;
  return f;
}

function edit(src: Source, start: number, end: number, newText: string): TextEdit {
  return { range: src.pos.range(start, end), newText };
}

function nodeStart(node: unknown): number | undefined {
  return node && typeof node === 'object' && 'range' in node && (node as Node).range ? (node as Node).range![0] : undefined;
}

/** End of a node's own text: trailing comments and, for block collections, the final newline excluded. */
function contentEnd(src: Source, node: unknown): number | undefined {
  if (!node || typeof node !== 'object' || !('range' in node) || !(node as Node).range) return undefined;
  let end = (node as Node).range![1];
  while (end > 0 && /[\s]/.test(src.text[end - 1] ?? '')) end--;
  return Math.max(end, (node as Node).range![0]);
}

function pairStart(pair: Pair): number {
  return nodeStart(pair.key) ?? nodeStart(pair.value) ?? 0;
}

function pairEnd(src: Source, pair: Pair): number {
  return contentEnd(src, pair.value) ?? contentEnd(src, pair.key) ?? pairStart(pair);
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just past the newline that ends the line holding `offset` (or the end of the text). */
function nextLineStart(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/** Replaces a scalar's value, keeping its quote style when the new value is a string. */
export function replaceScalar(src: Source, node: Node, value: string | number): TextEdit {
  const start = nodeStart(node) ?? 0;
  const end = contentEnd(src, node) ?? start;
  let text = String(value);
  if (typeof value === 'string' && isScalar(node)) {
    if (node.type === Scalar.QUOTE_DOUBLE) text = JSON.stringify(value);
    else if (node.type === Scalar.QUOTE_SINGLE) text = `'${value.replace(/'/g, "''")}'`;
  }
  return edit(src, start, end, text);
}

/**
 * Removes `pairs` (all of one map) cleanly. Block map: whole lines, including a trailing comment
 * and the newline; when a pair starts a `- key: v` sequence item, the `- ` stays and the next key
 * moves up. Flow map: `key: v, ` with its comma (or `, key: v` for the last pair).
 */
export function removePairs(src: Source, map: YAMLMap, pairs: Pair[]): TextEdit[] {
  const all = map.items.filter(isPair);
  const remove = new Set(pairs);
  const edits: TextEdit[] = [];
  // Consecutive removed pairs form one span, so the edits never overlap.
  let i = 0;
  while (i < all.length) {
    if (!remove.has(all[i]!)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < all.length && remove.has(all[j + 1]!)) j++;
    const first = all[i]!;
    const last = all[j]!;
    const before = all[i - 1];
    const after = all[j + 1];
    const start = pairStart(first);
    const end = pairEnd(src, last);
    if (map.flow) {
      if (after) edits.push(edit(src, start, pairStart(after), ''));
      else if (before) edits.push(edit(src, pairEnd(src, before), end, ''));
      else edits.push(edit(src, start, end, ''));
    } else {
      const lineStart = lineStartOf(src.text, start);
      if (src.text.slice(lineStart, start).trim() === '') edits.push(edit(src, lineStart, nextLineStart(src.text, end), ''));
      else if (after) edits.push(edit(src, start, pairStart(after), ''));
      else edits.push(edit(src, start, end, '{}'));
    }
    i = j + 1;
  }
  return edits;
}

export function removePair(src: Source, map: YAMLMap, pair: Pair): TextEdit[] {
  return removePairs(src, map, [pair]);
}

/** The pair of `key` in `map` (the last one when repeated), without following merge keys. */
export function ownPair(map: YAMLMap | undefined, key: string): Pair | undefined {
  let found: Pair | undefined;
  for (const item of map?.items ?? []) if (isPair(item) && keyString(item) === key) found = item;
  return found;
}

/**
 * Inserts `key: valueText` into a map at the indentation of its keys: after the last pair, or
 * before the first with `first: true`. `valueText` is YAML as it should appear (already quoted).
 */
export function insertPair(src: Source, map: YAMLMap, key: string, valueText: string, options: { first?: boolean } = {}): TextEdit {
  const pairs = map.items.filter(isPair);
  const head = pairs[0];
  const tail = pairs[pairs.length - 1];
  const entry = `${key}: ${valueText}`;
  if (map.flow || !head || !tail) {
    if (!head || !tail) {
      const open = nodeStart(map) ?? 0;
      return edit(src, open + 1, open + 1, entry);
    }
    if (options.first) {
      const at = pairStart(head);
      return edit(src, at, at, `${entry}, `);
    }
    const at = pairEnd(src, tail);
    return edit(src, at, at, `, ${entry}`);
  }
  const keyAt = pairStart(head);
  const indent = ' '.repeat(keyAt - lineStartOf(src.text, keyAt));
  const eol = src.text.includes('\r\n') ? '\r\n' : '\n';
  if (options.first) return edit(src, keyAt, keyAt, `${entry}${eol}${indent}`);
  const end = pairEnd(src, tail);
  const at = nextLineStart(src.text, end);
  const endsWithNewline = at > 0 && src.text[at - 1] === '\n';
  return endsWithNewline ? edit(src, at, at, `${indent}${entry}${eol}`) : edit(src, at, at, `${eol}${indent}${entry}`);
}

/** Sets `key` to `valueText`: replaces the value when the key is there, inserts it otherwise. */
export function setValue(src: Source, map: YAMLMap, key: string, valueText: string): TextEdit {
  const pair = ownPair(map, key);
  if (!pair) return insertPair(src, map, key, valueText);
  const start = nodeStart(pair.value);
  const end = contentEnd(src, pair.value);
  if (start !== undefined && end !== undefined && end > start) return edit(src, start, end, valueText);
  // `key:` with no value: write the value after the colon.
  const keyEnd = contentEnd(src, pair.key) ?? pairStart(pair);
  const colon = src.text.indexOf(':', keyEnd);
  const at = colon < 0 ? keyEnd : colon + 1;
  return edit(src, at, at, ` ${valueText}`);
}
