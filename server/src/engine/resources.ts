// Kubernetes objects recognised in parsed YAML, and the typed views that cross-file rules, hover
// and navigation need. Views hold plain values with ranges and no yaml nodes, so the workspace
// index can keep them for every file without keeping every file's syntax tree alive.
import { isMap, isPair, isScalar, isSeq, Node, Pair, YAMLMap } from 'yaml';
import { ownPair, removePairs } from './fixes';
import { isKustomizationFile, isKustomizationKind, patchPaths, resolveSibling } from './k8s/kustomize';
import type { ParsedFile } from './parse';
import { drain, Positions } from './parse';
import type { Range, TextEdit } from './types';
import {
  asMap,
  deref,
  entries,
  get,
  getPair,
  getPath,
  items,
  keyRangeOf,
  keyString,
  NodeContext,
  rangeOf,
  scalarValue,
} from './yamlNodes';

/** A value as written, with where it was written. `value` is the decoded scalar (string, number, boolean, null). */
export interface Loc<T = unknown> {
  value: T;
  range: Range;
}

export interface LabelPair {
  key: string;
  value: unknown;
  keyRange: Range;
  valueRange: Range;
}

export interface LabelSet {
  pairs: LabelPair[];
  /** Range of the whole map (or of the key when the map is empty). */
  range: Range;
}

export interface ServicePortView {
  index: number;
  range: Range;
  /** Written as a flow map (`{port: 80}`): edits that add a key must use flow syntax. */
  flow: boolean;
  name?: Loc;
  port?: Loc;
  /** Effective protocol: TCP when unset. */
  protocol: string;
  protocolLoc?: Loc;
  targetPort?: Loc;
  nodePort?: Loc;
  appProtocol?: Loc;
}

export interface ServiceView {
  /** Effective type: ClusterIP when unset. */
  type: string;
  typeLoc?: Loc;
  selector?: LabelSet;
  ports: ServicePortView[];
  portsRange?: Range;
  clusterIP?: Loc;
  clusterIPs?: Loc[];
  headless: boolean;
  externalName?: Loc;
  externalIPs: Loc[];
  loadBalancerIP?: Loc;
  loadBalancerSourceRanges: Loc[];
  loadBalancerClass?: Loc;
  externalTrafficPolicy?: Loc;
  internalTrafficPolicy?: Loc;
  sessionAffinity?: Loc;
  sessionAffinityTimeout?: Loc;
  ipFamilies: Loc[];
  ipFamilyPolicy?: Loc;
  publishNotReadyAddresses?: Loc;
  allocateLoadBalancerNodePorts?: Loc;
  healthCheckNodePort?: Loc;
  trafficDistribution?: Loc;
  specRange?: Range;
  /** The `spec` and `spec.ports` keys, for findings about what they lack. */
  specKeyRange?: Range;
  portsKeyRange?: Range;
  /** Edits that delete spec.clusterIP and spec.clusterIPs (quick fix: let the allocator choose). */
  clusterIPRemoval?: TextEdit[];
  /** `spec` is written as a flow map. */
  specFlow: boolean;
}

export type ContainerKind = 'container' | 'init' | 'sidecar';

export interface ContainerPortView {
  index: number;
  range: Range;
  /** Written as a flow map (`{containerPort: 80}`). */
  flow: boolean;
  name?: Loc;
  containerPort?: Loc;
  protocol: string;
  protocolLoc?: Loc;
  hostPort?: Loc;
  hostIP?: Loc;
}

export interface ContainerView {
  index: number;
  kind: ContainerKind;
  name?: string;
  nameRange?: Range;
  range: Range;
  ports: ContainerPortView[];
  /** Path of the container list, e.g. `spec.template.spec.containers`. */
  path: string;
}

export interface PodTemplateView {
  /** Path of the pod template, '' for a Pod, e.g. `spec.template`, `spec.jobTemplate.spec.template`. */
  path: string;
  labels: LabelSet;
  containers: ContainerView[];
  replicas?: number;
  hostNetwork: boolean;
}

export interface BackendRef {
  /** `spec.rules[0].http.paths[1].backend.service`, for messages. */
  path: string;
  range: Range;
  serviceName: Loc<string>;
  /** For Gateway API refs that name another namespace. */
  namespace?: string;
  /** A port number, a port name (Ingress only), or undefined. */
  port?: Loc;
}

export interface StatefulSetInfo {
  serviceName?: Loc;
}

export interface Resource {
  file: string;
  docIndex: number;
  /** Position inside a `kind: List`. */
  itemIndex?: number;
  apiVersion: string;
  kind: string;
  name?: string;
  nameRange?: Range;
  /** metadata.namespace as written; the effective one is decided with the settings. */
  namespace?: string;
  namespaceRange?: Range;
  /** Whole object. */
  range: Range;
  /** Where a finding about the object as a whole goes: its `kind` value. */
  kindRange: Range;
  labels: LabelSet;
  service?: ServiceView;
  podTemplate?: PodTemplateView;
  backends?: BackendRef[];
  statefulSet?: StatefulSetInfo;
  /** For Endpoints and EndpointSlices: the Service whose endpoints they are. */
  endpointsFor?: string;
  /** For networking.k8s.io ServiceCIDR: its CIDRs. */
  serviceCIDRs?: Loc<string>[];
  /** For a kustomization: the patch files it lists, resolved to the index's file names. */
  kustomizePatches?: string[];
}

/** The kinds whose pod template a Service can select, and where that template sits. */
export const POD_TEMPLATE_PATHS: Record<string, string[]> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  // Not core, but common and their pods are selected the same way.
  DeploymentConfig: ['spec', 'template'],
  Rollout: ['spec', 'template'],
};

export const WORKLOAD_KINDS = Object.keys(POD_TEMPLATE_PATHS);

export interface ObjectNode {
  ctx: NodeContext;
  node: YAMLMap;
  resource: Resource;
}

/** Every Kubernetes object of a parsed file (items of `kind: List` included), with its node for document rules. */
export function extractObjects(parsed: ParsedFile): ObjectNode[] {
  return drain(extractObjectsSteps(parsed));
}

/** `extractObjects` in steps, pausing between documents (a file may hold 10,000 of them). */
export function* extractObjectsSteps(parsed: ParsedFile): Generator<void, ObjectNode[], void> {
  const pos = new Positions(parsed.lineCounter);
  const out: ObjectNode[] = [];
  for (const d of parsed.documents) {
    if (d.index % 32 === 31) yield;
    if (d.broken) continue;
    const ctx: NodeContext = { doc: d.doc, pos };
    const root = asMap(ctx, d.doc.contents);
    if (!root) continue;
    const head = identify(ctx, root);
    if (!head) {
      // kustomization.yaml usually has no apiVersion/kind; it matters for the patches it lists.
      if (isKustomizationFile(parsed.file)) {
        const r = buildResource(ctx, root, parsed.file, d.index, undefined, parsed.text, { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization' });
        if (r) out.push({ ctx, node: root, resource: r });
      }
      continue;
    }
    if (head.kind === 'List' || (head.kind.endsWith('List') && head.apiVersion === 'v1')) {
      items(ctx, get(ctx, root, 'items')).forEach((item, i) => {
        if (!isMap(item)) return;
        const r = buildResource(ctx, item, parsed.file, d.index, i, parsed.text);
        if (r) out.push({ ctx, node: item, resource: r });
      });
      continue;
    }
    const r = buildResource(ctx, root, parsed.file, d.index, undefined, parsed.text);
    if (r) out.push({ ctx, node: root, resource: r });
  }
  return out;
}

export function extractResources(parsed: ParsedFile): Resource[] {
  return extractObjects(parsed).map((o) => o.resource);
}

function identify(ctx: NodeContext, map: YAMLMap): { apiVersion: string; kind: string } | undefined {
  const apiVersion = scalarValue(ctx, get(ctx, map, 'apiVersion'));
  const kind = scalarValue(ctx, get(ctx, map, 'kind'));
  if (typeof apiVersion !== 'string' || typeof kind !== 'string' || !apiVersion || !kind) return undefined;
  return { apiVersion, kind };
}

function loc(ctx: NodeContext, node: Node | undefined): Loc | undefined {
  if (!node) return undefined;
  const range = rangeOf(ctx, node);
  if (!range) return undefined;
  const v = scalarValue(ctx, node);
  return { value: v === undefined ? preview(ctx, node) : v, range };
}

/** Nodes of a collection copied into a Loc's value; the rest is left out ('…'). */
const PREVIEW_NODES = 50;

/**
 * A collection where a scalar was expected, as plain data for messages: its type is kept, its
 * content cut after PREVIEW_NODES nodes. `toJSON()` would copy all of it, once per field that
 * holds an alias to it: with many aliases to one large anchor, that was quadratic.
 */
export function preview(ctx: NodeContext, node: unknown, budget = { left: PREVIEW_NODES }): unknown {
  const n = deref(ctx, node);
  if (!n) return null;
  if (budget.left-- <= 0) return '…';
  if (isScalar(n)) return n.value;
  if (isSeq(n)) {
    const out: unknown[] = [];
    for (const item of n.items) {
      if (budget.left <= 0) {
        out.push('…');
        break;
      }
      out.push(preview(ctx, item, budget));
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const item of (n as YAMLMap).items) {
    if (budget.left <= 0) {
      out['…'] = '…';
      break;
    }
    const key = isPair(item) ? keyString(item) : undefined;
    // defineProperty: a key named `__proto__` must stay a key.
    if (key !== undefined) Object.defineProperty(out, key, { value: preview(ctx, item.value, budget), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function locString(ctx: NodeContext, node: Node | undefined): Loc<string> | undefined {
  const l = loc(ctx, node);
  return l && typeof l.value === 'string' ? (l as Loc<string>) : undefined;
}

function locList(ctx: NodeContext, node: Node | undefined): Loc[] {
  return items(ctx, node)
    .map((n) => loc(ctx, n))
    .filter((l): l is Loc => l !== undefined);
}

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function labelSet(ctx: NodeContext, parent: YAMLMap | undefined, key: string): LabelSet {
  const pair = getPair(ctx, parent, key);
  const map = pair ? asMap(ctx, pair.value) : undefined;
  const range = (map && rangeOf(ctx, map)) ?? (pair && keyRangeOf(ctx, pair)) ?? ZERO;
  const pairs: LabelPair[] = [];
  for (const p of entries(ctx, map)) {
    const k = keyString(p);
    if (k === undefined) continue;
    const keyRange = keyRangeOf(ctx, p) ?? range;
    const valueRange = rangeOf(ctx, p.value) ?? keyRange;
    pairs.push({ key: k, value: scalarValue(ctx, p.value) ?? null, keyRange, valueRange });
  }
  return { pairs, range };
}

function buildResource(
  ctx: NodeContext,
  map: YAMLMap,
  file: string,
  docIndex: number,
  itemIndex: number | undefined,
  text: string,
  implied?: { apiVersion: string; kind: string },
): Resource | undefined {
  const head = identify(ctx, map) ?? implied;
  if (!head) return undefined;
  const metadata = asMap(ctx, get(ctx, map, 'metadata'));
  const nameNode = get(ctx, metadata, 'name');
  const nsNode = get(ctx, metadata, 'namespace');
  const name = scalarValue(ctx, nameNode);
  const namespace = scalarValue(ctx, nsNode);
  const range = rangeOf(ctx, map) ?? ZERO;
  const r: Resource = {
    file,
    docIndex,
    apiVersion: head.apiVersion,
    kind: head.kind,
    range,
    kindRange: rangeOf(ctx, get(ctx, map, 'kind')) ?? range,
    labels: labelSet(ctx, metadata, 'labels'),
  };
  if (itemIndex !== undefined) r.itemIndex = itemIndex;
  if (typeof name === 'string' && name) {
    r.name = name;
    const nr = rangeOf(ctx, nameNode);
    if (nr) r.nameRange = nr;
  }
  if (typeof namespace === 'string' && namespace) {
    r.namespace = namespace;
    const nr = rangeOf(ctx, nsNode);
    if (nr) r.namespaceRange = nr;
  }

  const group = head.apiVersion.includes('/') ? head.apiVersion.split('/')[0] : '';
  if (head.kind === 'Service' && group === '') r.service = serviceView(ctx, map, text);
  // hasOwn: `kind: constructor` or `kind: __proto__` must not find Object.prototype's members.
  const templatePath = Object.hasOwn(POD_TEMPLATE_PATHS, head.kind) ? POD_TEMPLATE_PATHS[head.kind] : undefined;
  if (templatePath) r.podTemplate = podTemplateView(ctx, map, templatePath, head.kind);
  if (head.kind === 'StatefulSet') r.statefulSet = { ...optional('serviceName', loc(ctx, getPath(ctx, map, 'spec', 'serviceName'))) };
  if (head.kind === 'Ingress' && group === 'networking.k8s.io') r.backends = ingressBackends(ctx, map);
  if ((head.kind === 'HTTPRoute' || head.kind === 'GRPCRoute') && group === 'gateway.networking.k8s.io') r.backends = routeBackends(ctx, map);
  if (head.kind === 'Endpoints' && group === '' && r.name) r.endpointsFor = r.name;
  if (head.kind === 'EndpointSlice' && group === 'discovery.k8s.io') {
    const owner = r.labels.pairs.find((p) => p.key === 'kubernetes.io/service-name')?.value;
    if (typeof owner === 'string') r.endpointsFor = owner;
  }
  if (isKustomizationKind(head.apiVersion, head.kind)) r.kustomizePatches = patchPaths(ctx, map).map((rel) => resolveSibling(file, rel));
  if (head.kind === 'ServiceCIDR' && group === 'networking.k8s.io') {
    r.serviceCIDRs = items(ctx, getPath(ctx, map, 'spec', 'cidrs'))
      .map((n) => locString(ctx, n))
      .filter((l): l is Loc<string> => l !== undefined);
  }
  return r;
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

function serviceView(ctx: NodeContext, map: YAMLMap, text: string): ServiceView {
  const spec = asMap(ctx, get(ctx, map, 'spec'));
  const specPair = ownPair(map, 'spec');
  const portsPair = ownPair(spec, 'ports');
  const ipPairs = [ownPair(spec, 'clusterIP'), ownPair(spec, 'clusterIPs')].filter((p): p is Pair => p !== undefined);
  const f = (key: string) => loc(ctx, get(ctx, spec, key));
  const typeLoc = f('type');
  const clusterIP = f('clusterIP');
  const clusterIPsNode = get(ctx, spec, 'clusterIPs');
  const clusterIPs = clusterIPsNode ? locList(ctx, clusterIPsNode) : undefined;
  const primary = clusterIPs?.[0]?.value ?? clusterIP?.value;
  const portsNode = get(ctx, spec, 'ports');
  const selectorPair = getPair(ctx, spec, 'selector');
  const view: ServiceView = {
    type: typeof typeLoc?.value === 'string' && typeLoc.value ? typeLoc.value : 'ClusterIP',
    ports: items(ctx, portsNode).map((n, i) => servicePort(ctx, n, i)),
    headless: primary === 'None',
    specFlow: spec?.flow === true,
    externalIPs: locList(ctx, get(ctx, spec, 'externalIPs')),
    loadBalancerSourceRanges: locList(ctx, get(ctx, spec, 'loadBalancerSourceRanges')),
    ipFamilies: locList(ctx, get(ctx, spec, 'ipFamilies')),
    ...optional('typeLoc', typeLoc),
    ...optional('clusterIP', clusterIP),
    ...optional('clusterIPs', clusterIPs),
    ...optional('externalName', f('externalName')),
    ...optional('loadBalancerIP', f('loadBalancerIP')),
    ...optional('loadBalancerClass', f('loadBalancerClass')),
    ...optional('externalTrafficPolicy', f('externalTrafficPolicy')),
    ...optional('internalTrafficPolicy', f('internalTrafficPolicy')),
    ...optional('sessionAffinity', f('sessionAffinity')),
    ...optional('sessionAffinityTimeout', loc(ctx, getPath(ctx, spec, 'sessionAffinityConfig', 'clientIP', 'timeoutSeconds'))),
    ...optional('ipFamilyPolicy', f('ipFamilyPolicy')),
    ...optional('publishNotReadyAddresses', f('publishNotReadyAddresses')),
    ...optional('allocateLoadBalancerNodePorts', f('allocateLoadBalancerNodePorts')),
    ...optional('healthCheckNodePort', f('healthCheckNodePort')),
    ...optional('trafficDistribution', f('trafficDistribution')),
    ...optional('portsRange', rangeOf(ctx, portsNode)),
    ...optional('specRange', rangeOf(ctx, spec)),
    ...optional('specKeyRange', specPair && keyRangeOf(ctx, specPair)),
    ...optional('portsKeyRange', portsPair && keyRangeOf(ctx, portsPair)),
    ...optional('clusterIPRemoval', spec && ipPairs.length ? removePairs({ ...ctx, text }, spec, ipPairs) : undefined),
  };
  // An empty selector map is not persisted: it means "no selector" (endpoints managed by hand).
  if (selectorPair && asMap(ctx, selectorPair.value)) {
    const set = labelSet(ctx, spec, 'selector');
    if (set.pairs.length > 0) view.selector = set;
  }
  return view;
}

function servicePort(ctx: NodeContext, node: Node, index: number): ServicePortView {
  const m = asMap(ctx, node);
  const f = (key: string) => loc(ctx, get(ctx, m, key));
  const protocolLoc = f('protocol');
  const protocol = typeof protocolLoc?.value === 'string' && protocolLoc.value ? protocolLoc.value : 'TCP';
  return {
    index,
    range: rangeOf(ctx, node) ?? ZERO,
    flow: m?.flow === true,
    protocol,
    ...optional('protocolLoc', protocolLoc),
    ...optional('name', f('name')),
    ...optional('port', f('port')),
    ...optional('targetPort', f('targetPort')),
    ...optional('nodePort', f('nodePort')),
    ...optional('appProtocol', f('appProtocol')),
  };
}

function podTemplateView(ctx: NodeContext, map: YAMLMap, path: string[], kind: string): PodTemplateView {
  const template = path.length === 0 ? map : asMap(ctx, getPath(ctx, map, ...path));
  const metadata = asMap(ctx, get(ctx, template, 'metadata'));
  const podSpec = asMap(ctx, get(ctx, template, 'spec'));
  const prefix = path.length === 0 ? 'spec' : `${path.join('.')}.spec`;
  const containers: ContainerView[] = [
    ...containerList(ctx, podSpec, 'containers', prefix),
    ...containerList(ctx, podSpec, 'initContainers', prefix),
  ];
  const replicasValue = kind === 'Pod' ? 1 : scalarValue(ctx, getPath(ctx, map, 'spec', 'replicas'));
  const view: PodTemplateView = {
    path: path.join('.'),
    labels: labelSet(ctx, metadata, 'labels'),
    containers,
    hostNetwork: scalarValue(ctx, get(ctx, podSpec, 'hostNetwork')) === true,
  };
  if (typeof replicasValue === 'number') view.replicas = replicasValue;
  return view;
}

function containerList(ctx: NodeContext, podSpec: YAMLMap | undefined, key: string, prefix: string): ContainerView[] {
  const path = `${prefix}.${key}`;
  return items(ctx, get(ctx, podSpec, key)).map((node, index) => {
    const m = asMap(ctx, node);
    const nameNode = get(ctx, m, 'name');
    const name = scalarValue(ctx, nameNode);
    const restartPolicy = scalarValue(ctx, get(ctx, m, 'restartPolicy'));
    const kind: ContainerKind = key === 'containers' ? 'container' : restartPolicy === 'Always' ? 'sidecar' : 'init';
    const ports = items(ctx, get(ctx, m, 'ports')).map((p, i): ContainerPortView => {
      const pm = asMap(ctx, p);
      const f = (k: string) => loc(ctx, get(ctx, pm, k));
      const protocol = f('protocol');
      return {
        index: i,
        range: rangeOf(ctx, p) ?? ZERO,
        flow: pm?.flow === true,
        protocol: typeof protocol?.value === 'string' && protocol.value ? protocol.value : 'TCP',
        ...optional('protocolLoc', protocol),
        ...optional('name', f('name')),
        ...optional('containerPort', f('containerPort')),
        ...optional('hostPort', f('hostPort')),
        ...optional('hostIP', f('hostIP')),
      };
    });
    const c: ContainerView = { index, kind, range: rangeOf(ctx, node) ?? ZERO, ports, path };
    if (typeof name === 'string') c.name = name;
    const nr = rangeOf(ctx, nameNode);
    if (nr) c.nameRange = nr;
    return c;
  });
}

function ingressBackends(ctx: NodeContext, map: YAMLMap): BackendRef[] {
  const spec = asMap(ctx, get(ctx, map, 'spec'));
  const out: BackendRef[] = [];
  const add = (backend: Node | undefined, path: string) => {
    const service = asMap(ctx, get(ctx, asMap(ctx, backend), 'service'));
    if (!service) return;
    const name = locString(ctx, get(ctx, service, 'name'));
    if (!name) return;
    const port = asMap(ctx, get(ctx, service, 'port'));
    const portLoc = loc(ctx, get(ctx, port, 'number')) ?? loc(ctx, get(ctx, port, 'name'));
    out.push({ path: `${path}.service`, range: rangeOf(ctx, service) ?? name.range, serviceName: name, ...optional('port', portLoc) });
  };
  add(get(ctx, spec, 'defaultBackend'), 'spec.defaultBackend');
  items(ctx, get(ctx, spec, 'rules')).forEach((rule, i) => {
    items(ctx, getPath(ctx, rule, 'http', 'paths')).forEach((p, j) => {
      add(get(ctx, asMap(ctx, p), 'backend'), `spec.rules[${i}].http.paths[${j}].backend`);
    });
  });
  return out;
}

function routeBackends(ctx: NodeContext, map: YAMLMap): BackendRef[] {
  const out: BackendRef[] = [];
  items(ctx, getPath(ctx, map, 'spec', 'rules')).forEach((rule, i) => {
    items(ctx, get(ctx, asMap(ctx, rule), 'backendRefs')).forEach((ref, j) => {
      const m = asMap(ctx, ref);
      const kind = scalarValue(ctx, get(ctx, m, 'kind'));
      const group = scalarValue(ctx, get(ctx, m, 'group'));
      // Only core Services: kind defaults to Service and group to "" (core).
      if ((kind !== undefined && kind !== 'Service') || (group !== undefined && group !== '' && group !== null)) return;
      const name = locString(ctx, get(ctx, m, 'name'));
      if (!name) return;
      const ns = scalarValue(ctx, get(ctx, m, 'namespace'));
      out.push({
        path: `spec.rules[${i}].backendRefs[${j}]`,
        range: rangeOf(ctx, ref) ?? name.range,
        serviceName: name,
        ...optional('namespace', typeof ns === 'string' ? ns : undefined),
        ...optional('port', loc(ctx, get(ctx, m, 'port'))),
      });
    });
  });
  return out;
}
