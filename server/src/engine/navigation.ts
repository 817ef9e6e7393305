// Go to definition and find references between Services and what they point at, answered from
// the workspace index: selector → the pod templates it selects, named targetPort → the container
// port, Ingress/HTTPRoute backend or StatefulSet serviceName → the Service; and back from pod
// labels, container ports and Service names to the objects that use them.
import type { WorkspaceIndex } from './index';
import { labelValue } from './k8s/podLabels';
import { backendNamesPort } from './k8s/backendPort';
import { backendsReferencing, resolveTargetPort, selectedWorkloads, servicesSelecting } from './k8s/selection';
import type { BackendRef, ContainerPortView, LabelPair, Resource, ServicePortView } from './resources';
import type { Position, Range } from './types';
import { compareRanges, rangeContains } from './types';

export interface NavLocation {
  file: string;
  /** The whole target (e.g. a label pair, a container port map). */
  range: Range;
  /** The part to select and reveal (a name, a key). */
  selectionRange: Range;
}

export interface NavResult {
  /** The node the request was made on. */
  origin: Range;
  locations: NavLocation[];
}

/** The innermost object of `file` that contains `pos` (items of a List are inside the List). */
export function resourceAt(index: WorkspaceIndex, file: string, pos: Position): Resource | undefined {
  let best: Resource | undefined;
  for (const r of index.resources(file)) {
    if (!rangeContains(r.range, pos)) continue;
    if (!best || compareRanges(r.range, best.range) > 0) best = r;
  }
  return best;
}

const span = (a: Range, b: Range): Range => ({ start: a.start, end: b.end });
const pairRange = (p: LabelPair): Range => span(p.keyRange, p.valueRange);
const onLine = (r: Range, pos: Position) => r.start.line <= pos.line && pos.line <= r.end.line;

/** True when the cursor is on the line of `key:` that opens the map at `range` (block or flow). */
function onKeyOf(text: string, pos: Position, key: string, range: Range): boolean {
  if (pos.line > range.start.line || range.start.line - pos.line > 1) return false;
  return new RegExp(`^\\s*(-\\s+)?${key}\\s*:`).test(lineOf(text, pos.line));
}

function lineOf(text: string, line: number): string {
  let start = 0;
  for (let i = 0; i < line; i++) {
    const next = text.indexOf('\n', start);
    if (next < 0) return '';
    start = next + 1;
  }
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '');
}

export function definition(index: WorkspaceIndex, file: string, text: string, pos: Position): NavResult | undefined {
  const r = resourceAt(index, file, pos);
  if (!r) return undefined;
  const ns = index.ns(r);

  const s = r.service;
  if (s?.selector && s.type !== 'ExternalName') {
    const pair = s.selector.pairs.find((p) => rangeContains(pairRange(p), pos));
    if (pair) {
      // One pair: every pod template in the namespace that carries it.
      const locations: NavLocation[] = [];
      for (const w of index.workloads(ns)) {
        const own = w.podTemplate?.labels.pairs.find((l) => l.key === pair.key && labelValue(l.value) === labelValue(pair.value));
        if (own) locations.push({ file: w.file, range: pairRange(own), selectionRange: own.keyRange });
      }
      return { origin: pairRange(pair), locations };
    }
    if (rangeContains(s.selector.range, pos) || onKeyOf(text, pos, 'selector', s.selector.range)) {
      const locations = selectedWorkloads(index, r).map((w) => templateLabels(w));
      return { origin: s.selector.range, locations };
    }
  }
  for (const p of s?.ports ?? []) {
    if (!p.targetPort || !onLine(p.targetPort.range, pos)) continue;
    const locations: NavLocation[] = [];
    for (const w of selectedWorkloads(index, r)) {
      const res = resolveTargetPort(p, w.podTemplate!);
      if (res.kind === 'named') locations.push(containerPortLocation(w, res.port, res.port.name?.range));
      else if (res.kind === 'declared') locations.push(containerPortLocation(w, res.port, res.port.containerPort?.range));
    }
    return { origin: p.targetPort.range, locations };
  }
  for (const ref of r.backends ?? []) {
    const refNs = ref.namespace ?? ns;
    if (rangeContains(ref.serviceName.range, pos)) {
      return { origin: ref.serviceName.range, locations: index.servicesNamed(refNs, ref.serviceName.value).map(serviceNameLocation) };
    }
    if (ref.port && onLine(ref.port.range, pos)) {
      const locations: NavLocation[] = [];
      for (const svc of index.servicesNamed(refNs, ref.serviceName.value)) {
        const p = backendPort(svc, ref);
        if (p) locations.push({ file: svc.file, range: p.range, selectionRange: (typeof ref.port.value === 'string' ? p.name?.range : p.port?.range) ?? p.range });
      }
      return { origin: ref.port.range, locations };
    }
  }
  const serviceName = r.statefulSet?.serviceName;
  if (serviceName && typeof serviceName.value === 'string' && rangeContains(serviceName.range, pos)) {
    return { origin: serviceName.range, locations: index.servicesNamed(ns, serviceName.value).map(serviceNameLocation) };
  }
  return undefined;
}

export function references(index: WorkspaceIndex, file: string, text: string, pos: Position): NavResult | undefined {
  const r = resourceAt(index, file, pos);
  if (!r) return undefined;
  const ns = index.ns(r);

  const t = r.podTemplate;
  if (t) {
    const pair = t.labels.pairs.find((p) => rangeContains(pairRange(p), pos));
    if (pair) {
      // Services that select these pods through this very pair.
      const locations: NavLocation[] = [];
      for (const svc of servicesSelecting(index, r)) {
        const used = svc.service!.selector!.pairs.find((p) => p.key === pair.key);
        if (used) locations.push({ file: svc.file, range: pairRange(used), selectionRange: used.keyRange });
      }
      return { origin: pairRange(pair), locations };
    }
    if (t.labels.pairs.length > 0 && (rangeContains(t.labels.range, pos) || onKeyOf(text, pos, 'labels', t.labels.range))) {
      const locations = servicesSelecting(index, r).map((svc) => ({ file: svc.file, range: svc.service!.selector!.range, selectionRange: svc.service!.selector!.range }));
      return { origin: t.labels.range, locations };
    }
    for (const c of t.containers) {
      const port = c.ports.find((p) => rangeContains(p.range, pos));
      if (!port) continue;
      const locations: NavLocation[] = [];
      for (const svc of servicesSelecting(index, r)) {
        for (const sp of svc.service!.ports) {
          const res = resolveTargetPort(sp, t);
          if ((res.kind === 'named' || res.kind === 'declared') && res.port === port) locations.push(servicePortLocation(svc, sp));
        }
      }
      return { origin: port.range, locations };
    }
  }
  if (r.service && r.nameRange && rangeContains(r.nameRange, pos) && r.name) {
    // Ingresses, routes and StatefulSets that name this Service.
    const locations: NavLocation[] = backendsReferencing(index, r).map(({ consumer, ref }) => ({ file: consumer.file, range: ref.serviceName.range, selectionRange: ref.serviceName.range }));
    for (const sts of index.bucket(ns)?.statefulSets ?? []) {
      const sn = sts.statefulSet?.serviceName;
      if (sn && sn.value === r.name) locations.push({ file: sts.file, range: sn.range, selectionRange: sn.range });
    }
    return { origin: r.nameRange, locations };
  }
  return undefined;
}

function templateLabels(w: Resource): NavLocation {
  const labels = w.podTemplate!.labels;
  return { file: w.file, range: labels.range, selectionRange: labels.pairs[0]?.keyRange ?? labels.range };
}

function containerPortLocation(w: Resource, port: ContainerPortView, selection: Range | undefined): NavLocation {
  return { file: w.file, range: port.range, selectionRange: selection ?? port.range };
}

function serviceNameLocation(svc: Resource): NavLocation {
  return { file: svc.file, range: svc.nameRange ?? svc.kindRange, selectionRange: svc.nameRange ?? svc.kindRange };
}

/** Where a Service port is used: its targetPort, or its port when targetPort is left to default. */
function servicePortLocation(svc: Resource, p: ServicePortView): NavLocation {
  const at = p.targetPort?.range ?? p.port?.range ?? p.range;
  return { file: svc.file, range: at, selectionRange: at };
}

/** The Service port a backend names: by number (Ingress port.number, route port) or by name (Ingress port.name). */
function backendPort(svc: Resource, ref: BackendRef): ServicePortView | undefined {
  const v = ref.port?.value;
  if (typeof v !== 'number' && typeof v !== 'string') return undefined;
  return svc.service?.ports.find((p) => backendNamesPort(p, v));
}
