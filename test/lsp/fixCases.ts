// The quick-fix table: one entry per fix = fixture files, the rule whose diagnostic it repairs,
// the action's title, and the files after the fix. `fixes.test.ts` applies each through the
// language server and checks that the diagnostic is gone and every other byte is unchanged.
// Titles may be patterns, so that the wording of a fix may change without breaking its test.

export interface FixCase {
  name: string;
  /** The rule whose diagnostic the fix repairs. */
  rule: string;
  /** Relative file name → text; the first file holds the diagnostic unless `file` names another. */
  files: Record<string, string>;
  file?: string;
  /** The text the diagnostic covers, when the file has several of that rule. */
  at?: string;
  title: string | RegExp;
  /** Expected texts of the files the fix changes; every other file must stay byte-identical. */
  after: Record<string, string>;
  /** Whether the action must (or must not) be the preferred one. */
  preferred?: boolean;
  /** Diagnostics of `rule` left in the file afterwards (default 0). */
  remaining?: number;
}

/** `text` with each `from` (which must occur exactly once) replaced by its `to`. */
export function swap(text: string, ...pairs: Array<[string, string]>): string {
  let out = text;
  for (const [from, to] of pairs) {
    const first = out.indexOf(from);
    if (first < 0 || out.indexOf(from, first + 1) >= 0) throw new Error(`fixture: ${JSON.stringify(from)} must occur exactly once`);
    out = out.slice(0, first) + to + out.slice(first + from.length);
  }
  return out;
}

// Comments, odd spacing and flow maps are there on purpose: a fix must leave them alone.
const SERVICE = `# Front end of the shop
apiVersion: v1
kind: Service
metadata:
  name: web   # public name
  labels: {app: web, tier: "front"}
spec:
  type: Nodeport    # reachable on every node
  selector:
    app: web
  ports:
    # the only port
    - name: http
      port: 80
      targetPort: 8080
      protocol: TCP
`;

const TWO_BAD_PROTOCOLS = `apiVersion: v1
kind: Service
metadata: {name: dns}
spec:
  ports:
  - name: dns-udp
    port: 53
    protocol: udp   # lower case
  - name: dns-tcp
    port: 53
    protocol: tcp
`;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels:
        app: web
        pod-template-hash: abc123
    spec:
      containers:
        - name: web
          image: nginx
          ports:
            - name: http
              containerPort: 8080
            - containerPort: 9090   # metrics, unnamed
`;

const CLUSTER_IP_SERVICE = (spec: string) => `apiVersion: v1
kind: Service
metadata:
  name: api   # internal
spec:
${spec}  selector:
    app: web
  ports:
    - name: http
      port: 80
`;

const DEPLOY_UNNAMED_8080 = swap(DEPLOYMENT, ['            - name: http\n              containerPort: 8080\n', '            - containerPort: 8080\n']);

const TWO_PORTS = (a: string, b: string) => `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports:
    - ${a}
      port: 80
    - ${b}
      port: 443
`;

const STATEFULSET = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
        - name: db
          image: postgres
          ports:
            - {name: pg, containerPort: 5432}
`;

const DB_SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  selector:
    app: db
  ports:
    - name: pg
      port: 5432
`;

const INGRESS = (port: string) => `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
spec:
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: web
                port:
                  ${port}
`;

const HTTPROUTE = (port: string) => `apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: web
spec:
  rules:
    - backendRefs:
        - name: web
          port: ${port}
`;

const WEB_SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - name: http
      port: 80
      targetPort: http
`;

export const FIX_CASES: FixCase[] = [
  {
    name: 'enum casing: type Nodeport → NodePort',
    rule: 'service-type',
    files: { 'svc.yaml': SERVICE },
    title: /^Change (type )?to NodePort$/,
    preferred: true,
    after: { 'svc.yaml': swap(SERVICE, ['type: Nodeport', 'type: NodePort']) },
  },
  {
    name: 'enum casing: protocol udp → UDP',
    rule: 'service-protocol',
    files: { 'svc.yaml': swap(SERVICE, ['type: Nodeport', 'type: NodePort'], ['protocol: TCP', 'protocol: udp']) },
    title: /^Change (protocol )?to UDP$/,
    preferred: true,
    after: { 'svc.yaml': swap(SERVICE, ['type: Nodeport', 'type: NodePort'], ['protocol: TCP', 'protocol: UDP']) },
  },
  {
    name: 'a quoted number as port → the number',
    rule: 'service-port-range',
    files: { 'svc.yaml': swap(SERVICE, ['type: Nodeport', 'type: NodePort'], ['port: 80', "port: '80'"]) },
    title: 'Change to the number 80',
    preferred: true,
    after: { 'svc.yaml': swap(SERVICE, ['type: Nodeport', 'type: NodePort']) },
  },
  {
    name: 'fix all of one rule in the file',
    rule: 'service-protocol',
    files: { 'svc.yaml': TWO_BAD_PROTOCOLS },
    at: 'udp',
    title: 'Fix all service-protocol problems in this file (2)',
    after: { 'svc.yaml': swap(TWO_BAD_PROTOCOLS, ['protocol: udp', 'protocol: UDP'], ['protocol: tcp', 'protocol: TCP']) },
  },
  {
    name: 'a fix in the second document of a file leaves the first alone',
    rule: 'service-type',
    files: { 'svc.yaml': `${DEPLOYMENT}---\n${SERVICE}` },
    title: /^Change (type )?to NodePort$/,
    after: { 'svc.yaml': `${DEPLOYMENT}---\n${swap(SERVICE, ['type: Nodeport', 'type: NodePort'])}` },
  },
  {
    name: 'CRLF line breaks are kept',
    rule: 'service-type',
    files: { 'svc.yaml': SERVICE.replace(/\n/g, '\r\n') },
    title: 'Disable service-type for this line',
    after: { 'svc.yaml': swap(SERVICE, ['  type: Nodeport', '  # kube-service-lens-disable-next-line service-type\n  type: Nodeport']).replace(/\n/g, '\r\n') },
  },
  {
    name: 'suppression: disable the rule for this line, at the line’s indentation',
    rule: 'service-protocol',
    files: { 'svc.yaml': TWO_BAD_PROTOCOLS },
    at: 'udp',
    title: 'Disable service-protocol for this line',
    remaining: 1,
    after: { 'svc.yaml': swap(TWO_BAD_PROTOCOLS, ['    protocol: udp', '    # kube-service-lens-disable-next-line service-protocol\n    protocol: udp']) },
  },
  {
    name: 'suppression: an existing marker above the line gets the rule added before its reason',
    rule: 'service-type',
    files: { 'svc.yaml': swap(SERVICE, ['  type: Nodeport', '  # kube-service-lens-disable-next-line service-port-range -- migrating\n  type: Nodeport']) },
    title: 'Disable service-type for this line',
    after: {
      'svc.yaml': swap(SERVICE, ['  type: Nodeport', '  # kube-service-lens-disable-next-line service-port-range, service-type -- migrating\n  type: Nodeport']),
    },
  },
  {
    name: 'suppression: disable the rule for the whole file',
    rule: 'service-protocol',
    files: { 'svc.yaml': TWO_BAD_PROTOCOLS },
    at: 'udp',
    title: 'Disable service-protocol for this file',
    after: { 'svc.yaml': `# kube-service-lens-disable service-protocol\n${TWO_BAD_PROTOCOLS}` },
  },
  {
    name: 'suppression: an existing file-level marker gets the rule added',
    rule: 'service-type',
    files: { 'svc.yaml': `# kube-service-lens-disable service-protocol\n${SERVICE}` },
    title: 'Disable service-type for this file',
    after: { 'svc.yaml': `# kube-service-lens-disable service-protocol, service-type\n${SERVICE}` },
  },
  {
    name: 'enum casing: sessionAffinity ClientIp → ClientIP',
    rule: 'service-session-affinity',
    files: { 'svc.yaml': CLUSTER_IP_SERVICE('  sessionAffinity: ClientIp\n') },
    title: /ClientIP/,
    preferred: true,
    after: { 'svc.yaml': CLUSTER_IP_SERVICE('  sessionAffinity: ClientIP\n') },
  },
  {
    name: 'enum casing: externalTrafficPolicy local → Local',
    rule: 'service-traffic-policy',
    files: { 'svc.yaml': CLUSTER_IP_SERVICE('  type: LoadBalancer\n  externalTrafficPolicy: local\n') },
    title: /Local/,
    preferred: true,
    after: { 'svc.yaml': CLUSTER_IP_SERVICE('  type: LoadBalancer\n  externalTrafficPolicy: Local\n') },
  },
  {
    name: 'a quoted numeric targetPort → the number',
    rule: 'service-target-port',
    files: { 'svc.yaml': swap(WEB_SERVICE, ['targetPort: http', 'targetPort: "8080"']) },
    title: /8080/,
    preferred: true,
    after: { 'svc.yaml': swap(WEB_SERVICE, ['targetPort: http', 'targetPort: 8080']) },
  },
  {
    name: 'a selector that matches nothing → the nearest matching labels',
    rule: 'selector-matches-nothing',
    files: { 'svc.yaml': swap(WEB_SERVICE, ['app: web', 'app: webb']), 'deploy.yaml': DEPLOYMENT },
    title: /app: web|web/,
    preferred: true,
    after: { 'svc.yaml': WEB_SERVICE },
  },
  {
    name: 'a missing named targetPort → a named port the selected pods have',
    rule: 'named-target-port-missing',
    files: { 'svc.yaml': swap(WEB_SERVICE, ['targetPort: http', 'targetPort: htp']), 'deploy.yaml': DEPLOYMENT },
    title: /"?http"?/,
    after: { 'svc.yaml': WEB_SERVICE },
  },
  {
    name: 'a missing named targetPort → name the container port that listens on the number',
    rule: 'named-target-port-missing',
    files: { 'svc.yaml': swap(WEB_SERVICE, ['port: 80', 'port: 8080']), 'deploy.yaml': DEPLOY_UNNAMED_8080 },
    title: /name|8080/,
    after: { 'deploy.yaml': swap(DEPLOY_UNNAMED_8080, ['            - containerPort: 8080\n', '            - name: http\n              containerPort: 8080\n']) },
  },
  {
    name: 'unnamed ports of a multi-port Service → names from the port',
    rule: 'service-port-name',
    files: { 'svc.yaml': TWO_PORTS('name: http', 'protocol: TCP') },
    title: /https/,
    after: { 'svc.yaml': TWO_PORTS('name: http', 'name: https\n      protocol: TCP') },
  },
  {
    name: 'duplicate port names → unique names',
    rule: 'service-port-name',
    files: { 'svc.yaml': TWO_PORTS('name: web', 'name: web') },
    title: /https|unique|rename/i,
    after: { 'svc.yaml': TWO_PORTS('name: web', 'name: https') },
  },
  {
    name: 'nodePort on a ClusterIP Service → remove it',
    rule: 'service-node-port',
    files: { 'svc.yaml': swap(CLUSTER_IP_SERVICE('  type: ClusterIP\n'), ['      port: 80\n', '      port: 80\n      nodePort: 30080\n']) },
    title: /[Rr]emove/,
    after: { 'svc.yaml': CLUSTER_IP_SERVICE('  type: ClusterIP\n') },
  },
  {
    name: 'nodePort on a ClusterIP Service → change the type to NodePort',
    rule: 'service-node-port',
    files: { 'svc.yaml': swap(CLUSTER_IP_SERVICE('  type: ClusterIP\n'), ['      port: 80\n', '      port: 80\n      nodePort: 30080\n']) },
    title: /NodePort/,
    after: { 'svc.yaml': swap(CLUSTER_IP_SERVICE('  type: NodePort\n'), ['      port: 80\n', '      port: 80\n      nodePort: 30080\n']) },
  },
  {
    name: 'nodePort outside the range → remove it so the allocator chooses',
    rule: 'service-node-port-range',
    files: { 'svc.yaml': swap(CLUSTER_IP_SERVICE('  type: NodePort\n'), ['      port: 80\n', '      port: 80\n      nodePort: 29999\n']) },
    title: /[Rr]emove/,
    preferred: true,
    after: { 'svc.yaml': CLUSTER_IP_SERVICE('  type: NodePort\n') },
  },
  {
    name: 'clusterIP outside the service CIDRs → remove it',
    rule: 'service-cluster-ip-range',
    files: { 'svc.yaml': CLUSTER_IP_SERVICE('  clusterIP: 192.168.0.10\n') },
    title: /[Rr]emove/,
    after: { 'svc.yaml': CLUSTER_IP_SERVICE('') },
  },
  {
    name: 'clusterIPs[0] ≠ clusterIP → make them agree',
    rule: 'service-cluster-ip',
    files: { 'svc.yaml': CLUSTER_IP_SERVICE('  clusterIP: 10.96.0.10\n  clusterIPs: [10.96.0.11]\n') },
    title: /10\.96\.0\.10/,
    after: { 'svc.yaml': CLUSTER_IP_SERVICE('  clusterIP: 10.96.0.10\n  clusterIPs: [10.96.0.10]\n') },
  },
  {
    name: 'headless NodePort → drop clusterIP: None',
    rule: 'service-cluster-ip',
    files: { 'svc.yaml': CLUSTER_IP_SERVICE('  type: NodePort\n  clusterIP: None\n') },
    title: /clusterIP/,
    after: { 'svc.yaml': CLUSTER_IP_SERVICE('  type: NodePort\n') },
  },
  {
    name: 'headless NodePort → change the type to ClusterIP',
    rule: 'service-cluster-ip',
    files: { 'svc.yaml': CLUSTER_IP_SERVICE('  type: NodePort\n  clusterIP: None\n') },
    title: /ClusterIP/,
    after: { 'svc.yaml': CLUSTER_IP_SERVICE('  type: ClusterIP\n  clusterIP: None\n') },
  },
  {
    name: 'a StatefulSet’s governing Service that is not headless → add clusterIP: None',
    rule: 'statefulset-governing-service',
    files: { 'sts.yaml': STATEFULSET, 'svc.yaml': DB_SERVICE },
    title: /clusterIP: None/,
    after: { 'svc.yaml': swap(DB_SERVICE, ['spec:\n', 'spec:\n  clusterIP: None\n']) },
  },
  {
    name: 'an Ingress backend port the Service lacks → a port it has',
    rule: 'backend-port-missing',
    files: { 'ingress.yaml': INGRESS('number: 8080'), 'svc.yaml': WEB_SERVICE },
    title: /80/,
    after: { 'ingress.yaml': INGRESS('number: 80') },
  },
  {
    name: 'an HTTPRoute backend port the Service lacks → a port it has',
    rule: 'backend-port-missing',
    files: { 'route.yaml': HTTPROUTE('8080'), 'svc.yaml': WEB_SERVICE },
    title: /80/,
    after: { 'route.yaml': HTTPROUTE('80') },
  },
];
