// Hover on a Service field: the field's documentation (from the Kubernetes OpenAPI descriptions,
// through an injected lookup) shortened, and what the value written here means for this Service.
import type { Resource } from '../resources';
import type { FieldDoc } from '../schemaDocs';
import type { RoutingModel } from './model';
import { code, plural } from './markdown';
import type { PathSegment } from './finder';

export type { FieldDoc };

/**
 * Documentation of a field, by the path of keys from the object's root (array indices left out),
 * e.g. `('v1', 'Service', ['spec', 'ports', 'nodePort'])`.
 */
export type FieldDocs = (apiVersion: string, kind: string, path: readonly string[]) => FieldDoc | undefined;

/** Until a schema-backed lookup is plugged in: no documentation, only the meaning here. */
export const NO_FIELD_DOCS: FieldDocs = () => undefined;

const MAX_DOC_CHARS = 280;

/** The first sentences of an OpenAPI description (at most ~280 characters), and its "More info" link. */
export function shortenDescription(text: string): { text: string; moreInfo?: string } {
  const more = /More info:\s*(\S+?)\.?(?:\s|$)/.exec(text);
  const body = text
    .replace(/More info:\s*\S+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const sentences = body.match(/[^.!?]+(?:[.!?]+(?=\s|$)|$)/g) ?? [body];
  let out = '';
  for (const s of sentences) {
    const next = `${out} ${s.trim()}`.trim();
    if (out && next.length > MAX_DOC_CHARS) break;
    out = next;
    if (out.length >= MAX_DOC_CHARS / 2) break;
  }
  if (out.length > MAX_DOC_CHARS) out = `${out.slice(0, MAX_DOC_CHARS - 1).replace(/\s+\S*$/, '')}…`;
  return more?.[1] ? { text: out, moreInfo: more[1] } : { text: out };
}

export function docPath(path: readonly PathSegment[]): string {
  return path.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('').replace(/^\./, '');
}

/** Markdown for the field part of a hover; undefined when there is neither documentation nor meaning. */
export function renderFieldSection(resource: Resource, path: readonly PathSegment[], model: RoutingModel | undefined, docs: FieldDocs): string | undefined {
  const keys = path.filter((s): s is string => typeof s === 'string');
  let doc: FieldDoc | undefined;
  try {
    doc = docs(resource.apiVersion, resource.kind, keys);
  } catch {
    doc = undefined; // documentation is a nicety: never fail the hover for it
  }
  const meaning = model ? fieldMeaning(resource, path, model) : undefined;
  if (!doc && !meaning) return undefined;
  const lines: string[] = [];
  const head = `**${code(docPath(path))}**${doc?.type ? ` · ${doc.type}` : ''}`;
  if (doc) {
    const short = shortenDescription(doc.description);
    lines.push(`${head} — ${short.text}${short.moreInfo ? ` [More info](${short.moreInfo})` : ''}`);
  } else lines.push(head);
  if (meaning) lines.push(`**Here:** ${meaning}`);
  return lines.join('\n\n');
}

const nodeAddr = (m: RoutingModel) => (m.nodeAddresses.length === 1 ? m.nodeAddresses[0]! : `{${m.nodeAddresses.join(',')}}`);

function nodePortList(m: RoutingModel): string {
  const items = m.ports
    .filter((p) => p.nodePort)
    .map((p) => (p.nodePort!.value !== undefined ? `${code(`${nodeAddr(m)}:${p.nodePort!.value}`)} → ${p.port ?? '?'}` : `${code(`${nodeAddr(m)}:<nodePort>`)} → ${p.port ?? '?'} (allocated from ${p.nodePort!.allocatedFrom})`));
  return items.length > 0 ? items.join(', ') : `${code(`${nodeAddr(m)}:<nodePort>`)}`;
}

function clusterIPText(m: RoutingModel): string {
  if (m.clusterIP.kind === 'written') return code(m.clusterIP.values[0]);
  if (m.clusterIP.kind === 'allocated') return `a cluster IP allocated from ${m.clusterIP.cidrs.map(code).join(', ')}`;
  return 'no cluster IP';
}

const externallyAccessible = (m: RoutingModel) => m.type === 'NodePort' || m.type === 'LoadBalancer' || m.externalIPs.length > 0;

/** "What this value means here", for the Service fields that shape routing. */
export function fieldMeaning(resource: Resource, path: readonly PathSegment[], m: RoutingModel): string | undefined {
  const s = resource.service;
  if (!s || path[0] !== 'spec') return undefined;
  const field = path[1];
  if (field === 'ports' && typeof path[2] === 'number') return portFieldMeaning(path[2], path[3], m);
  switch (field) {
    case 'type':
      switch (m.type) {
        case 'ClusterIP':
          return m.mode === 'headless'
            ? `${code('ClusterIP')} with ${code('clusterIP: None')}: headless — ${code(m.fqdn)} resolves to the pods’ IPs, nothing is proxied`
            : `${code('ClusterIP')}: reachable only inside the cluster, at ${code(m.fqdn)} and ${clusterIPText(m)}`;
        case 'NodePort':
          return `${code('NodePort')}: reachable on every node at ${nodePortList(m)}, plus ${clusterIPText(m)} inside the cluster`;
        case 'LoadBalancer':
          return `${code('LoadBalancer')}: the cloud provider (or ${m.loadBalancer?.loadBalancerClass ? code(m.loadBalancer.loadBalancerClass) : 'the default load-balancer controller'}) provisions an external load balancer${m.loadBalancer?.nodePorts === false ? ' that sends traffic straight to the pods' : ` that forwards to the node ports (${nodePortList(m)})`}; ${clusterIPText(m)} inside the cluster`;
        case 'ExternalName':
          return `${code('ExternalName')}: ${code(m.fqdn)} is a DNS CNAME to ${m.externalName ? code(m.externalName) : 'the (missing) externalName'} — no cluster IP, no proxying, no endpoints`;
        default:
          return `${code(m.type)} is not a Service type (ClusterIP, NodePort, LoadBalancer, ExternalName)`;
      }
    case 'clusterIP':
    case 'clusterIPs':
      if (m.mode === 'headless') {
        const sts = m.perPodNames[0];
        return `${code('None')}: headless — no virtual IP; ${code(m.fqdn)} returns the IPs of ${m.backends.length > 0 ? plural(m.backends.length, 'selected workload') + '’s pods' : 'the selected pods'}${sts ? `, and each StatefulSet pod gets its own name (${code(sts.names[0])})` : ''}`;
      }
      if (m.mode === 'external-name') return 'not used by an ExternalName Service (and rejected if set)';
      return m.clusterIP.kind === 'written'
        ? `fixed at ${m.clusterIP.values.map(code).join(', ')}: it must lie in the service CIDR and be free, or creation fails`
        : `empty: the API server allocates one from ${m.clusterIP.kind === 'allocated' ? m.clusterIP.cidrs.map(code).join(', ') : 'the service CIDR'}`;
    case 'externalTrafficPolicy': {
      const v = s.externalTrafficPolicy?.value;
      if (!externallyAccessible(m)) return `only valid for NodePort, LoadBalancer or a Service with externalIPs; the API server rejects it on a ${m.type} Service`;
      return v === 'Local'
        ? 'external traffic keeps the client’s source IP and is only delivered to pods on the node that received it; a node without a ready pod drops it'
        : 'external traffic is spread over all pods on any node; the client IP is replaced by the node’s (SNAT)';
    }
    case 'internalTrafficPolicy':
      return s.internalTrafficPolicy?.value === 'Local'
        ? 'in-cluster clients only reach pods on their own node; with none there, connections fail'
        : 'in-cluster clients reach pods on any node';
    case 'sessionAffinity':
    case 'sessionAffinityConfig': {
      const p = m.policies.find((x) => x.field === 'sessionAffinity');
      return p ? p.effect : 'no affinity: each connection may go to a different pod';
    }
    case 'externalName':
      return m.mode === 'external-name'
        ? `${code(m.fqdn)} → CNAME ${m.externalName ? code(m.externalName) : '(empty)'}`
        : `ignored: the type is ${m.type}, not ExternalName (the API server warns)`;
    case 'externalIPs':
      return m.externalIPs.length > 0
        ? `nodes accept traffic for ${m.externalIPs.map(code).join(', ')} on the Service ports and forward it to the pods; routing those IPs to a node is up to you`
        : undefined;
    case 'loadBalancerSourceRanges':
      return m.type === 'LoadBalancer'
        ? `only clients from ${m.loadBalancer!.sourceRanges.map(code).join(', ') || 'these ranges'} reach the load balancer (enforced by the provider or kube-proxy)`
        : 'only valid for LoadBalancer Services; the API server rejects it here';
    case 'loadBalancerIP':
      return 'asks the provider for this address; deprecated since 1.24 and ignored by many providers (use their annotations)';
    case 'loadBalancerClass':
      return m.type === 'LoadBalancer' ? 'a controller for this class provisions the load balancer instead of the cloud provider’s default' : 'only valid for LoadBalancer Services';
    case 'allocateLoadBalancerNodePorts':
      return s.allocateLoadBalancerNodePorts?.value === false ? 'no node ports: the load balancer must reach pods directly' : 'node ports are allocated and the load balancer forwards to them';
    case 'healthCheckNodePort':
      return 'the load balancer probes this node port to find nodes with a ready pod (externalTrafficPolicy: Local)';
    case 'publishNotReadyAddresses':
      return s.publishNotReadyAddresses?.value === true ? 'pods are published in DNS and endpoints before they are ready' : 'only ready pods receive traffic';
    case 'trafficDistribution':
      return m.policies.find((x) => x.field === 'trafficDistribution')?.effect;
    case 'selector':
      return undefined;
    default:
      return undefined;
  }
}

function portFieldMeaning(i: number, field: PathSegment | undefined, m: RoutingModel): string | undefined {
  const p = m.ports.find((x) => x.index === i);
  if (!p) return undefined;
  switch (field) {
    case 'port':
      if (m.mode === 'headless') return `headless: not remapped — clients connect to the pod’s port${p.url ? ` (${code(p.url)})` : ''}`;
      if (m.mode === 'external-name') return 'not used by an ExternalName Service';
      return p.url ? `clients connect to ${code(p.url)}` : undefined;
    case 'targetPort': {
      if (m.mode === 'external-name') return 'not used by an ExternalName Service';
      const head = p.target.kind === 'number' ? `port ${code(p.target.value)} on each pod` : p.target.kind === 'name' ? `the container port named ${code(p.target.value)} (${p.protocol}), looked up in each pod` : 'not a usable port';
      if (p.landings.length === 0) return `${head}; no workload is selected`;
      const ok = p.landings.filter((l) => l.resolution.kind === 'declared' || l.resolution.kind === 'named' || l.resolution.kind === 'undeclared').length;
      if (p.landings.length === 1) {
        const l = p.landings[0]!;
        const r = l.resolution;
        const where = r.kind === 'declared' || r.kind === 'named' ? `container ${code(r.container.name ?? '?')} ${code(`${r.number}/${r.port.protocol}`)}` : r.kind === 'undeclared' ? `port ${code(r.number)}, which no container declares` : 'nothing: no container port matches';
        return `${head} → ${l.workload.kind} ${code(l.workload.name)}: ${where}`;
      }
      return `${head}; resolves in ${ok} of ${plural(p.landings.length, 'selected workload')}`;
    }
    case 'nodePort':
      if (!p.nodePort) return `only used for NodePort and LoadBalancer Services; this one is ${m.type}`;
      return p.nodePort.value !== undefined
        ? `reachable at ${code(`${nodeAddr(m)}:${p.nodePort.value}`)} on every node, forwarded to port ${p.port ?? '?'}`
        : `allocated from ${p.nodePort.allocatedFrom}`;
    case 'protocol':
      return `${code(p.protocol)}${p.protocolDefaulted ? ' (the default)' : ''}: a named targetPort must be declared with this protocol in the pod`;
    case 'name':
      return p.srv ? `names the port: SRV record ${code(p.srv)}; Ingress backends and EndpointSlices refer to it by this name` : undefined;
    case 'appProtocol':
      return `tells proxies and load balancers the application protocol${p.scheme ? `; URLs here use ${code(`${p.scheme}://`)}` : ''}`;
    default:
      return undefined;
  }
}
