// The URL scheme a client would use for a Service port. appProtocol is the API's own field for it
// (standard names or `kubernetes.io/h2c|ws|wss`); port names follow the common `<proto>[-suffix]`
// convention (Istio, Linkerd); a well-known port number is a weaker hint; plain TCP falls back to
// http, the common case. UDP and SCTP get no scheme.
import type { SchemeSource } from './model';

const BY_PROTOCOL_NAME: Record<string, string | null> = {
  http: 'http',
  http2: 'http',
  h2c: 'http',
  'grpc-web': 'http',
  web: 'http',
  metrics: 'http',
  https: 'https',
  h2: 'https',
  grpc: 'grpc',
  ws: 'ws',
  wss: 'wss',
  postgres: 'postgresql',
  postgresql: 'postgresql',
  mysql: 'mysql',
  redis: 'redis',
  mongo: 'mongodb',
  mongodb: 'mongodb',
  amqp: 'amqp',
  amqps: 'amqps',
  // Known to be something other than a URL-addressed protocol: no scheme.
  tcp: null,
  udp: null,
  tls: null,
  dns: null,
  'dns-tcp': null,
  ssh: null,
  kafka: null,
  zookeeper: null,
};

const BY_PORT: Record<number, string> = {
  443: 'https',
  8443: 'https',
  5432: 'postgresql',
  3306: 'mysql',
  6379: 'redis',
  27017: 'mongodb',
  5672: 'amqp',
};

const NO_SCHEME_PORTS = new Set([22, 53, 2181, 9092]);

function lookup(value: string): string | null | undefined {
  const v = value.toLowerCase().replace(/^kubernetes\.io\//, '');
  if (v in BY_PROTOCOL_NAME) return BY_PROTOCOL_NAME[v];
  const head = v.split(/[-_.]/)[0] ?? v;
  return head in BY_PROTOCOL_NAME ? BY_PROTOCOL_NAME[head] : undefined;
}

export function schemeFor(p: {
  protocol: string;
  name?: string;
  appProtocol?: string;
  port?: number;
}): { scheme: string; source: SchemeSource } | undefined {
  if (p.protocol !== 'TCP') return undefined;
  for (const [value, source] of [
    [p.appProtocol, 'appProtocol'],
    [p.name, 'name'],
  ] as const) {
    if (!value) continue;
    const s = lookup(value);
    if (s === null) return undefined;
    if (s) return { scheme: s, source };
  }
  if (p.port !== undefined) {
    if (NO_SCHEME_PORTS.has(p.port)) return undefined;
    const s = BY_PORT[p.port];
    if (s) return { scheme: s, source: 'well-known port' };
  }
  return { scheme: 'http', source: 'default' };
}
