import type { ObjectRule } from '../rule';
import { checkEnum, serviceContext } from './common';

export const SERVICE_TYPES = ['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'] as const;

export const serviceType: ObjectRule = {
  scope: 'object',
  id: 'service-type',
  defaultSeverity: 'error',
  title: 'spec.type must be ClusterIP, NodePort, LoadBalancer or ExternalName (case-sensitive).',
  kinds: ['Service'],
  check(rc) {
    const s = serviceContext(rc);
    if (!s) return;
    // Unset and "" default to ClusterIP (F1).
    checkEnum(s, { loc: s.view.typeLoc, path: 'spec.type', values: SERVICE_TYPES, noun: 'a Service type', goField: 'ServiceSpec.spec.type', goType: 'v1.ServiceType' });
  },
};
