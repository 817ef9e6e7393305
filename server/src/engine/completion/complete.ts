// Completion for Service manifests and what points at them: enum values at their fields, selector
// keys and values from the pod templates of the namespace (label sets that pick exactly one
// workload first), targetPort from the selected pods' ports, and Service names and ports in
// Ingress, HTTPRoute/GRPCRoute backends and a StatefulSet's serviceName. It reads the cursor's
// surroundings from the text (see outline.ts), so it works while the YAML is incomplete.
import type { WorkspaceIndex } from '../index';
import { labelValue } from '../k8s/podLabels';
import { displayFile, servingContainers } from '../k8s/selection';
import { isStableLabel, stableSelector } from '../refactor/exposeService';
import { Resource, WORKLOAD_KINDS } from '../resources';
import { PROTOCOLS } from '../rules/service/ports';
import { SERVICE_TYPES } from '../rules/service/type';
import { splitLines } from '../edit/text';
import type { Position, Range } from '../types';
import { DocumentOutline, documentAround, PathStep, unquote } from './outline';

export type CompletionKind = 'enum' | 'labelKey' | 'labelValue' | 'labelSet' | 'port' | 'service';

export interface Completion {
  label: string;
  kind: CompletionKind;
  detail?: string;
  documentation?: string;
  /** Replaces `range`. */
  newText: string;
  range: Range;
  sortText: string;
  /** Ask the editor to complete again after inserting (a key, then its value). */
  retrigger?: boolean;
}

type Enum = ReadonlyArray<readonly [value: string, doc: string]>;

const TYPE_DOCS: Record<(typeof SERVICE_TYPES)[number], string> = {
  ClusterIP: 'A virtual IP reachable inside the cluster (the default).',
  NodePort: 'ClusterIP, plus the same port on every node (from the node port range).',
  LoadBalancer: "NodePort, plus an external load balancer from the cloud provider or a controller.",
  ExternalName: 'A DNS CNAME to `externalName`: no proxying, no cluster IP; selector and ports are not used.',
};

const PROTOCOL_DOCS: Record<(typeof PROTOCOLS)[number], string> = {
  TCP: 'The default.',
  UDP: 'Datagrams, e.g. DNS.',
  SCTP: 'Needs SCTP support on the nodes.',
};

const TRAFFIC_POLICY: Enum = [
  ['Cluster', 'Route to ready endpoints on any node (the default).'],
  ['Local', 'Route only to endpoints on the node the traffic arrived at; keeps the client source IP, drops traffic on nodes without one.'],
];

const SERVICE_ENUMS: Record<string, Enum> = {
  'spec.type': SERVICE_TYPES.map((t) => [t, TYPE_DOCS[t]] as const),
  'spec.ports.[].protocol': PROTOCOLS.map((p) => [p, PROTOCOL_DOCS[p]] as const),
  'spec.sessionAffinity': [
    ['None', 'No affinity (the default).'],
    ['ClientIP', 'Send each client IP to the same endpoint (see sessionAffinityConfig.clientIP.timeoutSeconds).'],
  ],
  'spec.externalTrafficPolicy': TRAFFIC_POLICY,
  'spec.internalTrafficPolicy': TRAFFIC_POLICY,
  'spec.ipFamilyPolicy': [
    ['SingleStack', 'One IP family (the default).'],
    ['PreferDualStack', 'Both families when the cluster has them, else one.'],
    ['RequireDualStack', 'Both families; rejected on a single-stack cluster.'],
  ],
  'spec.ipFamilies.[]': [
    ['IPv4', 'An IPv4 cluster IP.'],
    ['IPv6', 'An IPv6 cluster IP.'],
  ],
};

interface Cursor {
  outline: DocumentOutline;
  kind: 'key' | 'value' | 'item';
  /** Path of the node being completed: for a value, its key's path; for a key, its map's path. */
  path: PathStep[];
  /** Column of the key being typed or whose value is typed. */
  keyCol: number;
  range: Range;
  /** Text to put before the completion (a space after a bare `key:`). */
  lead: string;
  /** The line's key when completing a value. */
  key?: string;
}

export interface CompletionInput {
  text: string;
  position: Position;
  index: WorkspaceIndex;
  defaultNamespace: string;
}

export interface CompletionResult {
  items: Completion[];
  /** True when items were left out: the editor should ask again as the user types. */
  incomplete: boolean;
}

/** More items than this are filtered by what is typed and cut (large namespaces). */
export const MAX_ITEMS = 200;

/** Kinds with something to complete; other documents are not read at all (a big ConfigMap costs nothing). */
const COMPLETED_KINDS = new Set(['Service', 'Ingress', 'HTTPRoute', 'GRPCRoute', ...WORKLOAD_KINDS]);

export function complete(input: CompletionInput): CompletionResult {
  const lines = splitLines(input.text);
  const line = lines[input.position.line];
  if (line === undefined) return { items: [], incomplete: false };
  const { start, end } = documentAround(lines, input.position.line);
  let kind = '';
  let apiVersion = '';
  for (let i = start; i <= end; i++) {
    const l = lines[i]!;
    if (l.startsWith('kind:')) kind = unquote(l.slice(5).replace(/\s#.*$/, '').trim());
    else if (l.startsWith('apiVersion:')) apiVersion = unquote(l.slice(11).replace(/\s#.*$/, '').trim());
  }
  if (!COMPLETED_KINDS.has(kind)) return { items: [], incomplete: false };
  const cursor = locate(lines, input.position, start, end);
  if (!cursor) return { items: [], incomplete: false };
  const items = completeAt(input, cursor, kind, apiVersion);
  if (items.length <= MAX_ITEMS) return { items, incomplete: false };
  const typed = line.slice(cursor.range.start.character, input.position.character).replace(/^["']/, '').toLowerCase();
  const matching = items.filter((i) => i.label.toLowerCase().startsWith(typed));
  matching.sort((a, b) => a.sortText.localeCompare(b.sortText));
  return { items: matching.slice(0, MAX_ITEMS), incomplete: true };
}

function completeAt(input: CompletionInput, cursor: Cursor, kind: string, apiVersion: string): Completion[] {
  const { outline } = cursor;
  const ns = unquote(outline.mapAt(['metadata']).find((e) => e.key === 'namespace')?.value ?? '') || input.defaultNamespace;
  const path = cursor.path.map((s) => s.key).join('.');
  const ctx: Ctx = { ...input, cursor, ns, path };

  if (kind === 'Service' && apiVersion === 'v1') {
    const values = cursor.kind !== 'key' ? SERVICE_ENUMS[path] : undefined;
    if (values) return enumItems(cursor, values);
    if (path === 'spec.selector' && cursor.kind === 'key') return selectorKeys(ctx);
    if (cursor.kind === 'value' && cursor.path.length === 3 && path.startsWith('spec.selector.')) return selectorValues(ctx, cursor.key!);
    if (cursor.kind === 'value' && path === 'spec.ports.[].targetPort') return targetPorts(ctx);
    return [];
  }
  if (cursor.kind !== 'key' && /(^|\.)containers\.\[\]\.ports\.\[\]\.protocol$/.test(path)) return enumItems(cursor, SERVICE_ENUMS['spec.ports.[].protocol']!);
  if (cursor.kind !== 'value') return [];
  if (kind === 'Ingress' && apiVersion.startsWith('networking.k8s.io/')) {
    if (/(^|\.)backend\.service\.name$/.test(path) || path === 'spec.defaultBackend.service.name') return serviceNames(ctx, ns);
    if (/backend\.service\.port\.(number|name)$/.test(path)) {
      // The Service is named beside `port:` in the same `service:` map.
      const portStep = cursor.path[cursor.path.length - 2]!;
      const name = outline.siblings(portStep.line, portStep.col).get('name');
      return name ? servicePorts(ctx, ns, unquote(name), path.endsWith('.name') ? 'name' : 'number') : [];
    }
  }
  if ((kind === 'HTTPRoute' || kind === 'GRPCRoute') && apiVersion.startsWith('gateway.networking.k8s.io/')) {
    if (path === 'spec.rules.[].backendRefs.[].name' || path === 'spec.rules.[].backendRefs.[].port') {
      const step = cursor.path[cursor.path.length - 1]!;
      const siblings = outline.siblings(step.line, step.col);
      const refNs = unquote(siblings.get('namespace') ?? '') || ns;
      if (path.endsWith('.name')) return serviceNames(ctx, refNs);
      const name = siblings.get('name');
      return name ? servicePorts(ctx, refNs, unquote(name), 'number') : [];
    }
  }
  if (kind === 'StatefulSet' && path === 'spec.serviceName') return serviceNames(ctx, ns, true);
  return [];
}

interface Ctx extends CompletionInput {
  cursor: Cursor;
  ns: string;
  path: string;
}

/** What is being typed at `pos`: a key, a value after `key:`, or a sequence item. */
function locate(lines: readonly string[], pos: Position, start: number, end: number): Cursor | undefined {
  const line = lines[pos.line];
  if (line === undefined || pos.line < start) return undefined;
  const before = line.slice(0, pos.character);
  const after = line.slice(pos.character);
  const outline = new DocumentOutline(lines, start, end);
  const wordEnd = pos.character + (/^[^\s#,\]}]*/.exec(after)?.[0].length ?? 0);
  const range = (from: number): Range => ({ start: { line: pos.line, character: from }, end: { line: pos.line, character: wordEnd } });

  const containerOf = (col: number, dashCol: number | undefined): PathStep[] =>
    dashCol === undefined ? outline.containerPath(pos.line, col) : [...outline.containerPath(pos.line, dashCol + 1, dashCol), { key: '[]', line: pos.line, col: dashCol }];

  // `key: [a, b|`: an item of a flow sequence.
  let m = /^( *)(- +)?([^\s:#'"][^:#]*?|"[^"]*"|'[^']*'):( *)\[([^\]]*?)(["']?[^\s,"'[]*)$/.exec(before);
  if (m) {
    const dashCol = m[2] ? m[1]!.length : undefined;
    const keyCol = m[1]!.length + (m[2]?.length ?? 0);
    const key = unquote(m[3]!.trim());
    const path = [...containerOf(keyCol, dashCol), { key, line: pos.line, col: keyCol }, { key: '[]', line: pos.line, col: keyCol }];
    return { outline, kind: 'item', path, keyCol, range: range(pos.character - m[6]!.length), lead: /[[,]$/.test(before.slice(0, before.length - m[6]!.length)) ? ' ' : '' };
  }
  // `key: val|`: a value.
  m = /^( *)(- +)?([^\s:#'"\-[{][^:#]*?|"[^"]*"|'[^']*'):( *)(["']?[^\s#"'[{]*)$/.exec(before);
  if (m) {
    const dashCol = m[2] ? m[1]!.length : undefined;
    const keyCol = m[1]!.length + (m[2]?.length ?? 0);
    const key = unquote(m[3]!.trim());
    const path = [...containerOf(keyCol, dashCol), { key, line: pos.line, col: keyCol }];
    return { outline, kind: 'value', path, keyCol, key, range: range(pos.character - m[5]!.length), lead: m[4] === '' ? ' ' : '' };
  }
  // `- val|`: a scalar item of a block sequence.
  m = /^( *)-( +)(["']?[^\s:#"'[{]*)$/.exec(before);
  if (m && !after.includes(':')) {
    const dashCol = m[1]!.length;
    const path = [...outline.containerPath(pos.line, dashCol + 1, dashCol), { key: '[]', line: pos.line, col: dashCol }];
    return { outline, kind: 'item', path, keyCol: dashCol + 1 + m[2]!.length, range: range(pos.character - m[3]!.length), lead: '' };
  }
  // `  ke|`: a key being typed.
  m = /^( *)(- +)?([^\s:#'"\-[{]*)$/.exec(before);
  if (m && !/^[^\s#]*:/.test(after)) {
    const dashCol = m[2] ? m[1]!.length : undefined;
    const keyCol = m[1]!.length + (m[2]?.length ?? 0);
    const lineEnd = { line: pos.line, character: line.length };
    return { outline, kind: 'key', path: containerOf(keyCol, dashCol), keyCol, range: { start: { line: pos.line, character: keyCol }, end: after.trim() === '' ? lineEnd : range(0).end }, lead: '' };
  }
  return undefined;
}

function enumItems(cursor: Cursor, values: Enum): Completion[] {
  return values.map(([value, doc], i) => ({ label: value, kind: 'enum', documentation: doc, newText: cursor.lead + value, range: cursor.range, sortText: String(i).padStart(2, '0') }));
}

/** `key: value` pairs of the Service's selector as typed, the cursor's line left out. */
function typedSelector(ctx: Ctx): Array<{ key: string; value: string }> {
  return ctx.cursor.outline
    .mapAt(['spec', 'selector'])
    .filter((e) => e.line !== ctx.cursor.range.start.line && e.value !== '')
    .map((e) => ({ key: e.key, value: unquote(e.value) }));
}

function describeWorkload(w: Resource): string {
  return `${w.kind} ${w.name ?? '(unnamed)'} (${displayFile(w.file)})`;
}

function workloadsWith(ctx: Ctx, pairs: ReadonlyArray<{ key: string; value: unknown }>): Resource[] {
  return pairs.length === 0 ? [...ctx.index.workloads(ctx.ns)] : ctx.index.selectWorkloads(ctx.ns, pairs);
}

function selectorKeys(ctx: Ctx): Completion[] {
  const typed = typedSelector(ctx);
  const typedKeys = new Set(typed.map((p) => p.key));
  const candidates = workloadsWith(ctx, typed);
  const out: Completion[] = [];
  const indent = ' '.repeat(ctx.cursor.keyCol);

  // Label sets that, with what is typed, select exactly one workload: the fastest way to a right selector.
  const budget = { calls: 5000 };
  for (const w of candidates) {
    const pairs = stableSelector(w.podTemplate!.labels.pairs).filter((p) => !typedKeys.has(p.key));
    const set = smallestUniqueSet(ctx, typed, pairs, w, budget);
    if (!set || set.length === 0) continue;
    const text = set.map((p) => `${yamlScalar(p.key)}: ${yamlScalar(labelValue(p.value))}`);
    out.push({
      label: set.map((p) => `${p.key}: ${labelValue(p.value)}`).join(', '),
      kind: 'labelSet',
      detail: `selects only ${describeWorkload(w)}`,
      newText: text.join(`\n${indent}`),
      range: ctx.cursor.range,
      sortText: `0-${w.name ?? ''}`,
    });
  }

  const byKey = new Map<string, Set<Resource>>();
  for (const w of candidates) {
    for (const p of w.podTemplate!.labels.pairs) {
      if (typedKeys.has(p.key)) continue;
      if (!byKey.has(p.key)) byKey.set(p.key, new Set());
      byKey.get(p.key)!.add(w);
    }
  }
  for (const [key, ws] of byKey) {
    out.push({
      label: key,
      kind: 'labelKey',
      detail: ws.size === 1 ? `on ${describeWorkload([...ws][0]!)}` : `on ${ws.size} pod templates`,
      newText: `${yamlScalar(key)}: `,
      range: ctx.cursor.range,
      sortText: `${isStableLabel(key) ? 1 : 2}-${key}`,
      retrigger: true,
    });
  }
  return out;
}

/** The fewest of `pairs` (up to three) that, added to `typed`, select `w` and nothing else. */
function smallestUniqueSet(ctx: Ctx, typed: ReadonlyArray<{ key: string; value: unknown }>, pairs: ReadonlyArray<{ key: string; value: unknown }>, w: Resource, budget: { calls: number }) {
  // Rarest labels first: they are the likeliest to be unique, and intersections that start from
  // a small set are cheap even in a namespace with thousands of workloads.
  const templates = ctx.index.bucket(ctx.ns)?.templateLabels;
  const count = (p: { key: string; value: unknown }) => templates?.get(p.key)?.get(labelValue(p.value))?.size ?? 0;
  const pool = [...pairs].sort((a, b) => count(a) - count(b)).slice(0, 8);
  const unique = (set: ReadonlyArray<{ key: string; value: unknown }>) => {
    if (typed.length === 0 && set.length === 1) return count(set[0]!) === 1;
    if (budget.calls-- <= 0) return false;
    const hit = ctx.index.selectWorkloads(ctx.ns, [...set, ...typed]);
    return hit.length === 1 && hit[0] === w;
  };
  for (let size = 1; size <= Math.min(3, pool.length); size++) {
    for (const set of combinations(pool, size)) if (unique(set)) return set;
  }
  return undefined;
}

function* combinations<T>(items: readonly T[], size: number, from = 0): Generator<T[]> {
  if (size === 0) {
    yield [];
    return;
  }
  for (let i = from; i <= items.length - size; i++) for (const rest of combinations(items, size - 1, i + 1)) yield [items[i]!, ...rest];
}

function selectorValues(ctx: Ctx, key: string): Completion[] {
  const others = typedSelector(ctx).filter((p) => p.key !== key);
  let candidates = workloadsWith(ctx, others);
  if (candidates.length === 0) candidates = [...ctx.index.workloads(ctx.ns)];
  const byValue = new Map<string, Resource[]>();
  for (const w of candidates) {
    const pair = w.podTemplate!.labels.pairs.find((p) => p.key === key);
    if (!pair) continue;
    const v = labelValue(pair.value);
    byValue.set(v, [...(byValue.get(v) ?? []), w]);
  }
  return [...byValue].map(([value, unsorted]) => {
    const ws = [...unsorted].sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''));
    return {
    label: value,
    kind: 'labelValue' as const,
    detail: ws.length === 1 ? `selects ${describeWorkload(ws[0]!)}` : `selects ${ws.length} workloads: ${ws.slice(0, 3).map((w) => w.name).join(', ')}${ws.length > 3 ? ', …' : ''}`,
    newText: ctx.cursor.lead + yamlScalar(value),
    range: ctx.cursor.range,
    sortText: `${ws.length === 1 ? 0 : 1}-${value}`,
    };
  });
}

function targetPorts(ctx: Ctx): Completion[] {
  const selector = typedSelector(ctx);
  if (selector.length === 0) return [];
  const step = ctx.cursor.path[ctx.cursor.path.length - 1]!;
  const protocol = unquote(ctx.cursor.outline.siblings(step.line, step.col).get('protocol') ?? '') || 'TCP';
  const named = new Map<string, string[]>();
  const unnamed = new Map<number, string[]>();
  for (const w of ctx.index.selectWorkloads(ctx.ns, selector)) {
    for (const c of servingContainers(w.podTemplate!)) {
      for (const p of c.ports) {
        const n = p.containerPort?.value;
        if (typeof n !== 'number' || p.protocol !== protocol) continue;
        const where = `containerPort ${n} of container ${c.name ?? c.index} in ${describeWorkload(w)}`;
        if (typeof p.name?.value === 'string' && p.name.value) named.set(p.name.value, [...(named.get(p.name.value) ?? []), where]);
        else unnamed.set(n, [...(unnamed.get(n) ?? []), where]);
      }
    }
  }
  const item = (label: string, wheres: string[], sort: string): Completion => ({
    label,
    kind: 'port',
    detail: wheres[0]! + (wheres.length > 1 ? ` (+${wheres.length - 1} more)` : ''),
    newText: ctx.cursor.lead + label,
    range: ctx.cursor.range,
    sortText: sort,
  });
  return [...[...named].map(([name, w]) => item(name, w, `0-${name}`)), ...[...unnamed].map(([n, w]) => item(String(n), w, `1-${String(n).padStart(5, '0')}`))];
}

function describeService(s: Resource): string {
  const v = s.service!;
  const ports = v.ports.map((p) => `${String(p.port?.value ?? '?')}/${p.protocol}${p.name ? ` (${String(p.name.value)})` : ''}`).join(', ');
  return `${v.type}${v.headless ? ', headless' : ''}${ports ? ` · ${ports}` : ''} · ${displayFile(s.file)}`;
}

function serviceNames(ctx: Ctx, ns: string, headlessFirst = false): Completion[] {
  const seen = new Set<string>();
  const out: Completion[] = [];
  for (const s of ctx.index.services(ns)) {
    if (!s.name || seen.has(s.name)) continue;
    seen.add(s.name);
    out.push({
      label: s.name,
      kind: 'service',
      detail: describeService(s),
      newText: ctx.cursor.lead + s.name,
      range: ctx.cursor.range,
      sortText: `${headlessFirst && !s.service!.headless ? 1 : 0}-${s.name}`,
    });
  }
  return out;
}

function servicePorts(ctx: Ctx, ns: string, name: string, by: 'number' | 'name'): Completion[] {
  const out: Completion[] = [];
  const seen = new Set<string>();
  for (const s of ctx.index.servicesNamed(ns, name)) {
    for (const p of s.service!.ports) {
      const value = by === 'number' ? p.port?.value : p.name?.value;
      if ((by === 'number' && typeof value !== 'number') || (by === 'name' && (typeof value !== 'string' || !value))) continue;
      const label = String(value);
      if (seen.has(label)) continue;
      seen.add(label);
      const detail = `${by === 'number' ? (p.name ? `port ${String(p.name.value)}` : 'port') : `port ${String(p.port?.value)}`}/${p.protocol} of Service ${name} (${displayFile(s.file)})`;
      out.push({ label, kind: 'port', detail, newText: ctx.cursor.lead + label, range: ctx.cursor.range, sortText: String(p.index).padStart(3, '0') });
    }
  }
  return out;
}

const YAML11_SPECIAL = /^(y|yes|n|no|true|false|on|off|null|~)$/i;

/** A string as a YAML scalar that both YAML 1.1 and 1.2 read back as that string. */
export function yamlScalar(s: string): string {
  if (/^[A-Za-z_/][\w./-]*$/.test(s) && !YAML11_SPECIAL.test(s)) return s;
  return JSON.stringify(s);
}
