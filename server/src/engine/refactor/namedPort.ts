// "Use named port": turn a numeric targetPort into a name. Every selected workload must declare
// the port (same number and protocol), or its pods would stop receiving traffic once the
// targetPort is a name they lack; the container ports get one shared name (the one they already
// have, or a new one), and the Service points at it. The workloads may live in other files.
import type { WorkspaceIndex } from '../index';
import { isIanaSvcName } from '../k8s/names';
import { resolveTargetPort, selectedWorkloads, servingContainers, targetPortOf } from '../k8s/selection';
import type { ContainerPortView, Resource, ServicePortView } from '../resources';
import { eolOf, lineStarts, offsetAt, positionAt } from '../edit/text';
import type { Fix, Position, TextEdit } from '../types';
import { rangeContains } from '../types';
import { derivePortName } from './names';

/** The Service port whose explicit numeric targetPort is under `pos` (or alone on its line). */
export function numericTargetPortAt(service: Resource, pos: Position): ServicePortView | undefined {
  const numeric = (service.service?.ports ?? []).filter((p) => {
    const t = targetPortOf(p);
    return t.kind === 'number' && !t.defaulted && p.targetPort !== undefined;
  });
  const under = numeric.find((p) => rangeContains(p.targetPort!.range, pos));
  if (under) return under;
  const onLine = numeric.filter((p) => p.targetPort!.range.start.line === pos.line);
  return onLine.length === 1 ? onLine[0] : undefined;
}

interface Target {
  workload: Resource;
  port: ContainerPortView;
}

/** The selected workloads' container ports behind this Service port; undefined when one does not declare it. */
function targets(index: WorkspaceIndex, service: Resource, port: ServicePortView): Target[] | undefined {
  const workloads = selectedWorkloads(index, service);
  if (workloads.length === 0) return undefined;
  const out: Target[] = [];
  for (const workload of workloads) {
    const res = resolveTargetPort(port, workload.podTemplate!);
    if (res.kind !== 'declared') return undefined;
    out.push({ workload, port: res.port });
  }
  return out;
}

/** Files whose text `useNamedPort` needs (the selected workloads'). */
export function namedPortFiles(index: WorkspaceIndex, service: Resource, port: ServicePortView): string[] {
  return [...new Set((targets(index, service, port) ?? []).map((t) => t.workload.file))];
}

export function useNamedPort(index: WorkspaceIndex, service: Resource, port: ServicePortView, texts: ReadonlyMap<string, string>): Fix | undefined {
  const t = targetPortOf(port);
  if (t.kind !== 'number' || t.defaulted || !port.targetPort) return undefined;
  const found = targets(index, service, port);
  if (!found) return undefined;

  const existing = new Set(found.map((f) => f.port.name?.value).filter((n): n is string => typeof n === 'string' && n !== ''));
  if (existing.size > 1 || [...existing].some((n) => !isIanaSvcName(n))) return undefined; // no one name fits all
  let name = [...existing][0];
  if (name === undefined) {
    // Names already used by other ports of these pods are off limits.
    const taken = new Set<string>();
    for (const f of found) {
      for (const c of servingContainers(f.workload.podTemplate!)) {
        for (const p of c.ports) if (typeof p.name?.value === 'string') taken.add(p.name.value);
      }
    }
    name = derivePortName(t.value, port.protocol, taken, [port.name?.value, port.appProtocol?.value]);
  }

  const edits: TextEdit[] = [];
  let named = 0;
  for (const f of found) {
    if (f.port.name?.value === name) continue;
    const text = texts.get(f.workload.file);
    if (text === undefined) return undefined;
    const edit = insertPortName(text, f.port, name, t.value);
    if (!edit) return undefined;
    edits.push({ ...edit, file: f.workload.file });
    named++;
  }
  edits.push({ range: port.targetPort.range, newText: name });
  const title =
    named > 0
      ? `Use named port: name container port ${t.value} "${name}" and set targetPort to it`
      : `Use named port: set targetPort to the container port's name "${name}"`;
  return { title, edits };
}

/** `name: N` as the first key of a container port map, block (`- name: N\n  containerPort: …`) or flow (`{name: N, containerPort: …}`). */
function insertPortName(text: string, port: ContainerPortView, name: string, number: number): Omit<TextEdit, 'file'> | undefined {
  const starts = lineStarts(text);
  // The index may be older than the text on disk: touch the file only where it still says what we think.
  const cp = port.containerPort;
  if (!cp || text.slice(offsetAt(text, cp.range.start, starts), offsetAt(text, cp.range.end, starts)).replace(/^["']|["']$/g, '') !== String(number)) return undefined;
  let offset = offsetAt(text, port.range.start, starts);
  if (text[offset] === '{') {
    offset++;
    while (text[offset] === ' ') offset++;
    const at = positionAt(text, offset, starts);
    return { range: { start: at, end: at }, newText: `name: ${name}, ` };
  }
  const at = port.range.start;
  return { range: { start: at, end: at }, newText: `name: ${name}${eolOf(text)}${' '.repeat(at.character)}` };
}
