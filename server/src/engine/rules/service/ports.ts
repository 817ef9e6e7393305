import { invalid, PORT_RANGE, q, unsupported } from '../../k8s/apiErrors';
import { nearest } from '../../text/similar';
import type { ObjectRule } from '../rule';
import { replaceFix, wrongTypeMessage } from '../helpers';

export const PROTOCOLS = ['TCP', 'UDP', 'SCTP'] as const;

export const servicePortRange: ObjectRule = {
  scope: 'object',
  id: 'service-port-range',
  defaultSeverity: 'error',
  title: 'spec.ports[].port must be an integer from 1 to 65535.',
  kinds: ['Service'],
  check({ resource, report }) {
    for (const p of resource.service?.ports ?? []) {
      const path = `spec.ports[${p.index}].port`;
      if (!p.port || p.port.value === null) continue; // a missing port is the schema's finding (required)
      const v = p.port.value;
      if (typeof v !== 'number' || !Number.isInteger(v)) {
        const fixes = typeof v === 'string' && /^\d+$/.test(v.trim()) ? [replaceFix(`Change to the number ${Number(v)}`, p.port.range, String(Number(v)), true)] : [];
        report({ range: p.port.range, message: wrongTypeMessage(path, v, 'integer', 'Service', 'ServicePort.spec.ports.port', 'int32'), fixes });
      } else if (v < 1 || v > 65535) {
        report({ range: p.port.range, message: `${path}: ${v} is outside the port range 1-65535; the API server answers ${invalid(path, v, PORT_RANGE)}` });
      }
    }
  },
};

export const serviceProtocol: ObjectRule = {
  scope: 'object',
  id: 'service-protocol',
  defaultSeverity: 'error',
  title: 'spec.ports[].protocol must be TCP, UDP or SCTP (case-sensitive).',
  kinds: ['Service'],
  check({ resource, report }) {
    for (const p of resource.service?.ports ?? []) {
      const l = p.protocolLoc;
      if (!l || l.value === null || l.value === '') continue; // defaults to TCP
      if (typeof l.value === 'string' && (PROTOCOLS as readonly string[]).includes(l.value)) continue;
      const path = `spec.ports[${p.index}].protocol`;
      const guess = typeof l.value === 'string' ? nearest(l.value, PROTOCOLS, 1)[0] : undefined;
      const appProtocol = typeof l.value === 'string' && /^(https?|grpc|h2c?|ws|wss|tls)$/i.test(l.value);
      report({
        range: l.range,
        message:
          `${path}: ${q(l.value)} is not a transport protocol${guess ? ` (did you mean ${q(guess)}?)` : ''}` +
          `${appProtocol ? ' (application protocols such as HTTP or gRPC belong in appProtocol)' : ''}; ` +
          `the API server answers ${unsupported(path, l.value, PROTOCOLS)}`,
        fixes: guess ? [replaceFix(`Change protocol to ${guess}`, l.range, guess, true)] : [],
      });
    }
  },
};
