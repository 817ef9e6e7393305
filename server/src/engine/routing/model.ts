// What a Service does, as data: how clients reach it, which port lands where, which pods receive
// the traffic and which policies change that. Built by `buildRouting`, rendered by the hover, the
// code lens and the "Show Routing" preview, so all three say the same thing.
import type { Resolution, TargetPort } from '../k8s/selection';
import type { Range } from '../types';

/** A place in the workspace a render can link to. */
export interface ObjectRef {
  kind: string;
  name: string;
  namespace: string;
  file: string;
  /** Where a link should land: the object's name, else the object. */
  range: Range;
}

export interface WorkloadRef extends ObjectRef {
  /** Pods as written (replicas, default 1); undefined where the manifest does not say (DaemonSet, Job). */
  pods?: number;
}

/** How the Service's name resolves. */
export type RoutingMode =
  /** ClusterIP, NodePort, LoadBalancer: a virtual IP that kube-proxy load-balances. */
  | 'virtual-ip'
  /** `clusterIP: None`: DNS returns the pods' IPs, no proxying. */
  | 'headless'
  /** A DNS CNAME to `externalName`: no proxy, no endpoints. */
  | 'external-name';

export type ClusterIPInfo =
  | { kind: 'written'; values: string[] }
  | { kind: 'allocated'; cidrs: string[] }
  | { kind: 'none' };

/** Where a port's URL scheme came from, so a render can tell a fact from a guess. */
export type SchemeSource = 'appProtocol' | 'name' | 'well-known port' | 'default';

export interface NodePortInfo {
  /** As written; undefined when the allocator picks one. */
  value?: number;
  /** `30000-32767` when allocated. */
  allocatedFrom?: string;
}

export interface Landing {
  workload: WorkloadRef;
  resolution: Resolution;
}

export interface PortRouting {
  index: number;
  name?: string;
  /** undefined when the port is missing or not a number (a rule reports that). */
  port?: number;
  protocol: string;
  protocolDefaulted: boolean;
  appProtocol?: string;
  target: TargetPort;
  /** `http://svc.ns.svc.cluster.local:80`, or `svc.ns.svc.cluster.local:53/UDP` when no scheme applies. */
  url?: string;
  scheme?: string;
  schemeSource?: SchemeSource;
  /** SRV name for a named port: `_http._tcp.svc.ns.svc.cluster.local`. */
  srv?: string;
  /** NodePort and LoadBalancer (unless node ports are switched off for the load balancer). */
  nodePort?: NodePortInfo;
  /** One per selected workload. */
  landings: Landing[];
  /** Every selected workload resolves the targetPort (vacuously false when none is selected). */
  resolved: boolean;
}

export interface LoadBalancerInfo {
  sourceRanges: string[];
  loadBalancerIP?: string;
  loadBalancerClass?: string;
  /** False when `allocateLoadBalancerNodePorts: false`. */
  nodePorts: boolean;
}

export interface RouteIn {
  /** Ingress, HTTPRoute, GRPCRoute. */
  consumer: ObjectRef;
  /** `spec.rules[0].http.paths[1].backend.service`. */
  path: string;
  range: Range;
  /** Ports of this Service the route reaches. */
  ports: number[];
}

export interface PerPodNames {
  statefulSet: WorkloadRef;
  /** `db-0.db.ns.svc.cluster.local`, … (at most a few; `total` says how many there are). */
  names: string[];
  total?: number;
}

export type Selection =
  | { kind: 'selector'; pairs: Array<[string, string]> }
  /** No selector: endpoints come from Endpoints / EndpointSlice objects (X-SEL-4). */
  | { kind: 'manual'; endpoints: ObjectRef[] }
  /** ExternalName: the selector is not used. */
  | { kind: 'unused' };

export interface Policy {
  field: string;
  value: string;
  effect: string;
}

export interface Problem {
  severity: 'warning' | 'information';
  message: string;
}

export interface RoutingModel {
  service: ObjectRef;
  type: string;
  typeDefaulted: boolean;
  mode: RoutingMode;
  /** `svc`, `svc.ns`, `svc.ns.svc`, `svc.ns.svc.<domain>`. */
  dnsNames: string[];
  fqdn: string;
  clusterIP: ClusterIPInfo;
  externalName?: string;
  ports: PortRouting[];
  /** For NodePort URLs: the configured node addresses, or a placeholder. */
  nodeAddresses: string[];
  nodeAddressPlaceholder: boolean;
  loadBalancer?: LoadBalancerInfo;
  externalIPs: string[];
  routesIn: RouteIn[];
  selection: Selection;
  backends: WorkloadRef[];
  perPodNames: PerPodNames[];
  policies: Policy[];
  problems: Problem[];
  /** The workspace index is still being built: an empty backend list proves nothing yet. */
  indexing: boolean;
}
