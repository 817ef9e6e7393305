// Which pods a Service sends traffic to, and on which container port: the EndpointSlice
// controller's logic (k8s-service-validation.md X-SEL-1, X-TP-1..3), shared by the workspace rules,
// the routing preview and navigation.
import type { WorkspaceIndex } from '../index';
import { podsCarry } from './podLabels';
import type { BackendRef, ContainerPortView, ContainerView, PodTemplateView, Resource, ServicePortView } from '../resources';

export type TargetPort =
  | { kind: 'number'; value: number; defaulted: boolean }
  | { kind: 'name'; value: string }
  /** Not a usable value (wrong type, out of range): another rule reports it. */
  | { kind: 'invalid' };

/** The effective targetPort: unset, 0 and "" mean "same as port" (F3). */
export function targetPortOf(p: ServicePortView): TargetPort {
  const t = p.targetPort?.value;
  const port = p.port?.value;
  if (t === undefined || t === null || t === 0 || t === '') {
    return typeof port === 'number' && Number.isInteger(port) ? { kind: 'number', value: port, defaulted: true } : { kind: 'invalid' };
  }
  if (typeof t === 'number') return Number.isInteger(t) && t >= 1 && t <= 65535 ? { kind: 'number', value: t, defaulted: false } : { kind: 'invalid' };
  if (typeof t === 'string') return /^\d+$/.test(t) ? { kind: 'invalid' } : { kind: 'name', value: t };
  return { kind: 'invalid' };
}

/** Containers whose ports a Service can reach: regular containers, then sidecars (restartable init containers). */
export function servingContainers(t: PodTemplateView): ContainerView[] {
  return [...t.containers.filter((c) => c.kind === 'container'), ...t.containers.filter((c) => c.kind === 'sidecar')];
}

export type Resolution =
  /** A numeric targetPort that a container declares with the same protocol. */
  | { kind: 'declared'; number: number; container: ContainerView; port: ContainerPortView }
  /** A numeric targetPort no container declares: traffic still goes there (X-TP-1). */
  | { kind: 'undeclared'; number: number; otherPortsDeclared: boolean }
  /** A named targetPort found by name and protocol (X-TP-2). */
  | { kind: 'named'; number: number; container: ContainerView; port: ContainerPortView }
  /** A named targetPort not found: the pod gets no traffic for this Service port (X-TP-3). */
  | { kind: 'missing'; name: string; sameNameOtherProtocol?: { container: ContainerView; port: ContainerPortView } }
  | { kind: 'invalid' };

export function resolveTargetPort(servicePort: ServicePortView, template: PodTemplateView): Resolution {
  const target = targetPortOf(servicePort);
  const protocol = servicePort.protocol;
  const containers = servingContainers(template);
  if (target.kind === 'invalid') return { kind: 'invalid' };
  if (target.kind === 'number') {
    let otherPortsDeclared = false;
    for (const container of containers) {
      for (const port of container.ports) {
        if (port.containerPort?.value === target.value && port.protocol === protocol) return { kind: 'declared', number: target.value, container, port };
        if (typeof port.containerPort?.value === 'number') otherPortsDeclared = true;
      }
    }
    return { kind: 'undeclared', number: target.value, otherPortsDeclared };
  }
  let sameNameOtherProtocol: { container: ContainerView; port: ContainerPortView } | undefined;
  for (const container of containers) {
    for (const port of container.ports) {
      if (port.name?.value !== target.value) continue;
      if (port.protocol === protocol && typeof port.containerPort?.value === 'number') return { kind: 'named', number: port.containerPort.value, container, port };
      sameNameOtherProtocol ??= { container, port };
    }
  }
  return sameNameOtherProtocol ? { kind: 'missing', name: target.value, sameNameOtherProtocol } : { kind: 'missing', name: target.value };
}

/** Workloads whose pods the Service selects; none for ExternalName or a Service without selector. */
export function selectedWorkloads(index: WorkspaceIndex, service: Resource): Resource[] {
  const s = service.service;
  if (!s || s.type === 'ExternalName' || !s.selector) return [];
  return index.selectWorkloads(index.ns(service), s.selector.pairs);
}

/** Whether `service` selects the pods of `workload`: it has a selector (and is not ExternalName) that they carry entirely. */
export function selects(service: Resource, workload: Resource): boolean {
  const s = service.service;
  return !!s && s.type !== 'ExternalName' && !!s.selector && s.selector.pairs.every((p) => podsCarry(workload, p));
}

/** Services (in the workload's namespace) that select this workload's pods. */
export function servicesSelecting(index: WorkspaceIndex, workload: Resource): Resource[] {
  if (!workload.podTemplate) return [];
  const out: Resource[] = [];
  for (const svc of index.services(index.ns(workload))) if (selects(svc, workload)) out.push(svc);
  return out;
}

/**
 * How many pods a workload runs, as written: `replicas` (default 1) for the replicated kinds, 1 for
 * a Pod; undefined where the count is not in the manifest (DaemonSet: one per node; Jobs).
 */
export function podCount(workload: Resource): number | undefined {
  const t = workload.podTemplate;
  if (!t) return undefined;
  if (workload.kind === 'Pod') return 1;
  if (workload.kind === 'DaemonSet' || workload.kind === 'Job' || workload.kind === 'CronJob') return undefined;
  return t.replicas !== undefined && Number.isInteger(t.replicas) && t.replicas >= 0 ? t.replicas : 1;
}

export interface BackendUse {
  /** The Ingress, HTTPRoute or GRPCRoute. */
  consumer: Resource;
  ref: BackendRef;
  /** The Service ports the reference reaches: the one it names by number or name, or all when it names none. */
  ports: ServicePortView[];
}

/** Ingress / HTTPRoute / GRPCRoute backends that send traffic to this Service (namespace-aware). */
export function backendsReferencing(index: WorkspaceIndex, service: Resource): BackendUse[] {
  const ns = index.ns(service);
  const ports = service.service?.ports ?? [];
  const out: BackendUse[] = [];
  for (const consumer of index.bucket(ns)?.backendConsumers ?? []) {
    for (const ref of consumer.backends ?? []) {
      if (ref.serviceName.value !== service.name || (ref.namespace ?? index.ns(consumer)) !== ns) continue;
      const want = ref.port?.value;
      const reached =
        want === undefined || want === null
          ? ports
          : ports.filter((p) => (typeof want === 'number' ? p.port?.value === want : p.name?.value === want));
      out.push({ consumer, ref, ports: reached });
    }
  }
  return out;
}

/** A short, human name for a file (its last path segment), for messages that name another file. */
export function displayFile(file: string): string {
  const last = file.split(/[\\/]/).pop() ?? file;
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}
