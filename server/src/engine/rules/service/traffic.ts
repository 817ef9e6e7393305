// How traffic is spread: session affinity (§3.8), external/internal traffic policies and the
// health-check node port (§3.11), trafficDistribution and the topology annotations (S-TD-1, S-META-7, W5, W6).
import { fix, ownPair } from '../../fixes';
import { internalError, invalid, q } from '../../k8s/apiErrors';
import { asMap, get, getPair, keyRangeOf } from '../../yamlNodes';
import { isInt32, wrongTypeMessage } from '../helpers';
import type { ObjectRule } from '../rule';
import { checkEnum, isUnset, locAt, metadataMap, removeSpecKeyFix, replaceLocFix, serviceContext, typeError } from './common';

export const SESSION_AFFINITIES = ['ClientIP', 'None'] as const;
export const TRAFFIC_POLICIES = ['Cluster', 'Local'] as const;
/** Kubernetes 1.35: PreferSameTrafficDistribution is GA, PreferClose a deprecated alias of PreferSameZone. */
export const TRAFFIC_DISTRIBUTIONS = ['PreferClose', 'PreferSameZone', 'PreferSameNode'] as const;

export const serviceSessionAffinity: ObjectRule = {
  scope: 'object',
  id: 'service-session-affinity',
  defaultSeverity: 'error',
  title: 'sessionAffinity must be None or ClientIP; with ClientIP, timeoutSeconds must be 1-86400.',
  kinds: ['Service'],
  check(rc) {
    const s = serviceContext(rc);
    if (!s) return;
    const affinity = s.view.sessionAffinity;
    checkEnum(s, { loc: affinity, path: 'spec.sessionAffinity', values: SESSION_AFFINITIES, noun: 'a session affinity', goField: 'ServiceSpec.spec.sessionAffinity', goType: 'v1.ServiceAffinity' });
    // With affinity None the whole config is dropped before validation (F5): nothing to check.
    if (affinity?.value !== 'ClientIP') return;
    const t = s.view.sessionAffinityTimeout;
    if (isUnset(t)) return;
    const path = 'spec.sessionAffinityConfig.clientIP.timeoutSeconds';
    if (!isInt32(t.value)) {
      rc.report({ range: t.range, message: typeError(path, t.value, 'integer', 'ClientIPConfig.spec.sessionAffinityConfig.clientIP.timeoutSeconds') });
    } else if (t.value <= 0 || t.value > 86400) {
      rc.report({
        range: t.range,
        message: `${path}: ${t.value} seconds is outside 1-86400 (at most one day); the API server answers ${invalid(path, t.value, 'must be greater than 0 and less than 86400')}`,
      });
    }
  },
};

export const serviceTrafficPolicy: ObjectRule = {
  scope: 'object',
  id: 'service-traffic-policy',
  defaultSeverity: 'error',
  title: 'externalTrafficPolicy (only for externally reachable Services), internalTrafficPolicy and healthCheckNodePort must be valid.',
  kinds: ['Service'],
  check(rc) {
    const s = serviceContext(rc);
    if (!s) return;
    const { view } = s;
    const accessible = view.type === 'NodePort' || view.type === 'LoadBalancer' || (view.type === 'ClusterIP' && view.externalIPs.length > 0);
    const etp = view.externalTrafficPolicy;
    if (!isUnset(etp) && etp.value !== '') {
      if (typeof etp.value !== 'string') {
        rc.report({ range: etp.range, message: wrongTypeMessage('spec.externalTrafficPolicy', etp.value, 'string', 'Service', 'ServiceSpec.spec.externalTrafficPolicy', 'v1.ServiceExternalTrafficPolicy') });
      } else if (!accessible) {
        rc.report({
          range: etp.range,
          message:
            `spec.externalTrafficPolicy: only applies to traffic from outside the cluster (NodePort, LoadBalancer, or externalIPs), and this is a${view.type === 'ExternalName' ? 'n ExternalName' : ' ClusterIP'} Service without externalIPs; ` +
            `the API server answers ${invalid('spec.externalTrafficPolicy', etp.value, 'may only be set for externally-accessible services')}`,
          fixes: removeSpecKeyFix(s, 'externalTrafficPolicy', true),
        });
      } else {
        checkEnum(s, { loc: etp, path: 'spec.externalTrafficPolicy', values: TRAFFIC_POLICIES, noun: 'a traffic policy', goField: 'ServiceSpec.spec.externalTrafficPolicy', goType: 'v1.ServiceExternalTrafficPolicy' });
      }
    }
    checkEnum(s, { loc: view.internalTrafficPolicy, path: 'spec.internalTrafficPolicy', values: TRAFFIC_POLICIES, noun: 'a traffic policy', goField: 'ServiceSpec.spec.internalTrafficPolicy', goType: 'v1.ServiceInternalTrafficPolicy' });

    const hc = locAt(s, s.spec, 'healthCheckNodePort');
    if (isUnset(hc) || hc.value === 0) return;
    const path = 'spec.healthCheckNodePort';
    if (!isInt32(hc.value)) {
      rc.report({ range: hc.range, message: typeError(path, hc.value, 'integer', 'ServiceSpec.spec.healthCheckNodePort') });
      return;
    }
    if (view.type !== 'LoadBalancer' || etp?.value !== 'Local') {
      rc.report({
        range: hc.range,
        message:
          `${path}: the health-check node port serves load balancers of externalTrafficPolicy: Local, and this Service is ${view.type}${view.type === 'LoadBalancer' ? ` with externalTrafficPolicy ${typeof etp?.value === 'string' && etp.value ? etp.value : 'Cluster (the default)'}` : ''}; ` +
          `the API server answers ${invalid(path, hc.value, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'")}`,
        fixes: removeSpecKeyFix(s, 'healthCheckNodePort', true),
      });
      return;
    }
    const clash = view.ports.find((p) => p.nodePort?.value === hc.value);
    if (clash) {
      rc.report({
        range: hc.range,
        message:
          `${path}: ${hc.value} is also spec.ports[${clash.index}].nodePort; the allocator reserves it for the port first, ` +
          `so the API server answers ${internalError(`failed to allocate requested HealthCheck NodePort ${hc.value}: provided port is already allocated`)}`,
        related: clash.nodePort ? [{ file: rc.resource.file, range: clash.nodePort.range, message: `spec.ports[${clash.index}].nodePort is ${hc.value}` }] : [],
        fixes: removeSpecKeyFix(s, 'healthCheckNodePort', true),
      });
    }
  },
};

const TOPOLOGY_MODE = 'service.kubernetes.io/topology-mode';
const TOPOLOGY_HINTS = 'service.kubernetes.io/topology-aware-hints';

export const serviceTrafficDistribution: ObjectRule = {
  scope: 'object',
  id: 'service-traffic-distribution',
  defaultSeverity: 'error',
  title: 'trafficDistribution must be PreferSameZone, PreferSameNode or PreferClose (deprecated); topology annotations must agree.',
  kinds: ['Service'],
  check(rc) {
    const s = serviceContext(rc);
    if (!s) return;
    const td = locAt(s, s.spec, 'trafficDistribution');
    const path = 'spec.trafficDistribution';
    if (!isUnset(td) && td.value === 'PreferClose') {
      rc.report({
        range: td.range,
        severity: 'warning',
        message: `${path}: "PreferClose" is a deprecated alias of "PreferSameZone" since Kubernetes 1.34; the API server accepts it with the warning "spec.trafficDistribution: "PreferClose" is deprecated; use "PreferSameZone""`,
        fixes: [replaceLocFix(s, 'Change to PreferSameZone', td, 'PreferSameZone', true)],
      });
    } else {
      checkEnum(s, { loc: td, path, values: TRAFFIC_DISTRIBUTIONS, noun: 'a traffic distribution', goField: 'ServiceSpec.spec.trafficDistribution' });
    }

    const annotations = asMap(s.src, get(s.src, metadataMap(s), 'annotations'));
    // The hints key is renamed in place, so only one written here counts (not one merged in).
    const hints = ownPair(annotations, TOPOLOGY_HINTS);
    if (!hints) return;
    const mode = getPair(s.src, annotations, TOPOLOGY_MODE);
    const hintsKey = keyRangeOf(s.src, hints);
    if (hintsKey) {
      rc.report({
        range: hintsKey,
        severity: 'warning',
        message: `metadata.annotations[${TOPOLOGY_HINTS}]: deprecated since Kubernetes 1.27; the API server accepts it with a warning to use ${TOPOLOGY_MODE} instead (or spec.trafficDistribution)`,
        fixes: mode ? [] : [fix(`Rename to ${TOPOLOGY_MODE}`, [{ range: hintsKey, newText: TOPOLOGY_MODE }], true)],
      });
    }
    const hv = locAt(s, annotations, TOPOLOGY_HINTS);
    const mv = locAt(s, annotations, TOPOLOGY_MODE);
    if (mv && hv && mv.value !== hv.value) {
      const p = `metadata.annotations[${TOPOLOGY_MODE}]`;
      rc.report({
        range: mv.range,
        message: `${p}: ${q(mv.value)} differs from ${TOPOLOGY_HINTS} ${q(hv.value)}; the API server answers ${invalid(p, mv.value, `must match annotations[${TOPOLOGY_HINTS}] when both are specified`)}`,
        related: [{ file: rc.resource.file, range: hv.range, message: `${TOPOLOGY_HINTS} is ${q(hv.value)}` }],
      });
    }
  },
};
