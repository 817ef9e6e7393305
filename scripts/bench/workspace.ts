// A deterministic, seeded workspace of N apps for benchmarks (and tests that need a big workspace):
// per app a Deployment + Service + Ingress, spread over ~20 namespace folders, some apps in one
// file, some split over three files, some files bundling several apps, and seeded defects so the
// rules have work. The same seed and N always give byte-identical files.
import * as fs from 'node:fs';
import * as path from 'node:path';

export type Layout = 'single' | 'split' | 'bundle';

export type Defect =
  /** The Service selector has a typo in the app label value: it selects no pod. */
  | 'selector-typo'
  /** The Service's named targetPort is not declared by the container. */
  | 'target-port-missing'
  /** type NodePort with a nodePort outside 30000-32767. */
  | 'node-port-range'
  /** `type: Nodeport`. */
  | 'type-typo'
  /** spec.ports[].port outside 1-65535. */
  | 'port-range'
  /** `protocol: tcp`. */
  | 'protocol-case'
  /** The Ingress backend names a Service port that does not exist. */
  | 'ingress-missing-port'
  /** The Ingress backend names a Service that does not exist. */
  | 'ingress-missing-service'
  /** The Deployment repeats a key. */
  | 'duplicate-key';

export const DEFECTS: readonly Defect[] = [
  'selector-typo',
  'target-port-missing',
  'node-port-range',
  'type-typo',
  'port-range',
  'protocol-case',
  'ingress-missing-port',
  'ingress-missing-service',
  'duplicate-key',
];

export interface GeneratedApp {
  index: number;
  name: string;
  /** metadata.namespace as written; undefined = not written (the default namespace). */
  namespace?: string;
  layout: Layout;
  /** Workspace-relative paths ('/'-separated) of the files holding each object. */
  files: { deployment: string; service: string; ingress: string };
  defects: Defect[];
}

export interface GeneratedWorkspace {
  apps: GeneratedApp[];
  /** Workspace-relative path → text, in a stable order. */
  files: Map<string, string>;
  namespaces: string[];
}

export interface GenerateOptions {
  apps: number;
  seed?: number;
  /** Probability that an app carries one defect (default 0.25). */
  defectRate?: number;
}

export const NAMESPACES = [
  'shop', 'billing', 'auth', 'search', 'catalog', 'checkout', 'payments', 'inventory', 'shipping', 'notifications',
  'analytics', 'reporting', 'identity', 'media', 'recommendations', 'reviews', 'support', 'platform', 'observability',
];
/** Apps without metadata.namespace land in the default namespace: the 20th. */
const DEFAULT_SHARE = 1 / 20;

const WORDS = ['api', 'web', 'worker', 'gateway', 'cache', 'store', 'sync', 'feed', 'index', 'render', 'auth', 'queue', 'cron', 'edge', 'proxy'];

/** mulberry32: small, fast and good enough for reproducible choices. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface AppSpec extends GeneratedApp {
  tier: string;
  team: string;
  replicas: number;
  metrics: boolean;
  sidecar: boolean;
  serviceType: 'ClusterIP' | 'NodePort' | 'LoadBalancer';
  nodePort: number;
  numericTarget: boolean;
}

export function generateWorkspace(options: GenerateOptions): GeneratedWorkspace {
  const random = rng(options.seed ?? 42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const defectRate = options.defectRate ?? 0.25;
  const specs: AppSpec[] = [];
  for (let i = 0; i < options.apps; i++) {
    const ns = random() < DEFAULT_SHARE ? undefined : pick(NAMESPACES);
    const name = `${pick(WORDS)}-${pick(WORDS)}-${String(i).padStart(5, '0')}`;
    const roll = random();
    const serviceType = roll < 0.85 ? 'ClusterIP' : roll < 0.96 ? 'NodePort' : 'LoadBalancer';
    specs.push({
      index: i,
      name,
      ...(ns ? { namespace: ns } : {}),
      layout: 'single',
      files: { deployment: '', service: '', ingress: '' },
      defects: random() < defectRate ? [pick(DEFECTS)] : [],
      tier: pick(['frontend', 'backend', 'worker']),
      team: ns ?? 'core',
      replicas: 1 + Math.floor(random() * 5),
      metrics: random() < 0.6,
      sidecar: random() < 0.2,
      serviceType,
      nodePort: 30000 + Math.floor(random() * 2767),
      numericTarget: random() < 0.3,
    });
  }

  // Layouts: half the apps in one file each, a quarter split over three files, a quarter bundled
  // by namespace (2-6 apps per file pair: workloads in one file, Services and Ingresses in another).
  const files = new Map<string, string[]>();
  const add = (file: string, doc: string) => {
    let docs = files.get(file);
    if (!docs) files.set(file, (docs = []));
    docs.push(doc);
  };
  const dirOf = (a: AppSpec) => `clusters/prod/${a.namespace ?? 'default'}`;
  const bundles = new Map<string, { id: number; left: number }>();
  let bundleId = 0;
  for (const a of specs) {
    const roll = random();
    if (roll < 0.5) {
      a.layout = 'single';
      const f = `${dirOf(a)}/${a.name}.yaml`;
      a.files = { deployment: f, service: f, ingress: f };
    } else if (roll < 0.75) {
      a.layout = 'split';
      const d = `${dirOf(a)}/${a.name}`;
      a.files = { deployment: `${d}/deployment.yaml`, service: `${d}/service.yaml`, ingress: `${d}/ingress.yml` };
    } else {
      a.layout = 'bundle';
      const key = a.namespace ?? '';
      let b = bundles.get(key);
      if (!b || b.left === 0) bundles.set(key, (b = { id: bundleId++, left: 2 + Math.floor(random() * 5) }));
      b.left--;
      const base = `${dirOf(a)}/bundles/bundle-${String(b.id).padStart(4, '0')}`;
      a.files = { deployment: `${base}-workloads.yaml`, service: `${base}-network.yaml`, ingress: `${base}-network.yaml` };
    }
    add(a.files.deployment, deployment(a));
    add(a.files.service, service(a));
    add(a.files.ingress, ingress(a));
  }

  const out = new Map<string, string>();
  for (const file of [...files.keys()].sort()) {
    const docs = files.get(file) as string[];
    out.set(file, `# generated by scripts/bench/workspace.ts\n${docs.join('---\n')}`);
  }
  const apps: GeneratedApp[] = specs.map((s) => ({
    index: s.index,
    name: s.name,
    ...(s.namespace ? { namespace: s.namespace } : {}),
    layout: s.layout,
    files: s.files,
    defects: s.defects,
  }));
  return { apps, files: out, namespaces: [...NAMESPACES, 'default'] };
}

function metadata(a: AppSpec, extra = ''): string {
  return `metadata:
  name: ${a.name}
${a.namespace ? `  namespace: ${a.namespace}\n` : ''}  labels:
    app: ${a.name}
    team: ${a.team}
${extra}`;
}

/** The pod template's app label line: what `togglePodLabel` edits. Indented 8: unique in the document. */
const podAppLabel = (name: string) => `        app: ${name}\n`;

function deployment(a: AppSpec): string {
  const has = (d: Defect) => a.defects.includes(d);
  return `apiVersion: apps/v1
kind: Deployment
${metadata(a)}spec:
  replicas: ${a.replicas}
${has('duplicate-key') ? `  replicas: ${a.replicas + 1}\n` : ''}  selector:
    matchLabels:
      app: ${a.name}
  template:
    metadata:
      labels:
${podAppLabel(a.name)}        tier: ${a.tier}
        version: v${1 + (a.index % 4)}
    spec:
      containers:
        - name: ${a.name.split('-')[0]}
          image: registry.example.com/${a.team}/${a.name}:1.${a.index % 10}.0
          ports:
            - name: http
              containerPort: 8080
${a.metrics ? '            - name: metrics\n              containerPort: 9090\n' : ''}          readinessProbe:
            httpGet: {path: /healthz, port: http}
          resources:
            requests: {cpu: 100m, memory: 128Mi}
${
  a.sidecar
    ? `        - name: envoy
          image: envoyproxy/envoy:v1.30.1
          ports:
            - name: admin
              containerPort: 9901
`
    : ''
}`;
}

function service(a: AppSpec): string {
  const has = (d: Defect) => a.defects.includes(d);
  const type = has('type-typo') ? 'Nodeport' : has('node-port-range') ? 'NodePort' : a.serviceType;
  const nodePort = has('node-port-range') ? (a.index % 2 ? 29999 : 32768) : a.nodePort;
  const selectorApp = has('selector-typo') ? `${a.name.charAt(1)}${a.name.charAt(0)}${a.name.slice(2)}` : a.name;
  const target = has('target-port-missing') ? 'htpp' : a.numericTarget ? '8080' : 'http';
  const port = has('port-range') ? 70000 : 80;
  const protocol = has('protocol-case') ? 'tcp' : 'TCP';
  const withNodePort = type === 'NodePort' || type === 'LoadBalancer';
  return `apiVersion: v1
kind: Service
${metadata(a)}spec:
  type: ${type}
  selector:
    app: ${selectorApp}
    tier: ${a.tier}
  ports:
    - name: http
      port: ${port}
      targetPort: ${target}
      protocol: ${protocol}
${withNodePort ? `      nodePort: ${nodePort}\n` : ''}${a.metrics ? '    - name: metrics\n      port: 9090\n      targetPort: metrics\n' : ''}`;
}

function ingress(a: AppSpec): string {
  const has = (d: Defect) => a.defects.includes(d);
  const backendName = has('ingress-missing-service') ? `${a.name}-svc` : a.name;
  const port = has('ingress-missing-port') ? (a.index % 2 ? 'name: web' : 'number: 8080') : a.index % 3 ? 'name: http' : 'number: 80';
  return `apiVersion: networking.k8s.io/v1
kind: Ingress
${metadata(a, '  annotations:\n    nginx.ingress.kubernetes.io/proxy-body-size: 8m\n')}spec:
  ingressClassName: nginx
  tls:
    - hosts: [${a.name}.${a.team}.example.com]
      secretName: ${a.name}-tls
  rules:
    - host: ${a.name}.${a.team}.example.com
      http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: ${backendName}
                port:
                  ${port}
`;
}

/**
 * Sets the pod template's `app` label of `app`'s Deployment in `text` (the text of its deployment
 * file): `on` = the app's name (its Service selects the pods), off = `<name>-off` (it does not).
 */
export function togglePodLabel(text: string, app: GeneratedApp, on: boolean): string {
  const onLine = podAppLabel(app.name);
  const offLine = podAppLabel(`${app.name}-off`);
  const [from, to] = on ? [offLine, onLine] : [onLine, offLine];
  const at = text.indexOf(from);
  if (at < 0) throw new Error(`pod label of ${app.name} not found in its deployment file`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** Apps whose Deployment and Service sit in different files and that carry no defect: edit targets. */
export function splitApps(ws: GeneratedWorkspace): GeneratedApp[] {
  return ws.apps.filter((a) => a.layout === 'split' && a.defects.length === 0);
}

/** Writes the workspace under `dir` (emptied first). Returns the absolute paths written. */
export function writeWorkspace(dir: string, ws: GeneratedWorkspace): string[] {
  fs.rmSync(dir, { recursive: true, force: true });
  const written: string[] = [];
  const made = new Set<string>();
  for (const [rel, text] of ws.files) {
    const full = path.join(dir, ...rel.split('/'));
    const parent = path.dirname(full);
    if (!made.has(parent)) {
      fs.mkdirSync(parent, { recursive: true });
      made.add(parent);
    }
    fs.writeFileSync(full, text);
    written.push(full);
  }
  return written;
}
