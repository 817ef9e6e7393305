// Node ports: where they may be used and how they collide (S-PORT-12/13, A-NP-3/4), and the
// cluster's node port range that the allocator enforces (A-NP-1, A-HC-1).
import { fix, ownPair, removePair, setValue } from '../../fixes';
import { duplicate, forbidden, internalError, invalid } from '../../k8s/apiErrors';
import type { ServicePortView } from '../../resources';
import { formatPortRange } from '../../settings';
import type { Fix } from '../../types';
import type { ObjectRule } from '../rule';
import { isInt32 } from '../helpers';
import { isUnset, locAt, portMap, removeSpecKeyFix, replaceLocFix, serviceContext, ServiceContext, typeError } from './common';

function removeNodePortFix(s: ServiceContext, p: ServicePortView, title: string, preferred: boolean): Fix[] {
  const map = portMap(s, p.index);
  const pair = ownPair(map, 'nodePort');
  return map && pair ? [fix(title, removePair(s.src, map, pair), preferred)] : [];
}

/** The requested nodePort of a port: a non-zero integer (0 means "allocate one"). */
function requested(p: ServicePortView): number | undefined {
  const v = p.nodePort?.value;
  return isInt32(v) && v !== 0 ? v : undefined;
}

export const serviceNodePort: ObjectRule = {
  scope: 'object',
  id: 'service-node-port',
  defaultSeverity: 'error',
  title: 'nodePort is forbidden on ClusterIP Services, and two ports may not request the same node port.',
  kinds: ['Service'],
  check(rc) {
    const s = serviceContext(rc);
    if (!s) return;
    const { view } = s;
    for (const p of view.ports) {
      const l = p.nodePort;
      if (isUnset(l) || l.value === 0) continue;
      const path = `spec.ports[${p.index}].nodePort`;
      if (!isInt32(l.value)) {
        const v = l.value;
        const numeric = typeof v === 'string' && /^\d+$/.test(v);
        rc.report({
          range: l.range,
          message: typeError(path, v, 'integer', 'ServicePort.spec.ports.nodePort'),
          fixes: numeric ? [replaceLocFix(s, `Change to the number ${Number(v)}`, l, Number(v), true)] : [],
        });
        continue;
      }
      if (view.type !== 'ClusterIP') continue;
      const fixes = removeNodePortFix(s, p, 'Remove nodePort', false);
      // A headless Service cannot become a NodePort Service (S-HL-1), so only offer the type change otherwise.
      if (!view.headless && s.spec) fixes.push(fix('Change the type to NodePort', [setValue(s.src, s.spec, 'type', 'NodePort')]));
      rc.report({
        range: l.range,
        message:
          `${path}: a node port is only opened for NodePort and LoadBalancer Services, and this one is ${view.typeLoc ? 'ClusterIP' : 'ClusterIP (the default type)'}; ` +
          `the API server answers ${forbidden(path, "may not be used when `type` is 'ClusterIP'")}`,
        fixes,
      });
    }

    if (view.type === 'ClusterIP') return; // already forbidden above
    const allocates = view.type === 'NodePort' || view.type === 'LoadBalancer';
    const earlier: ServicePortView[] = [];
    for (const p of view.ports) {
      const n = requested(p);
      if (n === undefined || !p.nodePort) continue;
      const path = `spec.ports[${p.index}].nodePort`;
      const clash = earlier.find((e) => {
        if (requested(e) !== n) return false;
        // One port number over TCP and UDP shares its node port (A-NP-4's exception).
        if (allocates) return !(e.port?.value === p.port?.value && e.protocol !== p.protocol);
        return e.protocol === p.protocol; // not allocated: only validation's (protocol, nodePort) check
      });
      earlier.push(p);
      if (!clash) continue;
      const samePort = clash.port?.value === p.port?.value;
      const related = clash.nodePort ? [{ file: rc.resource.file, range: clash.nodePort.range, message: `spec.ports[${clash.index}] requests node port ${n}` }] : [];
      if (allocates && !samePort) {
        // The allocator reserves node ports by number only, so even another protocol collides (A-NP-3/4).
        rc.report({
          range: p.nodePort.range,
          message:
            `${path}: node port ${n} is already requested by spec.ports[${clash.index}] (port ${String(clash.port?.value)}/${clash.protocol}); node ports are reserved by number, whatever the protocol, ` +
            `so the API server answers ${invalid(path, n, 'provided port is already allocated')}`,
          related,
          fixes: removeNodePortFix(s, p, 'Remove nodePort (let the allocator choose)', true),
        });
      } else {
        rc.report({
          range: p.nodePort.range,
          message: `${path}: node port ${n}/${p.protocol} is already requested by spec.ports[${clash.index}]; the API server answers ${duplicate(path, n)}`,
          related,
        });
      }
    }
  },
};

export const serviceNodePortRange: ObjectRule = {
  scope: 'object',
  id: 'service-node-port-range',
  defaultSeverity: 'error',
  title: "Requested node ports (nodePort, healthCheckNodePort) must lie in the cluster's node port range (setting nodePortRange).",
  kinds: ['Service'],
  check(rc) {
    const s = serviceContext(rc);
    if (!s) return;
    const { view } = s;
    if (view.type !== 'NodePort' && view.type !== 'LoadBalancer') return;
    const { min, max } = rc.settings.nodePortRange;
    const range = formatPortRange(rc.settings.nodePortRange);
    const detail = `provided port is not in the valid range. The range of valid ports is ${range}`;
    for (const p of view.ports) {
      const n = requested(p);
      if (n === undefined || !p.nodePort || (n >= min && n <= max)) continue;
      const path = `spec.ports[${p.index}].nodePort`;
      rc.report({
        range: p.nodePort.range,
        message: `${path}: ${n} is outside the node port range ${range} (setting nodePortRange); the API server answers ${invalid(path, n, detail)}`,
        fixes: removeNodePortFix(s, p, 'Remove nodePort (let the allocator choose one in range)', true),
      });
    }
    const hc = locAt(s, s.spec, 'healthCheckNodePort');
    const etp = view.externalTrafficPolicy?.value;
    if (hc && isInt32(hc.value) && hc.value !== 0 && view.type === 'LoadBalancer' && etp === 'Local' && (hc.value < min || hc.value > max)) {
      rc.report({
        range: hc.range,
        message:
          `spec.healthCheckNodePort: ${hc.value} is outside the node port range ${range} (setting nodePortRange); ` +
          `the API server answers ${internalError(`failed to allocate requested HealthCheck NodePort ${hc.value}: ${detail}`)}`,
        fixes: removeSpecKeyFix(s, 'healthCheckNodePort', true, 'Remove healthCheckNodePort (let the allocator choose)'),
      });
    }
  },
};
