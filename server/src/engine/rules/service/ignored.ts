// Fields the API server accepts but ignores or drops, with a warning header or silently
// (k8s-service-validation.md §9 W2-W4, F5): never errors, but the Service will not do what they say.
import { Pair } from 'yaml';
import { fix, setValue } from '../../fixes';
import type { Fix, Range } from '../../types';
import { keyRangeOf } from '../../yamlNodes';
import type { ObjectRule } from '../rule';
import { isUnset, removeSpecKeyFix, serviceContext, ServiceContext, specPair } from './common';

function keyRange(s: ServiceContext, pair: Pair | undefined): Range | undefined {
  return pair ? keyRangeOf(s.src, pair) : undefined;
}

export const serviceIgnoredField: ObjectRule = {
  scope: 'object',
  id: 'service-ignored-field',
  defaultSeverity: 'warning',
  title: 'A field the API server accepts but ignores for this Service (headless, ExternalName) or silently drops (sessionAffinityConfig without ClientIP).',
  kinds: ['Service'],
  check(rc) {
    const s = serviceContext(rc);
    if (!s) return;
    const { view } = s;
    const warn = (range: Range, message: string, fixes: Fix[]) => rc.report({ range, message, fixes });

    if (view.type === 'ExternalName') {
      if (view.externalIPs.length > 0) {
        warn(
          keyRange(s, specPair(s, 'externalIPs')) ?? view.externalIPs[0]!.range,
          'spec.externalIPs: an ExternalName Service is only a DNS alias, so no node accepts traffic for these addresses; the API server accepts it with the warning "spec.externalIPs is ignored when spec.type is "ExternalName""',
          removeSpecKeyFix(s, 'externalIPs', true),
        );
      }
    } else {
      const en = view.externalName;
      if (!isUnset(en) && en.value !== '') {
        const fixes = removeSpecKeyFix(s, 'externalName');
        if (s.spec && !view.headless) fixes.push(fix('Change the type to ExternalName', [setValue(s.src, s.spec, 'type', 'ExternalName')]));
        warn(en.range, `spec.externalName: only used by ExternalName Services, and this is a ${view.type} Service; the API server accepts it with the warning "spec.externalName is ignored when spec.type is not "ExternalName""`, fixes);
      }
      if (view.headless) {
        const lbip = view.loadBalancerIP;
        if (!isUnset(lbip) && lbip.value !== '') {
          warn(lbip.range, 'spec.loadBalancerIP: a headless Service (clusterIP: None) has no virtual IP to put behind a load balancer; the API server accepts it with the warning "spec.loadBalancerIP is ignored for headless services"', removeSpecKeyFix(s, 'loadBalancerIP', true));
        }
        if (view.externalIPs.length > 0) {
          warn(
            keyRange(s, specPair(s, 'externalIPs')) ?? view.externalIPs[0]!.range,
            'spec.externalIPs: a headless Service (clusterIP: None) is not proxied, so these addresses receive nothing; the API server accepts it with the warning "spec.externalIPs is ignored for headless services"',
            removeSpecKeyFix(s, 'externalIPs', true),
          );
        }
        const aff = view.sessionAffinity;
        if (!isUnset(aff) && aff.value === 'ClientIP') {
          warn(aff.range, 'spec.sessionAffinity: a headless Service (clusterIP: None) is not proxied, so there is nothing to keep sticky; the API server accepts it with the warning "spec.SessionAffinity is ignored for headless services"', removeSpecKeyFix(s, 'sessionAffinity', true));
        }
      }
    }

    // F5: with affinity None (the default) the config is dropped before validation, without a word.
    const configPair = specPair(s, 'sessionAffinityConfig');
    const affinity = view.sessionAffinity?.value;
    if (configPair && configPair.value !== null && (affinity === undefined || affinity === null || affinity === '' || affinity === 'None')) {
      const range = keyRange(s, configPair);
      if (range) {
        const fixes = removeSpecKeyFix(s, 'sessionAffinityConfig');
        if (s.spec) fixes.push(fix('Set sessionAffinity: ClientIP', [setValue(s.src, s.spec, 'sessionAffinity', 'ClientIP')]));
        warn(range, `spec.sessionAffinityConfig: only applies with sessionAffinity: ClientIP, and sessionAffinity is ${affinity === 'None' ? 'None' : 'None (the default)'}; the API server silently drops the config, so no affinity timeout is in effect`, fixes);
      }
    }
  },
};
