// The pod side: which Services (and the Ingress / HTTPRoute / GRPCRoute rules in front of them)
// send traffic to a workload's pods, on which Service port, landing on which container port.
import type { WorkspaceIndex } from '../index';
import { labelValue } from '../k8s/podLabels';
import { backendsReferencing, Resolution, resolveTargetPort, servicesSelecting } from '../k8s/selection';
import type { ContainerPortView, ContainerView, Resource } from '../resources';
import type { Settings } from '../settings';
import { objectRef, portAddress, portScheme, workloadRef } from './build';
import { code, DEFAULT_MAX_ITEMS, plural, problemLine, refLink, RenderOptions } from './markdown';
import type { ObjectRef, WorkloadRef } from './model';

export interface PortRoute {
  servicePort: { index: number; name?: string; port?: number; protocol: string };
  resolution: Resolution;
  /** How clients address it: URL for a virtual IP, the pod port for headless. */
  address?: string;
  /** Ingress / route rules that reach this Service port. */
  via: Array<{ consumer: ObjectRef; path: string }>;
}

export interface ServiceRoutes {
  service: ObjectRef;
  headless: boolean;
  ports: PortRoute[];
}

export interface WorkloadRoutes {
  workload: WorkloadRef;
  labels: Array<[string, string]>;
  services: ServiceRoutes[];
  indexing: boolean;
}

export function routesToWorkload(workload: Resource, index: WorkspaceIndex, settings: Settings, options: { indexing?: boolean } = {}): WorkloadRoutes {
  const t = workload.podTemplate;
  const services: ServiceRoutes[] = [];
  for (const svc of servicesSelecting(index, workload)) {
    const s = svc.service!;
    const fqdn = `${svc.name ?? '(unnamed)'}.${index.ns(svc)}.svc.${settings.clusterDomain}`;
    const uses = backendsReferencing(index, svc);
    const ports = s.ports.map((p): PortRoute => {
      const port = typeof p.port?.value === 'number' ? p.port.value : undefined;
      const name = typeof p.name?.value === 'string' && p.name.value ? p.name.value : undefined;
      const resolution = resolveTargetPort(p, t!);
      const addressPort = s.headless ? ('number' in resolution ? resolution.number : undefined) : port;
      const route: PortRoute = {
        servicePort: { index: p.index, protocol: p.protocol, ...(name ? { name } : {}), ...(port !== undefined ? { port } : {}) },
        resolution,
        via: uses.filter((u) => u.ports.includes(p)).map((u) => ({ consumer: objectRef(u.consumer, index), path: u.ref.path })),
      };
      if (addressPort !== undefined) route.address = portAddress({ protocol: p.protocol, scheme: portScheme(p)?.scheme }, fqdn, addressPort);
      return route;
    });
    services.push({ service: objectRef(svc, index), headless: s.headless, ports });
  }
  return {
    workload: workloadRef(workload, index),
    labels: (t?.labels.pairs ?? []).map((p) => [p.key, labelValue(p.value)]),
    services,
    indexing: options.indexing ?? false,
  };
}

/** Does this route land on that container port? */
function landsOn(r: Resolution, container: ContainerView, port: ContainerPortView): boolean {
  if (r.kind === 'declared' || r.kind === 'named') return r.container === container && r.port === port;
  if (r.kind === 'undeclared') return false;
  if (r.kind === 'missing') return r.sameNameOtherProtocol?.port === port;
  return false;
}

export interface WorkloadFocus {
  /** Only routes that land on this container port (hover on a container port). */
  container?: ContainerView;
  port?: ContainerPortView;
}

export function renderWorkloadRoutes(model: WorkloadRoutes, focus: WorkloadFocus = {}, options: RenderOptions = {}): string {
  const max = options.maxItems ?? DEFAULT_MAX_ITEMS;
  const w = model.workload;
  const target =
    focus.container && focus.port
      ? `container ${code(focus.container.name ?? '?')} port ${code(`${focus.port.containerPort?.value ?? '?'}/${focus.port.protocol}`)}${focus.port.name ? ` (${code(focus.port.name.value)})` : ''}`
      : `pods of ${w.kind} ${code(w.name)}`;
  const labels = model.labels.length > 0 ? model.labels.map(([k, v]) => code(`${k}: ${v}`)).join(' ') : 'no labels';
  const lines = [`**Traffic to ${target}** · namespace ${code(w.namespace)}${focus.port ? '' : ` · pod labels ${labels}`}`];
  if (model.indexing) lines.push('', '⏳ The workspace is still being indexed: Services in other files may be missing.');

  const items: string[] = [];
  let otherPorts = 0;
  for (const s of model.services) {
    const ports = focus.container && focus.port ? s.ports.filter((p) => landsOn(p.resolution, focus.container!, focus.port!)) : s.ports;
    if (ports.length === 0) {
      if (s.ports.length > 0 || !focus.port) otherPorts++;
      if (!focus.port) items.push(`- ${refLink(s.service, options)}${s.headless ? ' (headless)' : ''}: no ports — DNS returns these pods’ IPs`);
      continue;
    }
    for (const p of ports) {
      const sp = p.servicePort;
      const head = `${sp.name ? `${code(sp.name)} ` : ''}${code(`${sp.port ?? '?'}/${sp.protocol}`)}`;
      const landing = landingText(p.resolution, sp.protocol);
      const address = p.address ? ` · ${code(p.address)}` : '';
      items.push(`- ${refLink(s.service, options)}${s.headless ? ' (headless)' : ''} ${head} → ${landing}${address}`);
      for (const v of p.via.slice(0, 3)) items.push(`  - from ${refLink(v.consumer, options)} (${code(v.path)})`);
      if (p.via.length > 3) items.push(`  - … and ${plural(p.via.length - 3, 'more route')}`);
    }
  }
  if (items.length > 0) {
    lines.push('');
    lines.push(...items.slice(0, max * 2));
    if (items.length > max * 2) lines.push(`- … and ${items.length - max * 2} more`);
  }
  if (items.length === 0 && !model.indexing) {
    lines.push('');
    if (focus.port && otherPorts > 0) lines.push(problemLine({ severity: 'information', message: `No Service port lands here; ${plural(otherPorts, 'Service')} select${otherPorts === 1 ? 's' : ''} these pods on other ports.` }));
    else lines.push(problemLine({ severity: 'information', message: `No Service in namespace \`${w.namespace}\` selects these pods.` }));
  }
  return lines.join('\n');
}

function landingText(r: Resolution, protocol: string): string {
  switch (r.kind) {
    case 'declared':
      return `container ${code(r.container.name ?? '?')} ${code(`${r.number}/${r.port.protocol}`)}`;
    case 'named':
      return `container ${code(r.container.name ?? '?')} ${code(r.port.name?.value)} = ${code(`${r.number}/${r.port.protocol}`)}`;
    case 'undeclared':
      return `port ${code(r.number)} (no container declares it)`;
    case 'missing':
      return `⚠️ no container port named ${code(r.name)} with protocol ${protocol}: no traffic on this port`;
    default:
      return '⚠️ targetPort not usable';
  }
}
