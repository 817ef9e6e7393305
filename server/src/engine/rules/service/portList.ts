// Checks across the port list (k8s-service-validation.md S-PORT-1..4, S-PORT-11): names required
// when there are several ports, names valid and unique, no (port, protocol) pair twice.
import { YAMLMap } from 'yaml';
import { fix, insertPair, ownPair, setValue } from '../../fixes';
import { all, duplicate, invalid, q, required } from '../../k8s/apiErrors';
import { dns1123LabelErrors, isDNS1123Label } from '../../k8s/names';
import type { ServicePortView } from '../../resources';
import type { Fix, TextEdit } from '../../types';
import type { ObjectRule } from '../rule';
import { isInt32, yamlString } from '../helpers';
import { isUnset, portMap, serviceContext, ServiceContext, textOf, typeError } from './common';
import { toDnsLabel } from './metadata';

const WELL_KNOWN: Record<number, string> = {
  22: 'ssh',
  25: 'smtp',
  53: 'dns',
  80: 'http',
  443: 'https',
  2181: 'zookeeper',
  3306: 'mysql',
  5432: 'postgres',
  5672: 'amqp',
  6379: 'redis',
  8000: 'http',
  8080: 'http',
  8443: 'https',
  9042: 'cql',
  9092: 'kafka',
  11211: 'memcached',
  27017: 'mongodb',
  50051: 'grpc',
};

/** Name candidates for a port, best first: its appProtocol, its named targetPort, a well-known name. */
function nameCandidates(p: ServicePortView): string[] {
  const out: string[] = [];
  const app = p.appProtocol?.value;
  if (typeof app === 'string') out.push(app.split('/').pop()!.toLowerCase());
  const target = p.targetPort?.value;
  if (typeof target === 'string') out.push(target);
  const port = p.port?.value;
  if (isInt32(port) && WELL_KNOWN[port]) out.push(WELL_KNOWN[port]!);
  return out.filter(isDNS1123Label);
}

/** A name for `p` not in `taken`, e.g. `http`, `dns-udp`, `http-8080` or `port-8080`. */
export function deriveName(p: ServicePortView, taken: ReadonlySet<string>): string {
  const port = p.port?.value;
  const num = isInt32(port) ? String(port) : String(p.index);
  // A protocol suffix only tells ports apart when it is not the default TCP (dns / dns-udp).
  const suffix = p.protocol === 'TCP' ? [] : [p.protocol.toLowerCase()];
  const tries: string[] = [];
  for (const c of nameCandidates(p)) tries.push(c, ...suffix.map((x) => `${c}-${x}`), `${c}-${num}`);
  tries.push(`port-${num}`, ...suffix.map((x) => `port-${num}-${x}`));
  for (const t of tries) if (t.length <= 63 && !taken.has(t)) return t;
  for (let i = 2; ; i++) if (!taken.has(`port-${num}-${i}`)) return `port-${num}-${i}`;
}

function nameEdit(s: ServiceContext, p: ServicePortView, name: string): TextEdit | undefined {
  const map: YAMLMap | undefined = portMap(s, p.index);
  if (!map) return undefined;
  return ownPair(map, 'name') ? setValue(s.src, map, 'name', yamlString(name)) : insertPair(s.src, map, 'name', yamlString(name), { first: true });
}

function nameOf(p: ServicePortView): string {
  const v = p.name?.value;
  return typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);
}

export const servicePortName: ObjectRule = {
  scope: 'object',
  id: 'service-port-name',
  defaultSeverity: 'error',
  title: 'Service port names are DNS-1123 labels, unique, and required on every port when there is more than one.',
  kinds: ['Service'],
  check(rc) {
    const s = serviceContext(rc);
    if (!s) return;
    const ports = s.view.ports;
    const taken = new Set(ports.map(nameOf).filter(Boolean));

    // Names for every unnamed port, decided together so that they do not collide.
    const unnamed = ports.length > 1 ? ports.filter((p) => nameOf(p) === '') : [];
    const derived = new Map<ServicePortView, string>();
    for (const p of unnamed) {
      const n = deriveName(p, taken);
      taken.add(n);
      derived.set(p, n);
    }
    const allEdits = unnamed.map((p) => nameEdit(s, p, derived.get(p)!)).filter((e): e is TextEdit => !!e);
    for (const p of unnamed) {
      const path = `spec.ports[${p.index}].name`;
      const name = derived.get(p)!;
      const edit = nameEdit(s, p, name);
      const fixes: Fix[] = [];
      if (unnamed.length > 1 && allEdits.length === unnamed.length) fixes.push(fix(`Name all ${unnamed.length} unnamed ports`, allEdits, true));
      if (edit) fixes.push(fix(`Name this port ${q(name)}`, [edit], unnamed.length === 1));
      rc.report({
        range: p.name?.range ?? p.port?.range ?? p.range,
        message: `${path}: a Service with ${ports.length} ports needs a name on every port; the API server answers ${required(path)}`,
        fixes,
      });
    }

    const seen = new Map<string, ServicePortView>();
    for (const p of ports) {
      const l = p.name;
      if (isUnset(l) || l.value === '') continue;
      const path = `spec.ports[${p.index}].name`;
      if (typeof l.value !== 'string') {
        const text = textOf(s, l.range);
        rc.report({
          range: l.range,
          message: typeError(path, l.value, 'string', 'ServicePort.spec.ports.name'),
          fixes: [fix(`Quote as ${JSON.stringify(text)}`, [{ range: l.range, newText: JSON.stringify(text) }], true)],
        });
        continue;
      }
      const errs = dns1123LabelErrors(l.value);
      if (errs.length) {
        const better = toDnsLabel(l.value);
        rc.report({
          range: l.range,
          message: `${path}: ${q(l.value)} is not a valid port name (a DNS-1123 label: lowercase letters, digits and '-', at most 63 characters); the API server answers ${all(errs.map((e) => invalid(path, l.value, e)))}`,
          fixes: better && !taken.has(better) ? [fix(`Change to ${better}`, [{ range: l.range, newText: yamlString(better) }], true)] : [],
        });
        continue;
      }
      const first = seen.get(l.value);
      if (!first) {
        seen.set(l.value, p);
        continue;
      }
      const unique = deriveName(p, taken);
      taken.add(unique);
      const edit = nameEdit(s, p, unique);
      rc.report({
        range: l.range,
        message: `${path}: ${q(l.value)} is already the name of spec.ports[${first.index}]; the API server answers ${duplicate(path, l.value)}`,
        related: first.name ? [{ file: rc.resource.file, range: first.name.range, message: `spec.ports[${first.index}] is named ${q(l.value)}` }] : [],
        fixes: edit ? [fix(`Rename to ${unique}`, [edit], true)] : [],
      });
    }
  },
};

export const servicePortDuplicate: ObjectRule = {
  scope: 'object',
  id: 'service-port-duplicate',
  defaultSeverity: 'error',
  title: 'No two Service ports may share the same port number and protocol (TCP and UDP on one number is fine).',
  kinds: ['Service'],
  check(rc) {
    const ports = rc.resource.service?.ports ?? [];
    const seen = new Map<string, ServicePortView>();
    for (const p of ports) {
      const port = p.port?.value;
      if (!p.port || !isInt32(port)) continue;
      const key = `${port}/${p.protocol}`;
      const first = seen.get(key);
      if (!first) {
        seen.set(key, p);
        continue;
      }
      const path = `spec.ports[${p.index}]`;
      // The server echoes the internal ServicePort key it compared, with Go field names.
      const echoed = { Name: '', Protocol: p.protocol, AppProtocol: null, Port: port, TargetPort: 0, NodePort: 0 };
      rc.report({
        range: p.port.range,
        message: `${path}: port ${port}/${p.protocol} is already declared by spec.ports[${first.index}]; the API server answers ${duplicate(path, echoed)}`,
        related: first.port ? [{ file: rc.resource.file, range: first.port.range, message: `spec.ports[${first.index}] declares ${port}/${first.protocol}` }] : [],
      });
    }
  },
};
