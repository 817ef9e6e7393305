// The routing hover, preview and lens as a user reads them: Markdown text for each Service type,
// headless and StatefulSet names, targetPort resolution, policies, the pod side, field docs.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { describe, it } from 'node:test';
import { hoverAt, shortenDescription } from '../../server/src/engine/routing';
import { repoPath } from '../support/repo';
import { positionOf, workspace } from '../support/routing';

const SEED = fs.readFileSync(repoPath('examples', 'service-backend.yaml'), 'utf8');

const deployment = (name: string, labels: string, ports: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
${extra}spec:
  replicas: 2
  template:
    metadata:
      labels: {${labels}}
    spec:
      containers:
        - name: app
          ports:
${ports}
`;

const service = (spec: string, meta = '') => `apiVersion: v1
kind: Service
metadata:
  name: web
${meta}spec:
${spec}`;

describe('routing hover on a Service', () => {
  it('shows the seed: the URL on port 4000 lands on container backend port 333 of deployment-backend', () => {
    const ws = workspace({ 'file:///ws/service-backend.yaml': SEED });
    const md = ws.hover('file:///ws/service-backend.yaml', 'name: service-backend')!;
    assert.ok(md.startsWith('**Service `service-backend`** · ClusterIP · namespace `default`'), md);
    assert.ok(md.includes('- `http://service-backend.default.svc.cluster.local:4000`'), md);
    assert.ok(
      md.includes('- DNS: `service-backend` (same namespace) · `service-backend.default` · `service-backend.default.svc` · `service-backend.default.svc.cluster.local`'),
      md,
    );
    assert.ok(md.includes('- Cluster IP: allocated from `10.96.0.0/12`'), md);
    assert.ok(
      md.includes('- `service-backend.default.svc.cluster.local:4000` TCP → targetPort `333` → Deployment `deployment-backend`: container `backend` `333/TCP`'),
      md,
    );
    assert.ok(md.includes('**Backends** — selector `run: deployment-backend` → 2 pods in 1 workload'), md);
    assert.ok(md.includes('- [Deployment `deployment-backend`](file:///ws/service-backend.yaml#L20) · 2 replicas · `service-backend.yaml:20`'), md);
  });

  it('ClusterIP: makes the defaults visible (type, protocol TCP, targetPort = port) and follows the cluster domain', () => {
    const files = {
      'svc.yaml': service('  clusterIP: 10.96.4.4\n  selector: {app: web}\n  ports:\n    - port: 8080\n'),
      'app.yaml': deployment('web', 'app: web', '            - containerPort: 8080'),
    };
    const md = workspace(files, { clusterDomain: 'corp.internal' }).hover('svc.yaml', 'name: web', 0)!;
    assert.ok(md.includes('· ClusterIP (default type) ·'), md);
    assert.ok(md.includes('- Cluster IP: `10.96.4.4`'), md);
    assert.ok(md.includes('`http://web.default.svc.corp.internal:8080`'), md);
    assert.ok(md.includes('- `web.default.svc.corp.internal:8080` TCP (by default) → targetPort `8080` (= port, by default) → Deployment `web`: container `app` `8080/TCP`'), md);
  });

  it('NodePort: node address from settings with the written nodePort, "allocated from" when unset', () => {
    const files = {
      'svc.yaml': service('  type: NodePort\n  selector: {app: web}\n  ports:\n    - name: http\n      port: 80\n      targetPort: 8080\n      nodePort: 30080\n    - name: admin\n      port: 81\n'),
    };
    const md = workspace(files, { nodeAddresses: ['192.0.2.10'] }).hover('svc.yaml', 'web')!;
    assert.ok(md.includes('- Node ports, on every node: `192.0.2.10:30080` → 80, `192.0.2.10:<nodePort>` → 81 (nodePort allocated from 30000-32767)'), md);
    assert.ok(!md.includes('kubeServiceLens.nodeAddresses'), md);
    const placeholder = workspace(files).hover('svc.yaml', 'web')!;
    assert.ok(placeholder.includes('`<node-address>:30080` → 80'), placeholder);
    assert.ok(placeholder.includes('set `kubeServiceLens.nodeAddresses` to see real addresses'), placeholder);
  });

  it('LoadBalancer: source ranges, node ports, and "open to any source" without ranges', () => {
    const lb = (extra: string) => ({ 'svc.yaml': service(`  type: LoadBalancer\n${extra}  ports:\n    - port: 443\n      targetPort: 8443\n`) });
    const md = workspace(lb('  loadBalancerSourceRanges:\n    - 203.0.113.0/24\n    - 198.51.100.0/24\n')).hover('svc.yaml', 'web')!;
    assert.ok(md.includes('- Load balancer: an external address from the cloud provider, ports 443; allowed from `203.0.113.0/24`, `198.51.100.0/24`'), md);
    assert.ok(md.includes('`<node-address>:<nodePort>` → 443 (nodePort allocated from 30000-32767)'), md);
    assert.ok(md.includes('`https://web.default.svc.cluster.local:443`'), md);
    const open = workspace(lb('  allocateLoadBalancerNodePorts: false\n  loadBalancerClass: example.com/lb\n')).hover('svc.yaml', 'web')!;
    assert.ok(open.includes('(class `example.com/lb`), ports 443; open to any source (no `loadBalancerSourceRanges`); no node ports (`allocateLoadBalancerNodePorts: false`)'), open);
    assert.ok(!open.includes('Node ports'), open);
  });

  it('ExternalName: a CNAME, no port chain, and says that ports and selector are unused', () => {
    const files = { 'svc.yaml': service('  type: ExternalName\n  externalName: db.example.com.\n  selector: {app: db}\n  ports:\n    - port: 5432\n') };
    const md = workspace(files).hover('svc.yaml', 'web')!;
    assert.ok(md.includes('- `web.default.svc.cluster.local` (also `web`, `web.default`, `web.default.svc`) → CNAME `db.example.com`: DNS only, no cluster IP, no proxying'), md);
    assert.ok(md.includes('ℹ️ `ports` and `selector` are not used by an ExternalName Service.'), md);
    assert.ok(!md.includes('Port chain') && !md.includes('Backends'), md);
    assert.deepEqual(workspace(files).lenses('svc.yaml'), ['→ CNAME db.example.com']);
  });

  it('headless: the name resolves to the pods, clients use the pod port, no cluster IP', () => {
    const files = {
      'svc.yaml': service('  clusterIP: None\n  selector: {app: web}\n  ports:\n    - name: http\n      port: 80\n      targetPort: 8080\n', '  namespace: shop\n'),
      'app.yaml': deployment('web', 'app: web', '            - containerPort: 8080', '  namespace: shop\n'),
    };
    const md = workspace(files).hover('svc.yaml', 'web')!;
    assert.ok(md.startsWith('**Service `web`** · headless (`clusterIP: None`) · namespace `shop`'), md);
    assert.ok(md.includes('- `http://web.shop.svc.cluster.local:8080` (port `http`)'), md);
    assert.ok(md.includes('resolves to the pods’ IPs: no cluster IP, no proxying, clients connect to the pod’s port'), md);
    assert.ok(!md.includes('Cluster IP:') && !md.includes('Per pod'), md);
    assert.ok(md.includes('- SRV: `_http._tcp.web.shop.svc.cluster.local`'), md);
  });

  it('headless StatefulSet: per-pod names db-0.db.<ns>.svc.cluster.local, capped with the total', () => {
    const files = {
      'db.yaml': `apiVersion: v1
kind: Service
metadata:
  name: db
  namespace: data
spec:
  clusterIP: None
  selector:
    app: db
  ports:
    - name: postgres
      port: 5432
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  namespace: data
spec:
  serviceName: db
  replicas: 5
  template:
    metadata:
      labels:
        app: db
    spec:
      containers:
        - name: postgres
          ports:
            - name: postgres
              containerPort: 5432
`,
    };
    const ws = workspace(files);
    const md = ws.hover('db.yaml', 'db')!;
    assert.ok(
      md.includes('- Per pod (StatefulSet `db`): `db-0.db.data.svc.cluster.local`, `db-1.db.data.svc.cluster.local`, `db-2.db.data.svc.cluster.local`, … (5 pods)'),
      md,
    );
    assert.ok(md.includes('- `postgresql://db.data.svc.cluster.local:5432` (port `postgres`)'), md);
    assert.ok(md.includes('- `postgres`: port `5432` TCP (by default) → targetPort `5432` (= port, by default) → StatefulSet `db`: container `postgres` `5432/TCP`'), md);
    assert.deepEqual(ws.lenses('db.yaml'), ['headless → 5 pods in 1 workload · 1/1 port resolved']);
  });

  it('a StatefulSet scaled to zero has no per-pod names', () => {
    const files = {
      'db.yaml': `apiVersion: v1
kind: Service
metadata: {name: db}
spec:
  clusterIP: None
  selector: {app: db}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 0
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: pg}]}
`,
    };
    const ws = workspace(files);
    assert.ok(!ws.hover('db.yaml', 'name: db')!.includes('Per pod'));
    assert.deepEqual(ws.lenses('db.yaml'), ['headless → 0 pods in 1 workload · no ports']);
  });

  it('warns when a StatefulSet names the headless Service but is not selected by it', () => {
    const files = {
      'db.yaml': `apiVersion: v1
kind: Service
metadata: {name: db}
spec:
  clusterIP: None
  selector: {app: database}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: pg}]}
`,
    };
    const md = workspace(files).hover('db.yaml', 'name: db')!;
    assert.ok(md.includes('⚠️ StatefulSet `db` names this Service in `spec.serviceName`, but the selector does not select its pods: they get no per-pod DNS names.'), md);
    assert.ok(md.includes('⚠️ Selects nothing'), md);
  });
});

describe('port chain', () => {
  const svc = service(`  selector: {tier: web}
  ports:
    - name: http
      port: 80
      targetPort: web
    - name: metrics
      port: 9090
      targetPort: metrics
    - name: raw
      port: 7000
      targetPort: 7000
`);
  const a = deployment('alpha', 'tier: web', '            - {name: web, containerPort: 8080}\n            - {name: metrics, containerPort: 9090, protocol: UDP}');
  const b = deployment('beta', 'tier: web', '            - {name: web, containerPort: 8081}\n            - {name: metrics, containerPort: 9100}');
  const ws = workspace({ 'svc.yaml': svc, 'a.yaml': a, 'b.yaml': b });
  const md = ws.hover('svc.yaml', 'web')!;

  it('resolves a named targetPort per workload, by name and protocol', () => {
    assert.ok(md.includes('- `http`: `web.default.svc.cluster.local:80` TCP (by default) → targetPort `web` (a name, looked up in each pod)'), md);
    assert.ok(md.includes('  - Deployment `alpha`: container `app` port `web` = `8080/TCP`'), md);
    assert.ok(md.includes('  - Deployment `beta`: container `app` port `web` = `8081/TCP`'), md);
  });

  it('warns inline when a name does not resolve, naming the protocol mismatch, problems first', () => {
    const metrics = md.slice(md.indexOf('- `metrics`:'));
    const lines = metrics.split('\n');
    assert.equal(
      lines[1],
      '  - Deployment `alpha`: ⚠️ no container port named `metrics` with protocol TCP (`metrics` is UDP on container `app`): these pods get no traffic on this port',
    );
    assert.equal(lines[2], '  - Deployment `beta`: container `app` port `metrics` = `9100/TCP`');
  });

  it('says a numeric targetPort no container declares still receives traffic', () => {
    assert.ok(md.includes('- `raw`: `web.default.svc.cluster.local:7000` TCP (by default) → targetPort `7000`\n'), md);
    assert.ok(md.includes('  - Deployment `alpha`: `7000` — ℹ️ no container declares it; traffic is sent there anyway'), md);
  });

  it('counts resolved ports and pods in the lens', () => {
    assert.deepEqual(ws.lenses('svc.yaml'), ['→ 4 pods in 2 workloads · 2/3 ports resolved']);
  });

  it('caps long lists and groups workloads that land the same way', () => {
    const files: Record<string, string> = { 'svc.yaml': service('  selector: {tier: web}\n  ports:\n    - port: 80\n      targetPort: 8080\n') };
    for (let i = 0; i < 12; i++) files[`w${i}.yaml`] = deployment(`w${String(i).padStart(2, '0')}`, 'tier: web', '            - containerPort: 8080');
    const big = workspace(files);
    const text = big.hover('svc.yaml', 'web')!;
    assert.ok(text.includes('  - container `app` `8080/TCP` — in 12 workloads (Deployment `w00`, Deployment `w01`, …)'), text);
    assert.ok(text.includes('- … and 4 more workloads'), text);
    assert.deepEqual(big.lenses('svc.yaml'), ['→ 24 pods in 12 workloads · 1/1 port resolved']);
  });
});

describe('policies, selection problems and indexing', () => {
  it('lists the policies that change behaviour', () => {
    const files = {
      'svc.yaml': service(`  type: NodePort
  externalTrafficPolicy: Local
  internalTrafficPolicy: Local
  sessionAffinity: ClientIP
  sessionAffinityConfig: {clientIP: {timeoutSeconds: 600}}
  ports: [{port: 80}]
`),
    };
    const md = workspace(files).hover('svc.yaml', 'web')!;
    const policies = md.slice(md.indexOf('**Policies**'));
    assert.equal(
      policies,
      [
        '**Policies**',
        '- `externalTrafficPolicy: Local` — traffic from outside the cluster keeps the client IP and goes only to pods on the node that received it; nodes without a ready pod drop it',
        '- `internalTrafficPolicy: Local` — in-cluster clients reach only pods on their own node; with none there, the connection fails',
        '- `sessionAffinity: ClientIP` — connections from one client IP stick to the same pod for 600 s',
      ].join('\n'),
    );
  });

  it('selects nothing: warns, and points at matching pods in another namespace', () => {
    const files = {
      'svc.yaml': service('  selector: {app: web}\n  ports: [{port: 80}]\n'),
      'app.yaml': deployment('web', 'app: web', '            - containerPort: 80', '  namespace: other\n'),
    };
    const ws = workspace(files);
    const md = ws.hover('svc.yaml', 'web')!;
    assert.ok(
      md.includes(
        '⚠️ Selects nothing: no pod template in namespace `default` carries `app: web`, so the Service has no endpoints (pods with these labels exist in other namespaces: Deployment `web` in namespace `other`).',
      ),
      md,
    );
    assert.deepEqual(ws.lenses('svc.yaml'), ['selects nothing']);
  });

  it('while indexing, says backends are still being indexed instead of "selects nothing"', () => {
    const ws = workspace({ 'svc.yaml': service('  selector: {app: web}\n  ports: [{port: 80}]\n') });
    const md = ws.hover('svc.yaml', 'web', 0, { indexing: true })!;
    assert.ok(md.includes('⏳ The workspace is still being indexed: backends in other files may be missing.'), md);
    assert.ok(!md.includes('Selects nothing'), md);
    assert.deepEqual(ws.lenses('svc.yaml', { indexing: true }), ['backends still being indexed…']);
  });

  it('no selector: endpoints managed by hand, naming the EndpointSlice', () => {
    const files = {
      'svc.yaml': `${service('  ports: [{port: 5432}]\n')}---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: web-1
  labels: {kubernetes.io/service-name: web}
addressType: IPv4
endpoints: [{addresses: [10.1.2.3]}]
`,
    };
    const ws = workspace(files);
    const md = ws.hover('svc.yaml', 'web')!;
    assert.ok(md.includes('ℹ️ No selector: endpoints are managed by hand (EndpointSlice `web-1`).'), md);
    assert.ok(md.includes('**Backends** — no selector'), md);
    assert.deepEqual(ws.lenses('svc.yaml'), ['no selector · endpoints managed by hand (1 object)']);
  });

  it('lists Ingress rules that route to the Service, and a hover on the Ingress backend shows the Service', () => {
    const files = {
      'svc.yaml': service('  selector: {app: web}\n  ports: [{name: http, port: 80}]\n'),
      'ing.yaml': `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: front}
spec:
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web
                port: {name: http}
`,
    };
    const ws = workspace(files);
    assert.ok(ws.hover('svc.yaml', 'web')!.includes('- From Ingress `front` (`spec.rules[0].http.paths[0].backend.service`) → port 80'));
    assert.ok(ws.hover('ing.yaml', 'name: web')!.startsWith('**Service `web`** · ClusterIP'));
  });
});

describe('pod-side hover', () => {
  const files = {
    'file:///ws/svc.yaml': service('  selector: {app: web}\n  ports:\n    - {name: http, port: 80, targetPort: web}\n    - {name: admin, port: 9000}\n'),
    'file:///ws/app.yaml': `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    metadata:
      labels:
        app: web
        team: a
    spec:
      containers:
        - name: nginx
          ports:
            - name: web
              containerPort: 8080
            - name: debug
              containerPort: 6060
`,
  };
  const ws = workspace(files);

  it('on pod template labels: which Services send traffic here, on which ports', () => {
    const md = ws.hover('file:///ws/app.yaml', 'team')!;
    assert.equal(
      md,
      [
        '**Traffic to pods of Deployment `web`** · namespace `default` · pod labels `app: web` `team: a`',
        '',
        '- [Service `web`](file:///ws/svc.yaml#L4) `http` `80/TCP` → container `nginx` `web` = `8080/TCP` · `http://web.default.svc.cluster.local:80`',
        '- [Service `web`](file:///ws/svc.yaml#L4) `admin` `9000/TCP` → port `9000` (no container declares it) · `http://web.default.svc.cluster.local:9000`',
      ].join('\n'),
    );
  });

  it('on a container port: only the routes that land on it', () => {
    const md = ws.hover('file:///ws/app.yaml', 'containerPort: 8080')!;
    assert.ok(md.startsWith('**Traffic to container `nginx` port `8080/TCP` (`web`)** · namespace `default`'), md);
    assert.ok(md.includes('`http` `80/TCP` → container `nginx`'), md);
    assert.ok(!md.includes('admin'), md);
    const idle = ws.hover('file:///ws/app.yaml', 'containerPort: 6060')!;
    assert.ok(idle.includes('ℹ️ No Service port lands here; 1 Service selects these pods on other ports.'), idle);
  });

  it('works for a bare Pod and for a sidecar (restartable init container) port', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata:
  name: p
  labels: {app: web}
spec:
  initContainers:
    - name: proxy
      restartPolicy: Always
      ports: [{name: web, containerPort: 15001}]
  containers:
    - name: main
`;
    const ws2 = workspace({ 'svc.yaml': service('  selector: {app: web}\n  ports: [{port: 80, targetPort: web}]\n'), 'pod.yaml': pod });
    const labels = ws2.hover('pod.yaml', 'app: web')!;
    assert.ok(labels.startsWith('**Traffic to pods of Pod `p`**'), labels);
    const port = ws2.hover('pod.yaml', 'containerPort')!;
    assert.ok(port.includes('`80/TCP` → container `proxy` `web` = `15001/TCP`'), port);
    assert.ok(ws2.hover('svc.yaml', 'web')!.includes('→ Pod `p`: container `proxy` (sidecar) port `web` = `15001/TCP`'));
  });

  it('addresses a port as the Service hover does: appProtocol picks the scheme, a UDP port gets /UDP', () => {
    const ws3 = workspace({
      'svc.yaml': service('  selector: {app: api}\n  ports:\n    - {name: web, port: 8080, targetPort: 8080, appProtocol: https}\n    - {name: stats, port: 8125, protocol: UDP}\n'),
      'app.yaml': deployment('api', 'app: api', '            - containerPort: 8080\n            - {containerPort: 8125, protocol: UDP}'),
    });
    const serviceSide = ws3.hover('svc.yaml', 'web')!;
    const podSide = ws3.hover('app.yaml', 'containerPort: 8080')!;
    const https = '`https://web.default.svc.cluster.local:8080`';
    assert.ok(serviceSide.includes(https), serviceSide);
    assert.ok(podSide.includes(`→ container \`app\` \`8080/TCP\` · ${https}`), podSide);
    const udp = '`web.default.svc.cluster.local:8125/UDP`';
    assert.ok(serviceSide.includes(udp), serviceSide);
    assert.ok(ws3.hover('app.yaml', 'containerPort: 8125')!.endsWith(`· ${udp}`));
  });

  it('says so when no Service selects the pods; no hover elsewhere in a workload', () => {
    const lone = workspace({ 'app.yaml': deployment('solo', 'app: solo', '            - containerPort: 80') });
    assert.ok(lone.hover('app.yaml', 'app: solo')!.includes('ℹ️ No Service in namespace `default` selects these pods.'));
    assert.equal(lone.hover('app.yaml', 'replicas'), undefined);
  });
});

describe('field hover', () => {
  const files = {
    'svc.yaml': service(`  type: NodePort
  externalTrafficPolicy: Local
  selector: {app: web}
  ports:
    - port: 80
      targetPort: 8080
      nodePort: 30080
`),
    'app.yaml': deployment('web', 'app: web', '            - containerPort: 8080'),
  };
  const docs = (apiVersion: string, kind: string, path: readonly string[]) =>
    apiVersion === 'v1' && kind === 'Service' && path.join('.') === 'spec.type'
      ? {
          type: 'string',
          description:
            'type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer. "ClusterIP" allocates a cluster-internal IP address for load-balancing to endpoints. Endpoints are determined by the selector or if that is not specified, by manual construction of an Endpoints object or EndpointSlice objects. More info: https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types',
        }
      : undefined;

  it('shows the shortened OpenAPI description and what the value means here, then the preview', () => {
    const md = workspace(files, {}, docs).hover('svc.yaml', 'NodePort')!;
    const [field, preview] = md.split('\n\n---\n\n');
    assert.equal(
      field,
      '**`spec.type`** · string — type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer. "ClusterIP" allocates a cluster-internal IP address for load-balancing to endpoints. [More info](https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types)\n\n' +
        '**Here:** `NodePort`: reachable on every node at `<node-address>:30080` → 80, plus a cluster IP allocated from `10.96.0.0/12` inside the cluster',
    );
    assert.ok(preview!.startsWith('**Service `web`** · NodePort'), preview);
  });

  it('without documentation still explains the value; other fields get a one-line routing summary', () => {
    const ws = workspace(files);
    const etp = ws.hover('svc.yaml', 'externalTrafficPolicy')!;
    assert.equal(
      etp,
      '**`spec.externalTrafficPolicy`**\n\n**Here:** external traffic keeps the client’s source IP and is only delivered to pods on the node that received it; a node without a ready pod drops it\n\n---\n\n**Routing:** → 2 pods in 1 workload · 1/1 port resolved · hover the Service name for the full preview',
    );
    const nodePort = ws.hover('svc.yaml', '30080')!;
    assert.ok(nodePort.startsWith('**`spec.ports[0].nodePort`**\n\n**Here:** reachable at `<node-address>:30080` on every node, forwarded to port 80'), nodePort);
    const target = ws.hover('svc.yaml', 'targetPort')!;
    assert.ok(target.includes('**Here:** port `8080` on each pod → Deployment `web`: container `app` `8080/TCP`'), target);
  });

  it('a documentation lookup that throws costs the docs, not the hover', () => {
    const md = workspace(files, {}, () => {
      throw new Error('boom');
    }).hover('svc.yaml', 'NodePort')!;
    assert.ok(md.startsWith('**`spec.type`**\n\n**Here:** `NodePort`'), md);
  });

  it('shortens descriptions to the first sentences', () => {
    const s = shortenDescription('One. Two is longer than one. Three. More info: https://example.com/x.');
    assert.deepEqual(s, { text: 'One. Two is longer than one. Three.', moreInfo: 'https://example.com/x' });
    assert.ok(shortenDescription('x'.repeat(1000)).text.length <= 280);
  });
});

describe('finder and robustness', () => {
  it('finds the innermost object of a List and the preview for Show Routing', () => {
    const text = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Service
    metadata: {name: inner}
    spec: {ports: [{port: 80}]}
`;
    const ws = workspace({ 'list.yaml': text });
    assert.ok(ws.hover('list.yaml', 'inner')!.startsWith('**Service `inner`**'));
    assert.equal(ws.routing('list.yaml', 'inner')!.title, 'Routing of Service inner');
    assert.equal(ws.hover('list.yaml', 'items'), undefined);
  });

  it('positions outside any object, past the end, or in comments give no hover', () => {
    const text = `# just a comment\n---\n${SEED}`;
    const ws = workspace({ 'a.yaml': text });
    const c = ws.context('a.yaml');
    assert.equal(ws.hover('a.yaml', 'just'), undefined);
    assert.deepEqual(positionOf(text, 'just'), { line: 0, character: 2 });
    assert.equal(hoverAt(c, { line: 9999, character: 0 }), undefined);
    assert.equal(hoverAt(c, { line: -1, character: 0 }), undefined);
  });

  it('never throws on hostile shapes', () => {
    const text = service(`  type: [NodePort]
  selector: [app, web]
  clusterIP: {a: 1}
  externalIPs: 7
  ports:
    - port: "eighty"
      targetPort: {x: 1}
      nodePort: -1
      protocol: 5
    - 12
    - name: ~
`);
    const ws = workspace({ 's.yaml': text, 'd.yaml': deployment('d', 'app: web', '            - containerPort: "x"\n            - 5') });
    for (const needle of ['web', 'eighty', 'NodePort', 'targetPort', 'nodePort', '12', 'protocol', 'clusterIP']) assert.ok(ws.hover('s.yaml', needle), needle);
    assert.equal(ws.lenses('s.yaml').length, 1);
    assert.ok(ws.hover('d.yaml', 'containerPort'));
  });
});
