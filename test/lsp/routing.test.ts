// Hover, code lenses and the routing request through the built server: the seed example from a
// workspace folder, every Service type, the pod side and field hovers on open documents.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeLens, Hover, MarkupContent } from 'vscode-languageserver-protocol';
import { fileUri, TestClient } from '../support/lspClient';
import { repoPath } from '../support/repo';
import { positionOf } from '../support/routing';

const SEED = fs.readFileSync(repoPath('examples', 'service-backend.yaml'), 'utf8');
const pkg = JSON.parse(fs.readFileSync(repoPath('package.json'), 'utf8'));

async function hover(client: TestClient, uri: string, text: string, needle: string, occurrence = 0): Promise<string> {
  const h = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, needle, occurrence) });
  assert.ok(h, `no hover at "${needle}"`);
  return (h.contents as MarkupContent).value;
}

describe('routing over LSP: the seed in a workspace folder', () => {
  let client: TestClient;
  let dir: string;
  let seedUri: string;
  let appUri: string;
  const APP = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: other-backend
spec:
  template:
    metadata:
      labels:
        run: deployment-backend
        track: canary
    spec:
      containers:
        - name: backend
          ports:
            - containerPort: 333
`;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ksl-routing-'));
    fs.writeFileSync(path.join(dir, 'service-backend.yaml'), SEED);
    seedUri = fileUri(path.join(dir, 'service-backend.yaml'));
    appUri = fileUri(path.join(dir, 'canary.yaml'));
    fs.writeFileSync(path.join(dir, 'canary.yaml'), APP);
    client = await TestClient.start({ workspace: dir, codeLensRefresh: true });
    await client.waitFor('indexing', () => client.logs.some((l) => /^indexed \d+ manifests/.test(l)));
  });
  after(async () => {
    await client.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('hover on the seed Service shows the URL, the chain 4000 → 333 on container backend, and links to both Deployments', async () => {
    client.open(seedUri, SEED);
    await client.waitForDiagnostics(seedUri);
    const md = await hover(client, seedUri, SEED, 'name: service-backend');
    assert.ok(md.includes('- `http://service-backend.default.svc.cluster.local:4000`'), md);
    assert.ok(md.includes('- `service-backend.default.svc.cluster.local:4000` TCP → targetPort `333`'), md);
    assert.ok(md.includes('  - Deployment `deployment-backend`: container `backend` `333/TCP`'), md);
    assert.ok(md.includes(`- [Deployment \`deployment-backend\`](${seedUri}#L20) · 2 replicas · \`service-backend.yaml:20\``), md);
    assert.ok(md.includes(`- [Deployment \`other-backend\`](${appUri}#L4) · 1 replica · \`canary.yaml:4\``), md);
    assert.ok(md.includes('**Backends** — selector `run: deployment-backend` → 3 pods in 2 workloads'), md);
  });

  it('the hover range is the node under the cursor', async () => {
    const h = await client.request<Hover>('textDocument/hover', { textDocument: { uri: seedUri }, position: positionOf(SEED, '4000', 1, 1) });
    const at = positionOf(SEED, '4000', 1);
    assert.deepEqual(h.range, { start: at, end: { line: at.line, character: at.character + 4 } });
  });

  it('code lens above the Service: counts pods and workloads, runs Show Routing', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: seedUri } });
    assert.equal(lenses.length, 1);
    const lens = lenses[0]!;
    assert.equal(lens.command?.title, '→ 3 pods in 2 workloads · 1/1 port resolved');
    assert.equal(lens.command?.command, 'kubeServiceLens.showRouting');
    assert.ok(pkg.contributes.commands.some((c: { command: string; category: string }) => c.command === lens.command?.command && c.category === 'Kubernetes Service Lens'));
    assert.equal(lens.range.start.line, SEED.split('\n').findIndex((l) => l.startsWith('apiVersion: v1')));
    assert.deepEqual(lens.command?.arguments?.[0], seedUri);
  });

  it('the routing request returns the same preview for the Service under the cursor, null elsewhere', async () => {
    const result = await client.request<{ title: string; markdown: string } | null>('kubeServiceLens/routing', { uri: seedUri, position: positionOf(SEED, 'selector') });
    assert.equal(result?.title, 'Routing of Service service-backend');
    assert.equal(result?.markdown, await hover(client, seedUri, SEED, 'name: service-backend'));
    assert.equal(await client.request('kubeServiceLens/routing', { uri: seedUri, position: { line: 0, character: 3 } }), null);
    assert.equal(await client.request('kubeServiceLens/routing', { uri: 'file:///not/open.yaml', position: { line: 0, character: 0 } }), null);
  });

  it('an edit that changes no other file sends no lens refresh (the editor asks again for the lenses of the edited file itself)', async () => {
    const svcUri = 'file:///virtual/lonely-svc.yaml';
    const podUri = 'file:///virtual/lonely-pod.yaml';
    const svc = 'apiVersion: v1\nkind: Service\nmetadata: {name: lonely, namespace: nowhere}\nspec:\n  selector: {app: lonely}\n  ports: [{port: 80}]\n';
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: nowhere, labels: {app: other}}\nspec:\n  containers: [{name: c, image: x}]\n';
    client.open(svcUri, svc);
    await client.waitForDiagnostics(svcUri);
    await new Promise((r) => setTimeout(r, 200)); // refreshes from earlier tests have arrived
    const before = client.codeLensRefreshes;
    // An edit of the Service alone, then one of a pod it comes to select: validations run in
    // order, so a refresh for the first would arrive before the one the second must cause.
    client.change(svcUri, svc.replace('port: 80', 'port: 81'));
    await client.waitForDiagnostics(svcUri);
    client.open(podUri, pod.replace('app: other', 'app: lonely'));
    await client.waitFor('the refresh the pod causes', () => client.codeLensRefreshes > before);
    await client.waitForDiagnostics(podUri);
    assert.equal(client.codeLensRefreshes, before + 1);
    client.close(podUri);
    client.close(svcUri);
  });

  it('an edit in another file asks the client to refresh lenses, which then count the new state', async () => {
    const expected = '→ 2 pods in 1 workload · 1/1 port resolved';
    client.open(appUri, APP);
    client.change(appUri, APP.replace('run: deployment-backend', 'run: something-else'));
    // Each refresh request is the client's cue to ask again; one of them must bring the new count.
    let title: string | undefined;
    for (let seen = client.codeLensRefreshes; title !== expected; seen = client.codeLensRefreshes) {
      await client.waitFor('a code lens refresh', () => client.codeLensRefreshes > seen);
      title = (await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: seedUri } }))[0]?.command?.title;
    }
    assert.equal(title, expected);
    const md = await hover(client, appUri, APP, 'track');
    assert.ok(md.includes('ℹ️ No Service in namespace `default` selects these pods.'), md);
  });
});

describe('routing over LSP: Service types, ports, policies, pod side, fields', () => {
  let client: TestClient;
  const uri = 'file:///virtual/routing.yaml';
  const TEXT = `apiVersion: v1
kind: Service
metadata:
  name: plain
spec:
  selector: {app: web}
  ports:
    - name: http
      port: 80
      targetPort: web
    - name: grpc
      port: 9000
      targetPort: rpc
---
apiVersion: v1
kind: Service
metadata:
  name: nodes
spec:
  type: NodePort
  externalTrafficPolicy: Local
  selector: {app: web}
  ports:
    - port: 80
      targetPort: 8080
      nodePort: 30080
    - port: 81
---
apiVersion: v1
kind: Service
metadata:
  name: balancer
spec:
  type: LoadBalancer
  sessionAffinity: ClientIP
  loadBalancerSourceRanges: [203.0.113.0/24]
  selector: {app: web}
  ports:
    - port: 443
      targetPort: 8443
---
apiVersion: v1
kind: Service
metadata:
  name: ext
spec:
  type: ExternalName
  externalName: api.example.com
---
apiVersion: v1
kind: Service
metadata:
  name: peers
spec:
  clusterIP: None
  selector: {app: web}
  ports:
    - port: 7946
---
apiVersion: v1
kind: Service
metadata:
  name: db
  namespace: data
spec:
  clusterIP: None
  selector: {app: db}
  ports:
    - port: 5432
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
  namespace: data
spec:
  serviceName: db
  replicas: 2
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
        - name: pg
          ports: [{containerPort: 5432}]
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: server
          ports:
            - name: web
              containerPort: 8080
            - name: rpc
              containerPort: 9000
              protocol: UDP
`;

  before(async () => {
    client = await TestClient.start({ settings: { nodeAddresses: ['192.0.2.1'] } });
    client.open(uri, TEXT);
    await client.waitForDiagnostics(uri);
  });
  after(async () => client.stop());

  it('ClusterIP with a named targetPort that resolves, and one that does not (protocol mismatch)', async () => {
    const md = await hover(client, uri, TEXT, 'plain');
    assert.ok(md.includes('- `http`: `plain.default.svc.cluster.local:80` TCP (by default) → targetPort `web` (a name, looked up in each pod) → Deployment `web`: container `server` port `web` = `8080/TCP`'), md);
    assert.ok(md.includes('⚠️ no container port named `rpc` with protocol TCP (`rpc` is UDP on container `server`): these pods get no traffic on this port'), md);
    assert.ok(md.includes('- `grpc://plain.default.svc.cluster.local:9000` (port `grpc`)'), md);
  });

  it('NodePort with and without nodePort, with the configured node address, and the Local policy', async () => {
    const md = await hover(client, uri, TEXT, 'nodes');
    assert.ok(md.includes('- Node ports, on every node: `192.0.2.1:30080` → 80, `192.0.2.1:<nodePort>` → 81 (nodePort allocated from 30000-32767)'), md);
    assert.ok(md.includes('- `externalTrafficPolicy: Local` — traffic from outside the cluster keeps the client IP'), md);
  });

  it('LoadBalancer with source ranges and session affinity', async () => {
    const md = await hover(client, uri, TEXT, 'balancer');
    assert.ok(md.includes('- Load balancer: an external address from the cloud provider, ports 443; allowed from `203.0.113.0/24`'), md);
    assert.ok(md.includes('- `sessionAffinity: ClientIP` — connections from one client IP stick to the same pod for 10800 s (default)'), md);
    assert.ok(md.includes('→ Deployment `web`: `8443` — ℹ️ no container declares it; traffic is sent there anyway'), md);
  });

  it('ExternalName: a CNAME and nothing else', async () => {
    const md = await hover(client, uri, TEXT, 'name: ext');
    assert.ok(md.includes('- `ext.default.svc.cluster.local` (also `ext`, `ext.default`, `ext.default.svc`) → CNAME `api.example.com`'), md);
    assert.ok(!md.includes('Backends'), md);
  });

  it('headless over a Deployment, and headless over a StatefulSet with per-pod names', async () => {
    const peers = await hover(client, uri, TEXT, 'peers');
    assert.ok(peers.includes('- DNS: `peers.default.svc.cluster.local` (also `peers` in the namespace, `peers.default`, `peers.default.svc`) resolves to the pods’ IPs'), peers);
    assert.ok(!peers.includes('Per pod'), peers);
    const db = await hover(client, uri, TEXT, 'name: db');
    assert.ok(db.includes('- Per pod (StatefulSet `db`): `db-0.db.data.svc.cluster.local`, `db-1.db.data.svc.cluster.local`'), db);
  });

  it('pod side: labels and a container port say which Services send traffic here', async () => {
    const labels = await hover(client, uri, TEXT, 'app: web', 4);
    assert.ok(labels.startsWith('**Traffic to pods of Deployment `web`** · namespace `default` · pod labels `app: web`'), labels);
    for (const s of ['plain', 'nodes', 'balancer', 'peers']) assert.ok(labels.includes(`[Service \`${s}\`](${uri}#L`), `${s} in ${labels}`);
    const port = await hover(client, uri, TEXT, 'containerPort: 8080');
    assert.ok(port.startsWith('**Traffic to container `server` port `8080/TCP` (`web`)**'), port);
    assert.ok(port.includes('`http` `80/TCP` → container `server` `web` = `8080/TCP` · `http://plain.default.svc.cluster.local:80`'), port);
    assert.ok(port.includes('`80/TCP` → container `server` `8080/TCP` · `http://nodes.default.svc.cluster.local:80`'), port);
    assert.ok(!port.includes('balancer'), port);
  });

  it('field hover: what the value means here, then the preview or a summary', async () => {
    const type = await hover(client, uri, TEXT, 'LoadBalancer');
    // The field's documentation comes from the Kubernetes OpenAPI descriptions (schemas/).
    assert.ok(type.startsWith('**`spec.type`** · string — type determines how the Service is exposed. Defaults to ClusterIP.'), type);
    assert.ok(type.includes('\n\n**Here:** `LoadBalancer`: the cloud provider (or the default load-balancer controller) provisions an external load balancer'), type);
    assert.ok(type.includes('---\n\n**Service `balancer`**'), type);
    const etp = await hover(client, uri, TEXT, 'externalTrafficPolicy');
    assert.ok(etp.endsWith('**Routing:** → 3 pods in 1 workload · 2/2 ports resolved · hover the Service name for the full preview'), etp);
  });

  it('code lenses for every Service of the document', async () => {
    const lenses = await client.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    assert.deepEqual(
      lenses.map((l) => l.command?.title),
      [
        '→ 3 pods in 1 workload · 1/2 ports resolved',
        '→ 3 pods in 1 workload · 2/2 ports resolved',
        '→ 3 pods in 1 workload · 1/1 port resolved',
        '→ CNAME api.example.com',
        'headless → 3 pods in 1 workload · 1/1 port resolved',
        'headless → 2 pods in 1 workload · 1/1 port resolved',
      ],
    );
  });
});
