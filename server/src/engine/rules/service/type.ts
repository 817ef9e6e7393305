import { q, unsupported } from '../../k8s/apiErrors';
import { nearest } from '../../text/similar';
import type { ObjectRule } from '../rule';
import { replaceFix, wrongTypeMessage } from '../helpers';

export const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'] as const;

export const serviceType: ObjectRule = {
  scope: 'object',
  id: 'service-type',
  defaultSeverity: 'error',
  title: 'spec.type must be ClusterIP, NodePort, LoadBalancer or ExternalName (case-sensitive).',
  kinds: ['Service'],
  check({ resource, report }) {
    const t = resource.service?.typeLoc;
    if (!t || t.value === null || t.value === '') return; // unset: defaults to ClusterIP
    if (typeof t.value !== 'string') {
      report({ range: t.range, message: wrongTypeMessage('spec.type', t.value, 'string', 'Service', 'ServiceSpec.spec.type', 'v1.ServiceType') });
      return;
    }
    if ((SERVICE_TYPES as readonly string[]).includes(t.value)) return;
    const guess = nearest(t.value, SERVICE_TYPES, 1)[0];
    report({
      range: t.range,
      message:
        `spec.type: ${q(t.value)} is not a Service type${guess ? ` (did you mean ${q(guess)}?)` : ''}; ` +
        `the API server answers ${unsupported('spec.type', t.value, SERVICE_TYPES)}`,
      fixes: guess ? [replaceFix(`Change type to ${guess}`, t.range, guess, true)] : [],
    });
  },
};
