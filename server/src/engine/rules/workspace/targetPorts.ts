// Where a Service port's targetPort lands in the selected pods (X-TP-1..3): a named targetPort must
// resolve by name and protocol in every selected pod template; a numeric one should be a port the
// containers declare when they declare any.
import { shown } from '../../k8s/apiErrors';
import { displayFile, resolveTargetPort, selectedWorkloads, targetPortOf } from '../../k8s/selection';
import type { Resolution } from '../../k8s/selection';
import type { ContainerPortView, ContainerView, Resource, ServicePortView } from '../../resources';
import { nearest } from '../../text/similar';
import type { Fix, Range, RelatedLocation, TextEdit } from '../../types';
import type { WorkspaceRule } from '../rule';
import { yamlString } from '../helpers';
import { PROTOCOLS } from '../service/ports';
import { capped, declaredPortsText, inFile, listText, servingPorts, workloadName } from './describe';
import { insertFirstKeyEdit, replaceEdit } from './edits';

interface Resolved {
  workload: Resource;
  result: Resolution;
}

function resolveAll(port: ServicePortView, workloads: Resource[]): Resolved[] {
  return workloads.filter((w) => w.podTemplate).map((w) => ({ workload: w, result: resolveTargetPort(port, w.podTemplate!) }));
}

function containerLocation(w: Resource, c: ContainerView, message: string): RelatedLocation {
  return { file: w.file, range: c.nameRange ?? c.range, message };
}

/**
 * The port of `w` that `name` could be added to: an unnamed port of the same protocol listening on one
 * of `numbers` (where the name resolves elsewhere, or the Service port), else the only unnamed one.
 */
function portToName(w: Resource, protocol: string, numbers: Set<number>): { container: ContainerView; port: ContainerPortView } | undefined {
  const unnamed = servingPorts(w).filter(({ port }) => port.protocol === protocol && typeof port.containerPort?.value === 'number' && !port.name);
  const onNumber = unnamed.filter(({ port }) => numbers.has(port.containerPort!.value as number));
  if (onNumber.length > 0) return onNumber[0];
  return unnamed.length === 1 ? unnamed[0] : undefined;
}

export const namedTargetPortMissing: WorkspaceRule = {
  scope: 'workspace',
  id: 'named-target-port-missing',
  defaultSeverity: 'warning',
  title: 'A named targetPort does not resolve (by name and protocol) in every selected pod template.',
  kinds: ['Service'],
  check({ resource, index, report }) {
    const s = resource.service;
    if (!s || s.type === 'ExternalName') return;
    const workloads = selectedWorkloads(index, resource);
    if (workloads.length === 0) return;
    const file = resource.file;
    for (const p of s.ports) {
      const target = targetPortOf(p);
      if (target.kind !== 'name' || !p.targetPort || !(PROTOCOLS as readonly string[]).includes(p.protocol)) continue;
      const results = resolveAll(p, workloads);
      const missing = results.filter((x) => x.result.kind === 'missing');
      if (missing.length === 0) continue;
      const found = results.filter((x) => x.result.kind === 'named');
      const path = `spec.ports[${p.index}].targetPort`;
      const name = target.value;
      const related: RelatedLocation[] = [];

      const lacking = missing.map(({ workload: w, result }) => {
        const ports = declaredPortsText(w);
        let text = `${workloadName(w)}${inFile(w, file)} (${ports === 'no ports' ? 'no ports declared' : `ports: ${ports}`})`;
        if (result.kind === 'missing' && result.sameNameOtherProtocol) {
          const { container, port } = result.sameNameOtherProtocol;
          text += ` declares "${name}" with protocol ${port.protocol}, but this Service port is ${p.protocol}`;
          related.push(containerLocation(w, container, `port "${name}" (${port.protocol}) of container ${container.name ?? container.index}`));
        } else {
          const first = w.podTemplate!.containers.find((c) => c.kind !== 'init');
          if (first) related.push(containerLocation(w, first, `containers of ${workloadName(w)}: no port named "${name}" with protocol ${p.protocol}`));
        }
        return text;
      });
      const numbers = new Set<number>();
      for (const f of found) if (f.result.kind === 'named') numbers.add(f.result.number);

      let message: string;
      if (found.length === 0) {
        message =
          `${path}: "${name}" names no ${p.protocol} container port of the selected pods: ${listText(capped(lacking))}. ` +
          `The EndpointSlice controller (FindPort) leaves these pods out of Service port ${shown(p.port?.value ?? null)}, so it gets no endpoints.`;
      } else {
        const resolvedIn = found.map(({ workload: w, result }) => `${workloadName(w)}${inFile(w, file)} (${result.kind === 'named' ? result.number : '?'})`);
        message =
          `${path}: "${name}" resolves in ${listText(capped(resolvedIn))} but not in ${listText(capped(lacking))}. ` +
          `The EndpointSlice controller (FindPort) leaves those pods out of Service port ${shown(p.port?.value ?? null)}, so they get none of its traffic.`;
      }

      const fixes: Fix[] = [];
      // Rename the targetPort to a port name every selected pod template has (only when none has this one).
      if (found.length === 0) {
        const namesPer = results.map(({ workload: w }) => new Set(servingPorts(w).filter(({ port }) => port.protocol === p.protocol && typeof port.name?.value === 'string').map(({ port }) => port.name!.value as string)));
        const common = [...(namesPer[0] ?? [])].filter((n) => namesPer.every((set) => set.has(n))).sort();
        const close = nearest(name, common, 1)[0];
        for (const n of common.slice(0, 3)) {
          const fix: Fix = { title: `Change targetPort to "${n}"`, edits: [replaceEdit(p.targetPort.range, yamlString(n))] };
          if (n === close) fix.preferred = true;
          fixes.push(fix);
        }
      }
      // Or name the container port that listens there, in every template that lacks the name.
      const wanted = numbers.size > 0 ? numbers : new Set(typeof p.port?.value === 'number' ? [p.port.value] : []);
      const adds = missing.map(({ workload: w }) => ({ w, target: portToName(w, p.protocol, wanted) }));
      if (adds.every((a) => a.target)) {
        const edits: TextEdit[] = adds.map(({ w, target }) => insertFirstKeyEdit(target!.port.range, target!.port.flow, 'name', yamlString(name), w.file === file ? undefined : w.file));
        const where = adds.map(({ w, target }) => `port ${String(target!.port.containerPort?.value)} of ${workloadName(w)}${w.file === file ? '' : ` (${displayFile(w.file)})`}`);
        fixes.push({ title: `Name ${listText(where)}: name: ${yamlString(name)}`, edits });
      }
      if (fixes.length === 1) fixes[0]!.preferred = true;
      report({ range: p.targetPort.range, message, related, fixes });
    }
  },
};

interface NumericProblem {
  port: ServicePortView;
  number: number;
  defaulted: boolean;
  /** Selected workloads that declare other ports, not this one. */
  mismatched: Resource[];
  /** Selected workloads that declare no ports at all. */
  silent: Resource[];
}

/** Numeric targetPorts (written or defaulted to port) that some selected pod template does not declare. */
function numericProblems(resource: Resource, workloads: Resource[]): NumericProblem[] {
  const s = resource.service;
  // A headless Service's targetPort is not used for routing (X-TP-4).
  if (!s || s.type === 'ExternalName' || s.headless || workloads.length === 0) return [];
  const out: NumericProblem[] = [];
  for (const p of s.ports) {
    const target = targetPortOf(p);
    if (target.kind !== 'number' || !(PROTOCOLS as readonly string[]).includes(p.protocol)) continue;
    const undeclared = resolveAll(p, workloads).filter((x) => x.result.kind === 'undeclared');
    if (undeclared.length === 0) continue;
    const mismatched = undeclared.filter((x) => x.result.kind === 'undeclared' && x.result.otherPortsDeclared).map((x) => x.workload);
    const silent = undeclared.filter((x) => !mismatched.includes(x.workload)).map((x) => x.workload);
    out.push({ port: p, number: target.value, defaulted: target.defaulted, mismatched, silent });
  }
  return out;
}

function targetRange(p: ServicePortView): Range {
  return p.targetPort?.range ?? p.port?.range ?? p.range;
}

function targetPath(problem: NumericProblem): string {
  const p = problem.port;
  return problem.defaulted ? `spec.ports[${p.index}].targetPort (${p.targetPort ? 'written as 0 or "", so' : 'unset, so'} the port ${problem.number})` : `spec.ports[${p.index}].targetPort`;
}

export const targetPortMismatch: WorkspaceRule = {
  scope: 'workspace',
  id: 'target-port-mismatch',
  defaultSeverity: 'warning',
  title: 'A numeric targetPort is not among the container ports that the selected pods declare.',
  kinds: ['Service'],
  check({ resource, index, report }) {
    const file = resource.file;
    for (const problem of numericProblems(resource, selectedWorkloads(index, resource))) {
      if (problem.mismatched.length === 0) continue;
      const p = problem.port;
      const n = problem.number;
      const hostPortNotes: string[] = [];
      const related: RelatedLocation[] = [];
      const numbers = new Set<number>();
      for (const w of problem.mismatched) {
        for (const { container, port } of servingPorts(w)) {
          if (port.protocol === p.protocol && typeof port.containerPort?.value === 'number') numbers.add(port.containerPort.value);
          if (port.hostPort?.value === n) {
            hostPortNotes.push(`hostPort ${n} of container ${container.name ?? container.index} publishes container port ${String(port.containerPort?.value)} on the node's port ${n}; it does not change the pod's port`);
          }
        }
        const first = w.podTemplate?.containers.find((c) => c.kind !== 'init');
        if (first) related.push(containerLocation(w, first, `containers of ${workloadName(w)}: no ${n}/${p.protocol} declared`));
      }
      const whose = problem.mismatched.map((w) => `${workloadName(w)}${inFile(w, file)}, which declares ${declaredPortsText(w)}`);
      const message =
        `${targetPath(problem)}: ${n}/${p.protocol} is declared by no container of ${listText(capped(whose, 2))}` +
        `${hostPortNotes.length ? ` (${hostPortNotes[0]})` : ''}. ` +
        `Traffic still goes to port ${n} of the pods (a numeric targetPort is used as written), but nothing is declared to listen there.`;
      const fixes: Fix[] = [...numbers].sort((a, b) => a - b).slice(0, 3).map((m) => ({
        title: `Change targetPort to ${m}`,
        edits: [p.targetPort ? replaceEdit(p.targetPort.range, String(m)) : insertFirstKeyEdit(p.range, p.flow, 'targetPort', String(m))],
      }));
      if (fixes.length === 1) fixes[0]!.preferred = true;
      report({ range: targetRange(p), message, related, fixes });
    }
  },
};

export const targetPortUndeclared: WorkspaceRule = {
  scope: 'workspace',
  id: 'target-port-undeclared',
  defaultSeverity: 'information',
  title: 'A numeric targetPort goes to pods that declare no container ports: legal, but nothing shows a process listens there.',
  kinds: ['Service'],
  check({ resource, index, report }) {
    const file = resource.file;
    for (const problem of numericProblems(resource, selectedWorkloads(index, resource))) {
      // When some pods declare other ports, target-port-mismatch speaks instead.
      if (problem.mismatched.length > 0 || problem.silent.length === 0) continue;
      const p = problem.port;
      const whose = problem.silent.map((w) => `${workloadName(w)}${inFile(w, file)}`);
      report({
        range: targetRange(p),
        message:
          `${targetPath(problem)}: ${problem.number}/${p.protocol} is not declared by the selected pods (${listText(capped(whose, 2))} declare${problem.silent.length === 1 ? 's' : ''} no container ports). ` +
          'A numeric targetPort need not be declared and traffic goes there anyway; declaring the containerPort documents that a process listens on it.',
      });
    }
  },
};
