// buildRouting: a Service and the workspace → the RoutingModel. Selection and targetPort
// resolution come from k8s/selection.ts (the EndpointSlice controller's logic), defaults from
// k8s-service-validation.md §2, traffic semantics from §8.
import type { WorkspaceIndex } from '../index';
import { labelValue } from '../k8s/podLabels';
import { backendsReferencing, podCount, resolveTargetPort, selectedWorkloads, targetPortOf } from '../k8s/selection';
import type { Loc, Resource, ServicePortView } from '../resources';
import { formatPortRange, Settings } from '../settings';
import type {
  ClusterIPInfo,
  Landing,
  ObjectRef,
  PerPodNames,
  Policy,
  PortRouting,
  Problem,
  RouteIn,
  RoutingModel,
  Selection,
  WorkloadRef,
} from './model';
import { schemeFor } from './scheme';

/** Per-pod DNS names listed for a StatefulSet before "…". */
const MAX_POD_NAMES = 3;
const NODE_PLACEHOLDER = '<node-address>';
/** kube-proxy's default ClientIP affinity timeout (F5). */
const DEFAULT_AFFINITY_SECONDS = 10800;

export interface RoutingOptions {
  /** The workspace is still being indexed: backends may be missing. */
  indexing?: boolean;
}

export function objectRef(r: Resource, index: WorkspaceIndex): ObjectRef {
  return { kind: r.kind, name: r.name ?? '(unnamed)', namespace: index.ns(r), file: r.file, range: r.nameRange ?? r.range };
}

export function workloadRef(r: Resource, index: WorkspaceIndex): WorkloadRef {
  const ref: WorkloadRef = objectRef(r, index);
  const pods = podCount(r);
  if (pods !== undefined) ref.pods = pods;
  return ref;
}

const str = (l: Loc | undefined): string | undefined => (typeof l?.value === 'string' && l.value !== '' ? l.value : undefined);
const int = (l: Loc | undefined): number | undefined =>
  typeof l?.value === 'number' && Number.isInteger(l.value) && l.value > 0 && l.value <= 65535 ? l.value : undefined;

function byPlace(a: Resource, b: Resource): number {
  return a.file.localeCompare(b.file) || a.range.start.line - b.range.start.line || (a.name ?? '').localeCompare(b.name ?? '');
}

export function buildRouting(service: Resource, index: WorkspaceIndex, settings: Settings, options: RoutingOptions = {}): RoutingModel {
  const s = service.service;
  if (!s) throw new Error(`buildRouting: ${service.kind} ${service.name ?? ''} is not a core Service`);
  const indexing = options.indexing ?? false;
  const ns = index.ns(service);
  const name = service.name ?? '(unnamed)';
  const domain = settings.clusterDomain;
  const fqdn = `${name}.${ns}.svc.${domain}`;
  const mode = s.type === 'ExternalName' ? 'external-name' : s.headless ? 'headless' : 'virtual-ip';
  const backendResources = selectedWorkloads(index, service).sort(byPlace);
  const backends = backendResources.map((w) => workloadRef(w, index));
  const nodePorts = s.type === 'NodePort' || (s.type === 'LoadBalancer' && s.allocateLoadBalancerNodePorts?.value !== false);

  const ports: PortRouting[] = s.ports.map((p) => portRouting(p, backendResources, backends, { mode, fqdn, nodePorts, settings }));
  if (mode === 'headless') for (const p of ports) headlessUrl(p, fqdn);

  const model: RoutingModel = {
    service: objectRef(service, index),
    type: s.type,
    typeDefaulted: !str(s.typeLoc),
    mode,
    dnsNames: [name, `${name}.${ns}`, `${name}.${ns}.svc`, fqdn],
    fqdn,
    clusterIP: clusterIPInfo(service, index, settings, mode),
    ports,
    nodeAddresses: settings.nodeAddresses.length > 0 ? [...settings.nodeAddresses] : [NODE_PLACEHOLDER],
    nodeAddressPlaceholder: settings.nodeAddresses.length === 0,
    externalIPs: s.externalIPs.map((l) => str(l)).filter((v): v is string => v !== undefined),
    routesIn: routesIn(service, index),
    selection: selection(service, index),
    backends,
    perPodNames: [],
    policies: policies(service),
    problems: [],
    indexing,
  };
  const externalName = str(s.externalName);
  if (externalName && mode === 'external-name') model.externalName = externalName.replace(/\.$/, '');
  if (s.type === 'LoadBalancer') {
    model.loadBalancer = {
      sourceRanges: s.loadBalancerSourceRanges.map((l) => str(l)).filter((v): v is string => v !== undefined),
      nodePorts,
      ...(str(s.loadBalancerIP) ? { loadBalancerIP: str(s.loadBalancerIP) } : {}),
      ...(str(s.loadBalancerClass) ? { loadBalancerClass: str(s.loadBalancerClass) } : {}),
    };
  }
  if (mode === 'headless') model.perPodNames = perPodNames(service, index, backendResources, model);
  model.problems.push(...problems(service, index, model));
  return model;
}

interface PortContext {
  mode: RoutingModel['mode'];
  fqdn: string;
  nodePorts: boolean;
  settings: Settings;
}

function portRouting(p: ServicePortView, workloads: Resource[], refs: WorkloadRef[], c: PortContext): PortRouting {
  const port = int(p.port);
  const name = str(p.name);
  const appProtocol = str(p.appProtocol);
  const out: PortRouting = {
    index: p.index,
    protocol: p.protocol,
    protocolDefaulted: !str(p.protocolLoc),
    target: targetPortOf(p),
    landings: [],
    resolved: false,
  };
  if (port !== undefined) out.port = port;
  if (name) out.name = name;
  if (appProtocol) out.appProtocol = appProtocol;
  if (c.mode === 'external-name') return out;

  if (name) out.srv = `_${name}._${p.protocol.toLowerCase()}.${c.fqdn}`;
  const scheme = portScheme(p);
  if (scheme) {
    out.scheme = scheme.scheme;
    out.schemeSource = scheme.source;
  }
  if (c.mode === 'virtual-ip' && port !== undefined) out.url = portAddress(out, c.fqdn, port);
  if (c.nodePorts) {
    const np = int(p.nodePort);
    out.nodePort = np !== undefined ? { value: np } : { allocatedFrom: formatPortRange(c.settings.nodePortRange) };
  }
  out.landings = workloads.map((w, i): Landing => ({ workload: refs[i]!, resolution: resolveTargetPort(p, w.podTemplate!) }));
  out.resolved = out.landings.length > 0 && out.landings.every((l) => l.resolution.kind !== 'missing' && l.resolution.kind !== 'invalid');
  return out;
}

/** The URL scheme clients use on a Service port: from its appProtocol, else its name, else its number (scheme.ts). */
export function portScheme(p: ServicePortView): ReturnType<typeof schemeFor> {
  const port = int(p.port);
  const name = str(p.name);
  const appProtocol = str(p.appProtocol);
  return schemeFor({ protocol: p.protocol, ...(name ? { name } : {}), ...(appProtocol ? { appProtocol } : {}), ...(port ? { port } : {}) });
}

/**
 * How clients address a Service port at `host:port`: `scheme://host:port` when a scheme applies
 * (see portScheme), else `host:port`, with `/UDP` or `/SCTP` when the protocol is not TCP. The
 * Service hover (its URLs) and the pod-side hover (the addresses of the routes in) both use it.
 */
export function portAddress(p: { protocol: string; scheme?: string | undefined }, host: string, port: number): string {
  return p.scheme ? `${p.scheme}://${host}:${port}` : `${host}:${port}${p.protocol === 'TCP' ? '' : `/${p.protocol}`}`;
}

/**
 * Headless: clients get the pods' IPs and connect to them directly, so the port that works is the
 * pod's (the targetPort), not the Service port. Only when every backend agrees on one number.
 */
function headlessUrl(p: PortRouting, fqdn: string): void {
  let number: number | undefined;
  if (p.target.kind === 'number') number = p.target.value;
  else {
    const numbers = new Set(p.landings.map((l) => ('number' in l.resolution ? l.resolution.number : undefined)));
    if (numbers.size === 1) number = [...numbers][0];
  }
  if (number !== undefined) p.url = portAddress(p, fqdn, number);
}

function clusterIPInfo(service: Resource, index: WorkspaceIndex, settings: Settings, mode: RoutingModel['mode']): ClusterIPInfo {
  const s = service.service!;
  if (mode !== 'virtual-ip') return { kind: 'none' };
  const written = (s.clusterIPs ?? []).map((l) => str(l)).filter((v): v is string => v !== undefined);
  const single = str(s.clusterIP);
  if (written.length === 0 && single) written.push(single);
  if (written.length > 0) return { kind: 'written', values: written };
  const cidrs = [...settings.serviceCIDRs];
  for (const r of index.serviceCIDRObjects()) for (const c of r.serviceCIDRs ?? []) if (!cidrs.includes(c.value)) cidrs.push(c.value);
  return { kind: 'allocated', cidrs };
}

function selection(service: Resource, index: WorkspaceIndex): Selection {
  const s = service.service!;
  if (s.type === 'ExternalName') return { kind: 'unused' };
  if (!s.selector) {
    const endpoints = [...index.endpoints(index.ns(service))].filter((e) => e.endpointsFor === service.name).map((e) => objectRef(e, index));
    return { kind: 'manual', endpoints };
  }
  return { kind: 'selector', pairs: s.selector.pairs.map((p) => [p.key, labelValue(p.value)]) };
}

function routesIn(service: Resource, index: WorkspaceIndex): RouteIn[] {
  return backendsReferencing(index, service).map((u) => ({
    consumer: objectRef(u.consumer, index),
    path: u.ref.path,
    range: u.ref.range,
    ports: u.ports.map((p) => int(p.port)).filter((n): n is number => n !== undefined),
  }));
}

function perPodNames(service: Resource, index: WorkspaceIndex, selected: Resource[], model: RoutingModel): PerPodNames[] {
  const out: PerPodNames[] = [];
  const ns = index.ns(service);
  for (const sts of index.bucket(ns)?.statefulSets ?? []) {
    if (sts.statefulSet?.serviceName?.value !== service.name) continue;
    const ref = workloadRef(sts, index);
    if (!selected.includes(sts)) {
      model.problems.push({
        severity: 'warning',
        message: `StatefulSet \`${ref.name}\` names this Service in \`spec.serviceName\`, but the selector does not select its pods: they get no per-pod DNS names.`,
      });
      continue;
    }
    const total = ref.pods ?? 1;
    const names: string[] = [];
    for (let i = 0; i < Math.min(total, MAX_POD_NAMES); i++) names.push(`${ref.name}-${i}.${model.fqdn}`);
    out.push({ statefulSet: ref, names, total });
  }
  return out;
}

function policies(service: Resource): Policy[] {
  const s = service.service!;
  const out: Policy[] = [];
  const etp = str(s.externalTrafficPolicy);
  if (etp === 'Local') {
    const hc = int(s.healthCheckNodePort);
    out.push({
      field: 'externalTrafficPolicy',
      value: 'Local',
      effect:
        'traffic from outside the cluster keeps the client IP and goes only to pods on the node that received it; nodes without a ready pod drop it' +
        (s.type === 'LoadBalancer' ? ` (the load balancer skips them via the health check node port${hc ? ` ${hc}` : ''})` : ''),
    });
  }
  const itp = str(s.internalTrafficPolicy);
  if (itp === 'Local') {
    out.push({ field: 'internalTrafficPolicy', value: 'Local', effect: "in-cluster clients reach only pods on their own node; with none there, the connection fails" });
  }
  if (str(s.sessionAffinity) === 'ClientIP' && s.type !== 'ExternalName') {
    const t = s.sessionAffinityTimeout?.value;
    const seconds = typeof t === 'number' && Number.isInteger(t) && t > 0 ? t : DEFAULT_AFFINITY_SECONDS;
    out.push({
      field: 'sessionAffinity',
      value: 'ClientIP',
      effect: `connections from one client IP stick to the same pod for ${seconds} s${t === undefined ? ' (default)' : ''}${s.headless ? ' — ignored for headless Services' : ''}`,
    });
  }
  if (s.publishNotReadyAddresses?.value === true) {
    out.push({ field: 'publishNotReadyAddresses', value: 'true', effect: 'pods that are not ready yet are published too (DNS and endpoints)' });
  }
  const td = str(s.trafficDistribution);
  if (td) {
    const effect =
      td === 'PreferSameNode'
        ? 'prefers pods on the client’s node, then anywhere'
        : td === 'PreferSameZone' || td === 'PreferClose'
          ? 'prefers pods in the client’s zone, then anywhere'
          : 'a distribution preference kube-proxy may not know';
    out.push({ field: 'trafficDistribution', value: td, effect });
  }
  return out;
}

function problems(service: Resource, index: WorkspaceIndex, model: RoutingModel): Problem[] {
  const s = service.service!;
  const out: Problem[] = [];
  const sel = model.selection;
  if (sel.kind === 'selector' && model.backends.length === 0 && !model.indexing) {
    const shown = sel.pairs.map(([k, v]) => `${k}: ${v}`).join(', ');
    const elsewhere: string[] = [];
    for (const other of index.namespaces()) {
      if (other === model.service.namespace) continue;
      for (const w of index.selectWorkloads(other, s.selector!.pairs)) elsewhere.push(`${w.kind} \`${w.name ?? '(unnamed)'}\` in namespace \`${other}\``);
    }
    out.push({
      severity: 'warning',
      message:
        `Selects nothing: no pod template in namespace \`${model.service.namespace}\` carries \`${shown}\`, so the Service has no endpoints` +
        (elsewhere.length > 0 ? ` (pods with these labels exist in other namespaces: ${elsewhere.slice(0, 3).join(', ')}${elsewhere.length > 3 ? ', …' : ''})` : '') +
        '.',
    });
  }
  if (sel.kind === 'manual' && model.mode !== 'external-name') {
    out.push({
      severity: 'information',
      message:
        sel.endpoints.length > 0
          ? `No selector: endpoints are managed by hand (${sel.endpoints.map((e) => `${e.kind} \`${e.name}\``).join(', ')}).`
          : `No selector: endpoints are managed by hand, and no Endpoints or EndpointSlice for \`${model.service.name}\` is in the workspace.`,
    });
  }
  if (model.mode === 'external-name') {
    const unused = [s.ports.length > 0 ? '`ports`' : '', s.selector ? '`selector`' : ''].filter(Boolean);
    if (unused.length > 0) out.push({ severity: 'information', message: `${unused.join(' and ')} ${unused.length > 1 ? 'are' : 'is'} not used by an ExternalName Service.` });
    if (!model.externalName) out.push({ severity: 'warning', message: '`externalName` is empty: the name has nothing to point to.' });
  }
  if (model.mode === 'headless' && s.ports.length === 0 && model.backends.length > 0) {
    out.push({ severity: 'information', message: 'No ports: DNS still returns the pods’ IPs, and clients use whatever port the pods listen on.' });
  }
  return out;
}
