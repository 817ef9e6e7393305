// What the Service rules share: the object's spec and port nodes (for fixes), replacing a value
// and removing a spec key, enum checks with "did you mean", and the decoder's type errors.
import { Pair, YAMLMap } from 'yaml';
import { fix, ownPair, removePair, Source } from '../../fixes';
import { q, unsupported } from '../../k8s/apiErrors';
import type { Loc, ServiceView } from '../../resources';
import { nearest } from '../../text/similar';
import type { Fix, Range, TextEdit } from '../../types';
import { asMap, get, items, rangeOf, scalarValue } from '../../yamlNodes';
import { wrongTypeMessage } from '../helpers';
import type { ObjectRuleContext } from '../rule';

export interface ServiceContext {
  rule: ObjectRuleContext;
  view: ServiceView;
  src: Source;
  root: YAMLMap;
  spec: YAMLMap | undefined;
}

export function serviceContext(rule: ObjectRuleContext): ServiceContext | undefined {
  const view = rule.resource.service;
  if (!view) return undefined;
  const src: Source = { ...rule.object.ctx, text: rule.parsed.text };
  return { rule, view, src, root: rule.object.node, spec: asMap(src, get(src, rule.object.node, 'spec')) };
}

/** The items of spec.ports, per spec node: rules ask for one port's map per port (2,000 ports made that quadratic). */
const portItems = new WeakMap<object, readonly unknown[]>();

/** The map of `spec.ports[index]`, if it is one. */
export function portMap(s: ServiceContext, index: number): YAMLMap | undefined {
  if (!s.spec) return undefined;
  let list = portItems.get(s.spec);
  if (!list) portItems.set(s.spec, (list = items(s.src, get(s.src, s.spec, 'ports'))));
  return asMap(s.src, list[index]);
}

/** A pair written in this map itself (merge keys cannot be edited here). */
export function specPair(s: ServiceContext, key: string): Pair | undefined {
  return ownPair(s.spec, key);
}

export function metadataMap(s: ServiceContext): YAMLMap | undefined {
  return asMap(s.src, get(s.src, s.root, 'metadata'));
}

/** The source text a range covers. */
export function textOf(s: ServiceContext, range: Range): string {
  const starts = s.rule.parsed.lineCounter.lineStarts;
  const offset = (p: Range['start']) => (starts[p.line] ?? 0) + p.character;
  return s.src.text.slice(offset(range.start), offset(range.end));
}

/** Replaces a value written at `loc`, keeping its quotes when the new value is a string. */
export function replaceLoc(s: ServiceContext, loc: Loc, value: string | number): TextEdit {
  const written = textOf(s, loc.range);
  let text = String(value);
  if (typeof value === 'string' && written.startsWith('"')) text = JSON.stringify(value);
  else if (typeof value === 'string' && written.startsWith("'")) text = `'${value.replace(/'/g, "''")}'`;
  return { range: loc.range, newText: text };
}

export function replaceLocFix(s: ServiceContext, title: string, loc: Loc, value: string | number, preferred = false): Fix {
  return fix(title, [replaceLoc(s, loc, value)], preferred);
}

/**
 * `Remove <key>` (or `title`): deletes `key` where spec itself writes it; no fix when it is absent
 * or only comes from a merge key (editing the anchor would change other objects too).
 */
export function removeSpecKeyFix(s: ServiceContext, key: string, preferred = false, title = `Remove ${key}`): Fix[] {
  const pair = specPair(s, key);
  return pair && s.spec ? [fix(title, removePair(s.src, s.spec, pair), preferred)] : [];
}

/** True for a YAML value that the decoder treats as absent: no key, `~`/null. */
export function isUnset(loc: Loc | undefined): loc is undefined {
  return !loc || loc.value === null || loc.value === undefined;
}

/** `<path>: <value> is a <type>, but the field is a <expected>; the API server answers 400: …`. */
export function typeError(path: string, value: unknown, expected: 'string' | 'integer' | 'boolean', goField: string): string {
  const goType = expected === 'integer' ? 'int32' : expected === 'boolean' ? 'bool' : 'string';
  return wrongTypeMessage(path, value, expected, 'Service', goField, goType);
}

export interface EnumCheck {
  loc: Loc | undefined;
  /** As the server prints it, e.g. `spec.sessionAffinity`. */
  path: string;
  values: readonly string[];
  /** What the value is, for the message: "a session affinity". */
  noun: string;
  /** Go struct field for the 400 message, e.g. `ServiceSpec.spec.sessionAffinity`. */
  goField: string;
  /** Go type for the 400 message, e.g. `v1.ServiceAffinity`; `string` when omitted. */
  goType?: string;
  /** Extra sentence appended to the message when it applies. */
  hint?: (value: string) => string | undefined;
}

/**
 * Reports a value outside an enum (422 Unsupported value) or of the wrong type (400), with the
 * nearest valid value as the preferred fix. Unset and "" are left to the caller (both default).
 */
export function checkEnum(s: ServiceContext, e: EnumCheck): void {
  const l = e.loc;
  if (isUnset(l) || l.value === '') return;
  if (typeof l.value !== 'string') {
    s.rule.report({ range: l.range, message: wrongTypeMessage(e.path, l.value, 'string', 'Service', e.goField, e.goType ?? 'string') });
    return;
  }
  if (e.values.includes(l.value)) return;
  const guess = nearest(l.value, e.values, 1)[0];
  const hint = e.hint?.(l.value);
  s.rule.report({
    range: l.range,
    message:
      `${e.path}: ${q(l.value)} is not ${e.noun}${guess ? ` (did you mean ${q(guess)}?)` : ''}${hint ? ` (${hint})` : ''}; ` +
      `the API server answers ${unsupported(e.path, l.value, e.values)}`,
    fixes: guess ? [replaceLocFix(s, `Change to ${guess}`, l, guess, true)] : [],
  });
}

/** The value at `key` of a map as a Loc (scalars decoded, collections as JSON). */
export function locAt(s: ServiceContext, map: YAMLMap | undefined, key: string): Loc | undefined {
  const node = get(s.src, map, key);
  const range = rangeOf(s.src, node);
  if (!node || !range) return undefined;
  const v = scalarValue(s.src, node);
  return { value: v === undefined ? node.toJSON() : v, range };
}
