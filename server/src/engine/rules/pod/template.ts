// What the pod rules share: which objects carry a pod spec the API server validates, the field
// paths it prints for their container ports, and the YAML node of a port.
import { isMap, isScalar, Node } from 'yaml';
import type { ContainerPortView, ContainerView, ObjectNode, PodTemplateView, Resource } from '../../resources';
import { POD_TEMPLATE_PATHS } from '../../resources';
import type { Range } from '../../types';
import { asMap, get, getPath, items, rangeOf } from '../../yamlNodes';

/** The core kinds whose pod spec the API server validates, with their API group. */
const POD_KIND_GROUPS: Record<string, string> = {
  Pod: '',
  ReplicationController: '',
  Deployment: 'apps',
  StatefulSet: 'apps',
  DaemonSet: 'apps',
  ReplicaSet: 'apps',
  Job: 'batch',
  CronJob: 'batch',
};

export const POD_KINDS: readonly string[] = Object.keys(POD_KIND_GROUPS);

/** The pod template of a core workload (or Pod); undefined for CRDs that reuse a kind name. */
export function corePodTemplate(r: Resource): PodTemplateView | undefined {
  const group = r.apiVersion.includes('/') ? r.apiVersion.slice(0, r.apiVersion.indexOf('/')) : '';
  return POD_KIND_GROUPS[r.kind] === group ? r.podTemplate : undefined;
}

export interface PortRef {
  container: ContainerView;
  port: ContainerPortView;
}

export function containerPath(c: ContainerView): string {
  return `${c.path}[${c.index}]`;
}

/** `spec.template.spec.containers[0].ports[1]`: the path the API server prints for this port of this object. */
export function portPath(ref: PortRef): string {
  return `${containerPath(ref.container)}.ports[${ref.port.index}]`;
}

/** The same port in a Pod created from the template: `spec.containers[0].ports[1]`. */
export function podPortPath(ref: PortRef): string {
  const list = ref.container.kind === 'container' ? 'containers' : 'initContainers';
  return `spec.${list}[${ref.container.index}].ports[${ref.port.index}]`;
}

export function allPorts(t: PodTemplateView): PortRef[] {
  return t.containers.flatMap((container) => container.ports.map((port) => ({ container, port })));
}

export function isInteger(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v);
}

/** The port's YAML node as written: a map, or something else (null, a number …). */
export function portNode(object: ObjectNode, ref: PortRef): Node | undefined {
  const templatePath = POD_TEMPLATE_PATHS[object.resource.kind] ?? [];
  const podSpec = asMap(object.ctx, getPath(object.ctx, object.node, ...templatePath, 'spec'));
  const list = ref.container.kind === 'container' ? 'containers' : 'initContainers';
  const container = asMap(object.ctx, items(object.ctx, get(object.ctx, podSpec, list))[ref.container.index]);
  return items(object.ctx, get(object.ctx, container, 'ports'))[ref.port.index];
}

/**
 * Where a finding about a missing field of a port goes: its first key (`- name: http`), or the
 * item when it is null (the decoder reads an empty port). Undefined when the item is not a map at
 * all: that is a type error (schema-type), not a missing field.
 */
export function missingFieldRange(object: ObjectNode, ref: PortRef): Range | undefined {
  const node = portNode(object, ref);
  if (isMap(node)) {
    const first = node.items[0];
    return (first && rangeOf(object.ctx, first.key)) ?? ref.port.range;
  }
  return isScalar(node) && node.value === null ? ref.port.range : undefined;
}
