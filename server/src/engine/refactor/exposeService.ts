// "Expose as Service": a Service for a workload, appended after it in the same file. The selector
// is the pod template's labels without the ones that change per rollout (controller-added hashes,
// versions, chart stamps), so the Service keeps selecting the pods across updates; there is one
// named port per container port. A StatefulSet whose governing Service does not exist yet gets it,
// headless, under the name its serviceName asks for.
import type { WorkspaceIndex } from '../index';
import type { ParsedFile } from '../parse';
import type { LabelPair, ObjectNode, Resource } from '../resources';
import { isIanaSvcName } from '../k8s/names';
import { servingContainers } from '../k8s/selection';
import { eolOf, offsetAt, positionAt } from '../edit/text';
import type { Fix, Position, Range } from '../types';
import { rangeContains } from '../types';
import { derivePortName, serviceNameFrom } from './names';
import { detectStyle } from './style';

/** Kinds whose pods serve traffic for a long time; Jobs and CronJobs are not worth a Service. */
export const EXPOSABLE_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController', 'Pod', 'DeploymentConfig', 'Rollout'];

/** Labels that differ between revisions or are stamped by tools: selecting on them breaks on the next rollout. */
const UNSTABLE_LABEL = /^(pod-template-hash|controller-revision-hash|statefulset\.kubernetes\.io\/pod-name|apps\.kubernetes\.io\/pod-index|controller-uid|batch\.kubernetes\.io\/.*|job-name|version|app\.kubernetes\.io\/version|helm\.sh\/chart|chart|heritage|app\.kubernetes\.io\/managed-by|date|commit|git-?sha|revision)$/;

/**
 * The workload object at `pos`, if a Service can be made for it. Unless `anywhere`, only on the
 * lines that name the object (kind, metadata.name), so the light bulb does not follow the cursor
 * through the whole workload; an explicit request for refactorings finds it anywhere inside.
 */
export function exposableAt(objects: readonly ObjectNode[], pos: Position, anywhere = true): ObjectNode | undefined {
  return objects.find((o) => {
    const r = o.resource;
    if (!EXPOSABLE_KINDS.includes(r.kind) || r.itemIndex !== undefined || !rangeContains(r.range, pos)) return false;
    return anywhere || pos.line === r.kindRange.start.line || pos.line === r.nameRange?.start.line;
  });
}

/** False for labels that change per revision or are stamped by tools. */
export function isStableLabel(key: string): boolean {
  return !UNSTABLE_LABEL.test(key);
}

/** The pairs worth selecting on: the stable ones, or all when none is stable. */
export function stableSelector<T extends Pick<LabelPair, 'key'>>(pairs: readonly T[]): T[] {
  const stable = pairs.filter((p) => isStableLabel(p.key));
  return stable.length > 0 ? stable : [...pairs];
}

interface PortLine {
  name: string;
  port: number;
  /** The container port's name, or its number when it has none. */
  targetPort: string | number;
  protocol: string;
}

export function exposeAsService(object: ObjectNode, parsed: ParsedFile, index: WorkspaceIndex): Fix | undefined {
  const r = object.resource;
  const template = r.podTemplate;
  if (!template || !r.name || template.labels.pairs.length === 0) return undefined;
  const text = parsed.text;
  const starts = parsed.lineCounter.lineStarts;
  const slice = (range: Range) => text.slice(offsetAt(text, range.start, starts), offsetAt(text, range.end, starts));

  const ports = servicePorts(r);
  if (ports.length === 0) return undefined;

  const ns = index.ns(r);
  let name = serviceNameFrom(r.name);
  let headless = false;
  const governing = r.statefulSet?.serviceName?.value;
  if (typeof governing === 'string' && governing && index.servicesNamed(ns, governing).length === 0) {
    name = governing;
    headless = true;
  } else if (index.servicesNamed(ns, name).length > 0) {
    name = serviceNameFrom(`${r.name}-svc`);
  }

  const doc = object.ctx.doc;
  const insertAt = doc.range?.[2] ?? text.length;
  const style = detectStyle(text, r.range.start.line, r.range.end.line);
  const eol = eolOf(text);
  const ind = (level: number) => ' '.repeat(style.indent * level);
  const item = ' '.repeat(style.sequenceIndent);
  const itemBody = `${item}  `;

  const out: string[] = ['---', 'apiVersion: v1', 'kind: Service', 'metadata:', `${ind(1)}name: ${name}`];
  if (r.namespaceRange) out.push(`${ind(1)}namespace: ${slice(r.namespaceRange)}`);
  out.push('spec:');
  if (headless) out.push(`${ind(1)}clusterIP: None`);
  out.push(`${ind(1)}selector:`);
  for (const p of stableSelector(template.labels.pairs)) out.push(`${ind(2)}${slice(p.keyRange)}: ${slice(p.valueRange)}`);
  out.push(`${ind(1)}ports:`);
  for (const p of ports) {
    out.push(`${ind(1)}${item}- name: ${p.name}`);
    out.push(`${ind(1)}${itemBody}port: ${p.port}`);
    out.push(`${ind(1)}${itemBody}targetPort: ${p.targetPort}`);
    if (p.protocol !== 'TCP') out.push(`${ind(1)}${itemBody}protocol: ${p.protocol}`);
  }
  const before = insertAt > 0 && text[insertAt - 1] !== '\n' ? eol : '';
  const at = positionAt(text, insertAt, starts);
  return {
    title: headless ? `Expose ${r.kind} ${r.name} as its headless governing Service "${name}"` : `Expose ${r.kind} ${r.name} as a Service`,
    edits: [{ range: { start: at, end: at }, newText: `${before}${out.join(eol)}${eol}` }],
  };
}

/** One Service port per distinct (containerPort, protocol) of the serving containers. */
function servicePorts(r: Resource): PortLine[] {
  const seen = new Set<string>();
  const found: Array<{ port: number; protocol: string; containerName?: string }> = [];
  for (const c of servingContainers(r.podTemplate!)) {
    for (const p of c.ports) {
      const n = p.containerPort?.value;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 65535) continue;
      const k = `${n}/${p.protocol}`;
      if (seen.has(k)) continue;
      seen.add(k);
      const name = typeof p.name?.value === 'string' && isIanaSvcName(p.name.value) ? p.name.value : undefined;
      found.push(name ? { port: n, protocol: p.protocol, containerName: name } : { port: n, protocol: p.protocol });
    }
  }
  // Derived names must not take a name a container port already has.
  const taken = new Set(found.map((f) => f.containerName).filter((n): n is string => n !== undefined));
  const used = new Set<string>();
  return found.map((f) => {
    const name = f.containerName && !used.has(f.containerName) ? f.containerName : derivePortName(f.port, f.protocol, new Set([...taken, ...used]));
    used.add(name);
    return { name, port: f.port, targetPort: f.containerName ?? f.port, protocol: f.protocol };
  });
}
